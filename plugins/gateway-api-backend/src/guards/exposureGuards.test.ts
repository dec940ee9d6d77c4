import { TENANT_METADATA } from '@gatehouse/backstage-plugin-gateway-api-common';
import {
  tenantFromNamespace,
  TenantRecord,
} from '../tenants/tenantFromNamespace';
import { ServedHostnameAt, World } from '../world/loadWorld';
import { checkHostname } from './exposureGuards';

/** A tenant as its Namespace records it, read the way the guards read it. */
function tenant(
  cluster: string,
  name: string,
  domains: string[],
  metadata: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  } = {},
): TenantRecord {
  const record = tenantFromNamespace(cluster, {
    metadata: {
      name: `tenant-${name}`,
      labels: { [TENANT_METADATA.tenant]: name, ...metadata.labels },
      annotations: {
        [TENANT_METADATA.ownerGroup]: `group:default/${name}`,
        [TENANT_METADATA.domains]: domains.join(','),
        ...metadata.annotations,
      },
    },
  });
  if (!record) throw new Error(`not a tenant: ${name}`);
  return record;
}
const childOf = (parent: string) => ({
  labels: { [TENANT_METADATA.parentTenant]: parent },
});

/** team-a is a dedicated parent: its http-redirect Gateway listens on *.team-a.example.org. */
const redirect = (
  cluster: string,
  tenantName = 'team-a',
): ServedHostnameAt => ({
  cluster,
  hostname: '*.team-a.example.org',
  tenant: tenantName,
  object: `Gateway/tenant-${tenantName}/http-redirect`,
});

function world(tenants: TenantRecord[], served: ServedHostnameAt[]): World {
  return { tenants, served };
}

const teamA = tenant('one', 'team-a', ['team-a.example.org']);
const kids = tenant(
  'one',
  'kids',
  ['kids.team-a.example.org'],
  childOf('team-a'),
);

describe('checkHostname for a child tenant under a parent serving a wildcard', () => {
  const ask = (tenantName: string, hostname: string, w: World) =>
    checkHostname({ cluster: 'one', tenant: tenantName, hostname }, w);

  it("leaves the child's own names to it", () => {
    expect(
      ask(
        'kids',
        'Shop.Kids.team-a.example.org.',
        world([teamA, kids], [redirect('one')]),
      ),
    ).toMatchObject({ ok: true, hostname: 'shop.kids.team-a.example.org' });
  });

  it('still refuses what the parent serves by name', () => {
    const verdict = ask(
      'kids',
      'shop.kids.team-a.example.org',
      world(
        [teamA, kids],
        [
          redirect('one'),
          {
            cluster: 'one',
            hostname: 'shop.kids.team-a.example.org',
            tenant: 'team-a',
            object: 'HTTPRoute/tenant-team-a/shop',
          },
        ],
      ),
    );
    expect(verdict).toMatchObject({
      ok: false,
      holder: {
        cluster: 'one',
        tenant: 'team-a',
        object: 'HTTPRoute/tenant-team-a/shop',
      },
    });
  });

  it("refuses a sibling's wildcard over the child's domain", () => {
    const pets = tenant(
      'one',
      'pets',
      ['pets.team-a.example.org'],
      childOf('team-a'),
    );
    const verdict = ask(
      'kids',
      'shop.kids.team-a.example.org',
      world(
        [teamA, kids, pets],
        [
          {
            cluster: 'one',
            hostname: '*.kids.team-a.example.org',
            tenant: 'pets',
            object: 'HTTPRoute/tenant-pets/wild',
          },
        ],
      ),
    );
    expect(!verdict.ok && verdict.reason).toMatch(
      /overlaps "\*\.kids\.team-a\.example\.org", already served by HTTPRoute\/tenant-pets\/wild in cluster "one" for tenant "pets"/,
    );
  });

  it('reads the parent from the label the platform alone may set, not from an annotation', () => {
    const claimed = tenant('one', 'kids', ['kids.team-a.example.org'], {
      annotations: { [TENANT_METADATA.parentTenant]: 'team-a' },
    });
    const verdict = ask(
      'kids',
      'shop.kids.team-a.example.org',
      world([teamA, claimed], [redirect('one')]),
    );
    expect(verdict).toMatchObject({ ok: false, holder: { tenant: 'team-a' } });
  });

  it("takes a wildcard of a parent of the same name in another cluster as another tenant's", () => {
    const verdict = ask(
      'kids',
      'shop.kids.team-a.example.org',
      world(
        [teamA, kids, tenant('two', 'team-a', ['team-a.example.org'])],
        [redirect('one'), redirect('two')],
      ),
    );
    expect(verdict).toMatchObject({
      ok: false,
      holder: { cluster: 'two', tenant: 'team-a' },
    });
  });

  it('refuses the child a name of its parent outside its own domain', () => {
    const verdict = ask(
      'kids',
      'shop.team-a.example.org',
      world([teamA, kids], [redirect('one')]),
    );
    expect(!verdict.ok && verdict.reason).toMatch(
      /is not inside a domain of tenant "kids"/,
    );
  });
});
