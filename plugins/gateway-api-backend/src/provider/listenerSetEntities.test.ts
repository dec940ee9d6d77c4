import { HOSTNAMES, listenerSetSnapshot } from '../__testUtils__/listenerSets';
import { entitiesFromSnapshot } from './entities';

const options = {
  defaultOwner: 'group:default/platform',
  location: 'gateway-api:dev',
};

describe('entitiesFromSnapshot with ListenerSets', () => {
  const entities = entitiesFromSnapshot(listenerSetSnapshot(), options);
  const named = (title: string) => {
    const found = entities.find(e => e.metadata.title === title);
    if (!found) throw new Error(`no entity ${title}`);
    return found;
  };

  it('relates a hostname served through a ListenerSet to its Gateway', () => {
    expect(named(HOSTNAMES.A).spec).toMatchObject({
      type: 'hostname',
      owner: 'group:default/team-a',
      dependsOn: ['resource:dev/gateway.shared'],
    });
  });

  it("lists among a Gateway's objects the ListenerSets it admits, and not the others", () => {
    expect(
      named('gateway/shared').metadata.annotations![
        'gateway-api.gatehouse.dev/objects'
      ].split(','),
    ).toEqual([
      'Gateway/gateway/shared',
      `ListenerSet/tenant-team-a/${HOSTNAMES.A}`,
      `ListenerSet/tenant-team-c/${HOSTNAMES.C}`,
    ]);
  });

  it('keeps the entity shapes where no ListenerSet is served', () => {
    const without = entitiesFromSnapshot(
      listenerSetSnapshot({ servesListenerSets: false }),
      options,
    );
    const gateway = without.find(e => e.metadata.title === 'gateway/shared')!;
    expect(
      gateway.metadata.annotations!['gateway-api.gatehouse.dev/objects'],
    ).toBe('Gateway/gateway/shared');
    // Without the ListenerSet its Gateway is unknown: no relation is made up.
    expect(
      without.find(e => e.metadata.title === HOSTNAMES.A)!.spec!.dependsOn,
    ).toEqual([]);
  });
});
