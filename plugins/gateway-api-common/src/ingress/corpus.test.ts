import { GATEWAY_API_ANNOTATIONS } from '../annotations';
import { CORPUS } from './__corpus__/cases';
import { CorpusCase, PREFIX, corpusInput } from './__corpus__/corpus';
import { translateIngress } from './translate';

function annotationKey(c: CorpusCase, name: string) {
  return name.includes('/') ? name : `${c.annotationPrefix ?? PREFIX}/${name}`;
}

describe('the ingress-nginx documentation corpus', () => {
  it('has at least 40 cases with distinct names', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CORPUS.map(c => c.name)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map(c => [c.name, c] as const))('%s', (_, c) => {
    // As the user first sees it: nothing accepted.
    const first = translateIngress(corpusInput(c));
    const ids = first.report.differences.map(d => d.id);
    expect([...ids].sort()).toEqual([...c.expect.differences].sort());
    const blocking = first.report.differences.filter(
      d => d.severity === 'blocking',
    );
    expect(first.status).toBe(blocking.length ? 'blocked' : 'translated');
    if (first.status === 'blocked') {
      expect(first.blocking.map(d => d.id).sort()).toEqual(
        blocking.map(d => d.id).sort(),
      );
    }

    // Every annotation of the Ingress has exactly one report line.
    const own = first.report.annotations.filter(a => a.ingress === undefined);
    expect(own.map(a => a.annotation).sort()).toEqual(
      Object.keys(c.ingress.metadata?.annotations ?? {}).sort(),
    );
    if (c.expect.annotations) {
      const outcomes = Object.fromEntries(
        Object.entries(c.expect.annotations).map(([name, outcome]) => [
          annotationKey(c, name),
          outcome,
        ]),
      );
      expect(
        Object.fromEntries(
          own
            .filter(a => a.annotation in outcomes)
            .map(a => [a.annotation, a.outcome]),
        ),
      ).toEqual(outcomes);
    }

    // Once every acceptable difference is accepted.
    const acceptable = first.report.differences
      .filter(d => d.acceptable)
      .map(d => d.id);
    const second = translateIngress(corpusInput(c, acceptable));
    if (c.expect.refused) {
      expect(second.status).toBe('blocked');
      if (second.status === 'blocked') {
        expect(second.blocking.map(d => d.id).sort()).toEqual(
          [...c.expect.refused].sort(),
        );
        expect(second.blocking.every(d => !d.acceptable)).toBe(true);
      }
      return;
    }
    expect(second.status).toBe('translated');
    if (second.status !== 'translated') return;
    const byKey = Object.fromEntries(
      second.objects.map(o => [`${o.kind}/${o.metadata.name}`, o]),
    );
    if (c.expect.objects) {
      expect(Object.keys(byKey).sort()).toEqual(
        Object.keys(c.expect.objects).sort(),
      );
      for (const [key, fields] of Object.entries(c.expect.objects)) {
        expect(byKey[key]).toMatchObject(fields);
      }
    }
    for (const object of second.objects) {
      expect(object.metadata.namespace).toBeTruthy();
      expect(
        object.metadata.annotations?.[GATEWAY_API_ANNOTATIONS.migratedFrom],
      ).toBe(`${c.ingress.metadata?.namespace}/${c.ingress.metadata?.name}`);
      if (object.kind === 'HTTPRoute' && acceptable.length) {
        expect(
          JSON.parse(
            object.metadata.annotations?.[
              GATEWAY_API_ANNOTATIONS.acceptedDifferences
            ] ?? '[]',
          ),
        ).toEqual(acceptable);
      }
    }
  });
});
