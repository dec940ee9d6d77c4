import path from 'node:path';
import { ResourceType, storageVersion } from './api/types';
import { Registry } from './api/registry';
import { StatusError } from './api/status';
import { matchesLabelSelector } from './api/labelSelector';
import { builtinTypes } from './api/builtinTypes';
import { loadCrds } from './api/crdLoader';
import { ObjectStore, objectKey } from './store/objectStore';
import { TypeValidator } from './validation/typeValidator';
import {
  AdmissionSource,
  ValidatingAdmission,
} from './admission/validatingAdmission';
import {
  Authorizer,
  DevClusterCertificateUser,
  DevClusterToken,
  adminToken,
  authenticatedUser,
} from './auth/authorizer';
import { FaultOptions, Faults } from './faults/faults';
import {
  ResourceService,
  WriteContext,
  WriteRecord,
} from './server/resourceService';
import { WatchHub } from './server/watch';
import { ApiServer } from './server/apiServer';
import { OpenApiDocs } from './server/openapi';
import { devClusterPki, listen } from './server/listener';
import { CertificateIdentity, KeyPairPems } from './auth/pki';
import { readSeed } from './seed';
import { kubeconfigFor } from './kubeconfig';
import { startControllers } from './controllers';
import { defaultCrdDir, defaultSeed, implementationCrdDirs } from './paths';
import {
  GatewayApiInstall,
  gatewayApiCrdDir,
  gatewayApiInstallName,
  resolveGatewayApiInstall,
} from './gatewayApiInstall';
import { KubeObject } from './api/types';

export interface DevClusterOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port; default 0. */
  port?: number;
  /**
   * The shared CRD folder: cert-manager and Envoy Gateway CRDs are read from its
   * `cert-manager/` and `envoy-gateway/`, NGINX Gateway Fabric's from
   * `crds-nginx-gateway-fabric-<version>/` beside it; default `<repo>/../shared/crds`, or env
   * GATEHOUSE_CRDS_DIR.
   */
  crdDir?: string;
  /**
   * The one Gateway API install served (its CRDs and the objects its release ships beside
   * them); default env GATEHOUSE_GATEWAY_API (`v1.6.1/experimental`), else v1.6.1 standard.
   * `dir` (or env GATEHOUSE_GATEWAY_API_CRDS_DIR) points at the install's own CRD folder.
   */
  gatewayApi?: Partial<GatewayApiInstall>;
  /** Manifest files or directories created at start, as the admin user; default `<repo>/examples/cluster` (skipped when missing). */
  seed?: string[];
  /**
   * Manifests created once the seed is in, as the admin user: what a platform installs on a
   * cluster whose objects already exist, such as admission policies (the seed's objects are
   * not judged by them, every later write is). Default none.
   */
  afterSeed?: string[];
  /** Extra tokens; the admin token `dev-cluster-admin-token` is always present. */
  tokens?: DevClusterToken[];
  /** What users named by client certificates may do (their groups come from the certificate's O). */
  certificateUsers?: DevClusterCertificateUser[];
  /** Options forwarded to startControllers, or false to run without controllers. */
  controllers?: false | Record<string, unknown>;
  faults?: FaultOptions;
  /** Events retained for watch resume and paginated lists; default 10000. */
  watchWindow?: number;
  /** Where start-up notes go (a seed object the install does not serve); default console.warn. */
  log?: (line: string) => void;
}

export interface DevCluster {
  url: string;
  /** The same server over TLS (one port serves both). */
  httpsUrl: string;
  adminToken: string;
  /** The Gateway API install this cluster serves. */
  gatewayApi: GatewayApiInstall;
  /** Accepted writes since start-up (seeding excluded; dry runs never recorded). */
  writes: WriteRecord[];
  kubeconfig(token?: string): string;
  /**
   * Base64 PEM of the CA that signs the HTTPS side's certificate (for 127.0.0.1, ::1 and
   * localhost) and the client certificates: a client passes it as `caData` and verifies TLS.
   */
  caData: string;
  /** A client certificate the cluster accepts: CN the username, one O per group. */
  clientCertificate(
    identity: CertificateIdentity,
    validForMs?: number,
  ): KeyPairPems;
  /** Accepts another token from now on (to rotate one, add the new one with an expiry on the old). */
  addToken(token: DevClusterToken): void;
  setFaults(f: FaultOptions): void;
  close(): Promise<void>;
}

/** CRD parsing and schema compilation take seconds, so they are shared by clusters in one process. */
const typeCache = new Map<
  string,
  {
    types: ResourceType[];
    validators: Map<ResourceType, TypeValidator>;
    installObjects: KubeObject[];
  }
>();

function loadTypes(crdDirs: string[]) {
  const key = crdDirs.join('\u0000');
  let cached = typeCache.get(key);
  if (!cached) {
    const crds = loadCrds(crdDirs);
    const types = [...builtinTypes, ...crds.types];
    const validators = new Map(types.map(t => [t, new TypeValidator(t)]));
    cached = { types, validators, installObjects: crds.objects };
    typeCache.set(key, cached);
  }
  return cached;
}

function admissionSource(
  store: ObjectStore,
  registry: Registry,
): AdmissionSource {
  const all = (kind: string) => {
    const type = registry.byGroupKind('admissionregistration.k8s.io', kind)!;
    const snapshot = store.snapshot(type);
    return snapshot.keys.map(k => snapshot.get(k)!);
  };
  const namespaces = registry.byGroupKind('', 'Namespace')!;
  return {
    policies: () => all('ValidatingAdmissionPolicy'),
    bindings: () => all('ValidatingAdmissionPolicyBinding'),
    namespace: name => store.get(namespaces, name),
    params: (paramKind, namespace, ref) => {
      const found = registry.forObject(paramKind);
      if (!found) return undefined;
      const ns = found.type.namespaced ? namespace : undefined;
      if (ref.name) {
        const object = store.get(found.type, objectKey(ns, ref.name));
        return object ? [object] : [];
      }
      const snapshot = store.snapshot(found.type);
      return snapshot.keys
        .map(k => snapshot.get(k)!)
        .filter(
          o =>
            (!ns || o.metadata.namespace === ns) &&
            matchesLabelSelector(ref.selector, o.metadata.labels),
        );
    },
  };
}

function seedContext(
  fieldValidation: WriteContext['fieldValidation'] = 'Strict',
): WriteContext {
  return {
    user: authenticatedUser(adminToken),
    dryRun: false,
    fieldManager: 'dev-cluster-seed',
    fieldValidation,
    warnings: [],
  };
}

/** Creates what installing the Gateway API release leaves besides its CRDs (its admission policy). */
function createInstallObjects(
  service: ResourceService,
  registry: Registry,
  objects: KubeObject[],
): void {
  for (const object of objects) {
    const found = registry.forObject(object);
    if (!found || found.type.namespaced) {
      throw new Error(
        `the Gateway API install ships ${object.apiVersion} ${object.kind} ${object.metadata?.name}, which the dev cluster cannot create`,
      );
    }
    service.create(
      { type: found.type, version: found.version },
      structuredClone(object),
      seedContext(),
    );
  }
}

function seed(
  service: ResourceService,
  registry: Registry,
  entries: string[],
  install: GatewayApiInstall,
  log: (line: string) => void,
): void {
  const namespaces = registry.byGroupKind('', 'Namespace')!;
  for (const { file, object } of readSeed(entries)) {
    const where = `seed file ${file}: ${object.kind} ${objectKey(
      object.metadata?.namespace,
      object.metadata?.name ?? object.metadata?.generateName,
    )}`;
    const found = registry.forObject(object);
    if (!found) {
      // A real cluster refuses what its CRDs do not serve; the rest of the seed still loads.
      log(
        `${where} not loaded: Gateway API ${gatewayApiInstallName(
          install,
        )} does not serve ${object.apiVersion} ${object.kind}`,
      );
      continue;
    }
    const target = {
      type: found.type,
      version: found.version,
      namespace:
        object.metadata?.namespace ??
        (found.type.namespaced ? 'default' : undefined),
    };
    // Fields an older install does not know are pruned, as an apiserver does without strict
    // field validation, and named: the object still loads.
    const ctx = seedContext('Warn');
    try {
      if (
        found.type === namespaces &&
        service.exists(target, object.metadata.name)
      ) {
        service.patch(
          target,
          object.metadata.name,
          'merge',
          { metadata: object.metadata },
          ctx,
          false,
        );
      } else {
        service.create(target, object, ctx);
      }
      if (ctx.warnings.length) {
        log(
          `${where} loaded with warnings on Gateway API ${gatewayApiInstallName(
            install,
          )}: ${ctx.warnings.join('; ')}`,
        );
      }
    } catch (e) {
      throw new Error(
        `${where}: ${e instanceof StatusError ? e.message : String(e)}`,
      );
    }
  }
}

/** Starts the API server, seeds it, and (unless disabled) the simulated controllers. */
export async function startDevCluster(
  options: DevClusterOptions = {},
): Promise<DevCluster> {
  const crdDir = path.resolve(
    options.crdDir ?? process.env.GATEHOUSE_CRDS_DIR ?? defaultCrdDir,
  );
  const gatewayApi = resolveGatewayApiInstall(options.gatewayApi);
  const { types, validators, installObjects } = loadTypes([
    path.join(crdDir, 'cert-manager'),
    path.join(crdDir, 'envoy-gateway'),
    ...implementationCrdDirs(crdDir),
    gatewayApiCrdDir(gatewayApi, crdDir),
  ]);
  const registry = new Registry(types);
  const store = new ObjectStore(options.watchWindow ?? 10000);
  const namespaces = registry.byGroupKind('', 'Namespace')!;
  const service = new ResourceService(
    store,
    validators,
    new ValidatingAdmission(admissionSource(store, registry)),
    namespaces,
    () => types.filter(t => t.namespaced),
  );
  for (const name of ['default', 'kube-system', 'kube-public']) {
    service.create(
      { type: namespaces, version: storageVersion(namespaces) },
      { metadata: { name } },
      seedContext(),
    );
  }
  createInstallObjects(service, registry, installObjects);
  // eslint-disable-next-line no-console
  const log = options.log ?? (line => console.warn(line));
  seed(service, registry, options.seed ?? [defaultSeed], gatewayApi, log);
  seed(service, registry, options.afterSeed ?? [], gatewayApi, log);
  service.writes.length = 0;

  const faults = new Faults(options.faults);
  const watches = new WatchHub(store);
  const authorizer = new Authorizer(
    options.tokens ?? [],
    options.certificateUsers ?? [],
  );
  let url = '';
  const api = new ApiServer({
    registry,
    service,
    watches,
    authorizer,
    faults,
    openapi: new OpenApiDocs(registry),
    address: () => url.replace(/^https?:\/\//, ''),
    bookmarkIntervalMs: 1000,
  });
  const listener = await listen(
    api.handle,
    options.host ?? '127.0.0.1',
    options.port ?? 0,
  );
  url = `http://${listener.address}:${listener.port}`;
  const secureUrl = `https://${listener.address}:${listener.port}`;

  const controllers =
    options.controllers === false
      ? undefined
      : await startControllers({
          url,
          token: adminToken.token,
          ...options.controllers,
        });

  return {
    url,
    httpsUrl: secureUrl,
    adminToken: adminToken.token,
    gatewayApi,
    writes: service.writes,
    kubeconfig: (token = adminToken.token) => kubeconfigFor(secureUrl, token),
    caData: devClusterPki().caData,
    clientCertificate: (identity, validForMs) =>
      devClusterPki().clientCertificate(identity, validForMs),
    addToken: token => authorizer.addToken(token),
    setFaults: f => faults.set(f),
    close: async () => {
      await controllers?.stop();
      watches.closeAll();
      await listener.close();
    },
  };
}
