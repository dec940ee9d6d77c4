import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DEFAULT_GATEWAY_API_INSTALL,
  DevCluster,
  GATEWAY_API_INSTALLS,
  gatewayApiInstallCases,
  parseGatewayApiInstall,
  startDevCluster,
} from './index';
import { resolveGatewayApiInstall } from './gatewayApiInstall';
import { defaultSeed, repoRoot } from './paths';
import { readConfig } from './config';
import { readSeed } from './seed';

async function get(cluster: DevCluster, urlPath: string) {
  const res = await fetch(`${cluster.url}${urlPath}`, {
    headers: { Authorization: `Bearer ${cluster.adminToken}` },
  });
  return { status: res.status, body: (await res.json()) as any };
}

const tlsRoutes = (version: string) =>
  `/apis/gateway.networking.k8s.io/${version}/tlsroutes`;

describe('choosing the Gateway API install', () => {
  it('lists the four installs and defaults to one of them', () => {
    expect(GATEWAY_API_INSTALLS.map(i => `${i.version}/${i.channel}`)).toEqual([
      'v1.4.1/standard',
      'v1.4.1/experimental',
      'v1.6.1/standard',
      'v1.6.1/experimental',
    ]);
    expect(GATEWAY_API_INSTALLS).toContainEqual(DEFAULT_GATEWAY_API_INSTALL);
    expect(resolveGatewayApiInstall(undefined, {})).toEqual(
      DEFAULT_GATEWAY_API_INSTALL,
    );
  });

  it('takes GATEHOUSE_GATEWAY_API over the default and the options over both', () => {
    const env = { GATEHOUSE_GATEWAY_API: 'v1.4.1/standard' };
    expect(resolveGatewayApiInstall(undefined, env)).toEqual({
      version: 'v1.4.1',
      channel: 'standard',
    });
    expect(
      resolveGatewayApiInstall({ version: 'v1.6.1', channel: 'standard' }, env),
    ).toEqual({ version: 'v1.6.1', channel: 'standard' });
    expect(
      resolveGatewayApiInstall(undefined, {
        GATEHOUSE_GATEWAY_API_CRDS_DIR: '/elsewhere/standard',
      }),
    ).toEqual({ ...DEFAULT_GATEWAY_API_INSTALL, dir: '/elsewhere/standard' });
  });

  it('refuses an install it does not know, naming the ones it does', () => {
    expect(() => parseGatewayApiInstall('v1.5.0/standard')).toThrow(
      'unknown Gateway API install "v1.5.0/standard": expected one of v1.4.1/standard, v1.4.1/experimental, v1.6.1/standard, v1.6.1/experimental',
    );
    expect(() =>
      resolveGatewayApiInstall({ version: 'v1.6.1', channel: 'beta' as never }),
    ).toThrow(/unknown Gateway API install "v1.6.1\/beta"/);
  });

  it('loads every example on the default install', async () => {
    const log: string[] = [];
    const cluster = await startDevCluster({
      controllers: false,
      gatewayApi: DEFAULT_GATEWAY_API_INSTALL,
      log: line => log.push(line),
    });
    try {
      expect(log).toEqual([]);
      for (const { object } of readSeed([defaultSeed])) {
        const { apiVersion, kind, metadata } = object;
        const base = apiVersion.includes('/')
          ? `/apis/${apiVersion}`
          : `/api/${apiVersion}`;
        const discovery = await get(cluster, base);
        const plural = discovery.body.resources.find(
          (r: any) => r.kind === kind && !r.name.includes('/'),
        ).name;
        const ns = metadata.namespace
          ? `/namespaces/${metadata.namespace}`
          : '';
        const res = await get(
          cluster,
          `${base}${ns}/${plural}/${metadata.name}`,
        );
        expect([kind, metadata.name, res.status]).toEqual([
          kind,
          metadata.name,
          200,
        ]);
      }
    } finally {
      await cluster.close();
    }
  });
});

describe.each(gatewayApiInstallCases())(
  'a dev cluster on Gateway API %s',
  (_name, install) => {
    let cluster: DevCluster;
    const log: string[] = [];
    beforeAll(async () => {
      cluster = await startDevCluster({
        controllers: false,
        gatewayApi: install,
        log: line => log.push(line),
      });
    });
    afterAll(() => cluster.close());

    it('serves exactly the TLSRoute versions of that install', async () => {
      const served: Record<string, string[]> = {
        'v1.4.1/standard': [],
        'v1.4.1/experimental': ['v1alpha2', 'v1alpha3'],
        'v1.6.1/standard': ['v1'],
        'v1.6.1/experimental': ['v1', 'v1alpha2', 'v1alpha3'],
      };
      const expected = served[`${install.version}/${install.channel}`];
      for (const version of ['v1', 'v1alpha2', 'v1alpha3']) {
        const res = await get(cluster, tlsRoutes(version));
        expect([version, res.status]).toEqual([
          version,
          expected.includes(version) ? 200 : 404,
        ]);
      }
      expect(cluster.gatewayApi).toEqual(install);
    });

    it('skips the seed objects it does not serve, one line each, and loads the rest', async () => {
      const skipped: string[] = [];
      for (const { object } of readSeed([defaultSeed])) {
        const [group, version] = object.apiVersion.includes('/')
          ? object.apiVersion.split('/')
          : ['', object.apiVersion];
        const discovery = await get(
          cluster,
          group ? `/apis/${group}/${version}` : `/api/${version}`,
        );
        const served = (discovery.body.resources ?? []).some(
          (r: any) => r.kind === object.kind,
        );
        if (!served) skipped.push(`${object.kind} ${object.apiVersion}`);
      }
      const notLoaded = log.filter(l => l.includes(' not loaded: '));
      expect(
        notLoaded.map(l => {
          const m =
            / not loaded: Gateway API (\S+) does not serve (\S+) (\w+)$/.exec(
              l,
            );
          return m && `${m[3]} ${m[2]}`;
        }),
      ).toEqual(skipped);
      expect(
        notLoaded.every(l =>
          l.includes(` ${install.version}/${install.channel} `),
        ),
      ).toBe(true);
      // Anything else logged is an object loaded without fields this install does not know.
      for (const line of log.filter(l => !l.includes(' not loaded: '))) {
        expect(line).toMatch(
          new RegExp(
            `^seed file .*: \\w+ \\S+ loaded with warnings on Gateway API ${install.version}/${install.channel}: unknown field "[^"]+"`,
          ),
        );
      }
    });

    it('has the admission policy the release ships, listable through the API', async () => {
      const policies = await get(
        cluster,
        '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies',
      );
      const bindings = await get(
        cluster,
        '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings',
      );
      const names = (list: any) =>
        list.body.items.map((i: any) => i.metadata.name);
      const shipped =
        install.version === 'v1.6.1'
          ? ['safe-upgrades.gateway.networking.k8s.io']
          : [];
      expect(names(policies)).toEqual(shipped);
      expect(names(bindings)).toEqual(shipped);
      // The two channels ship different version checks (the experimental one allows v0.0.0-dev).
      expect(
        policies.body.items.map((p: any) =>
          p.spec.validations[1].message.includes('v0.0.0-dev'),
        ),
      ).toEqual(shipped.map(() => install.channel === 'experimental'));
    });
  },
);

describe('the gatewayApi key of a YAML config', () => {
  it('is read, with its dir taken from the repository root', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-cluster-config-'));
    try {
      const file = path.join(dir, 'config.yaml');
      fs.writeFileSync(
        file,
        'gatewayApi:\n  version: v1.6.1\n  channel: standard\n  dir: crds/standard\n',
      );
      expect(readConfig(file).gatewayApi).toEqual({
        version: 'v1.6.1',
        channel: 'standard',
        dir: path.join(repoRoot, 'crds/standard'),
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
