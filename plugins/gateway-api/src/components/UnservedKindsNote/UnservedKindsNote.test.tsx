import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { UnservedKindsNote } from './UnservedKindsNote';

describe('UnservedKindsNote', () => {
  it('says which cluster does not serve TLSRoute and what that hides', async () => {
    await renderInTestApp(
      <UnservedKindsNote
        unserved={[{ cluster: 'legacy', kinds: ['TLSRoute', 'ListenerSet'] }]}
      />,
    );
    expect(
      await screen.findByText(
        'Info: Cluster legacy does not serve TLSRoute: passthrough routes are not shown.',
      ),
    ).toBeInTheDocument();
  });

  it('says nothing of kinds whose absence hides no hostname', async () => {
    const { container } = await renderInTestApp(
      <UnservedKindsNote
        unserved={[{ cluster: 'old', kinds: ['ListenerSet', 'EnvoyProxy'] }]}
      />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
