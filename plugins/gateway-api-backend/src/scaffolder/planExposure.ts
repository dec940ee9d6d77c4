import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { dnsLabelName } from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { checkExposure } from '../guards/exposureGuards';
import {
  buildExposureObjects,
  exposureFieldManager,
  KubernetesObject,
} from '../manifests';
import { loadWorld } from '../world/loadWorld';
import { authorizeExpose } from './authorizeExpose';
import { checkEntityOwnership } from './entityOwnership';
import { resolveClusterClient } from './clusters';
import type { ExposeRouteActionOptions, ExposeRouteInput } from './exposeRoute';
import { exposureNames } from './exposureNames';
import { planYaml } from './plan';
import {
  requireClassSupportsRouteKind,
  requireServedRouteKind,
  exposureGatewayApiFor,
} from './servedGatewayApi';

/**
 * Everything an exposure is before it is written: the guards, the permission, the Service
 * check, and the objects of the tenant's layout. Shared by expose and analyze.
 */
export async function planExposure(
  input: ExposeRouteInput,
  options: ExposeRouteActionOptions,
  ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> },
) {
  const client = resolveClusterClient(
    options.clients,
    input.cluster,
    options.clusterProblem,
  );
  await requireServedRouteKind(client, input.routeKind);
  const world = await loadWorld(options.clients);
  const tenantNamespace = world.tenants.find(
    t => t.cluster === client.name && t.name === input.tenant,
  )?.namespace;
  const routeNamespace = input.namespace ?? tenantNamespace ?? '';
  const serviceNamespace = input.service.namespace ?? routeNamespace;
  const verdict = checkExposure(
    {
      cluster: client.name,
      tenant: input.tenant,
      hostname: input.hostname,
      routeNamespace,
      service: { ...input.service, namespace: serviceNamespace },
    },
    world,
  );
  if (!verdict.ok) throw new InputError(verdict.reason);
  const { tenant, hostname } = verdict;
  if (!tenant.spec) {
    throw new InputError(
      `Tenant "${tenant.name}" was not provisioned by Gatehouse (its namespace has no spec annotation); provision it with gatewayApi:tenant:provision first.`,
    );
  }

  // ACME HTTP-01 proves one name at a time and can never issue a wildcard certificate.
  if (
    hostname.startsWith('*.') &&
    input.routeKind === 'HTTPRoute' &&
    (tenant.spec.certificates.type === 'acme-http01' ||
      tenant.spec.certificates.type === 'acme-http01-cluster-issuer')
  ) {
    throw new InputError(
      `"${hostname}" is a wildcard, and tenant "${tenant.name}" issues certificates with ACME HTTP-01, which cannot issue wildcard certificates; expose it with TLS passthrough (TLSRoute), or ask the platform team for DNS-01 issuance.`,
    );
  }

  await authorizeExpose(
    options.permissions,
    ctx,
    tenant,
    'expose services under',
  );
  const entityRef = await checkEntityOwnership(
    options.catalog,
    ctx,
    input.entityRef,
    tenant,
  );

  // A pull request may add the Service itself; a direct apply needs it now.
  if (input.output === 'apply') {
    await checkServicePort(client, serviceNamespace, input.service);
  }

  await requireClassSupportsRouteKind(client, tenant.spec, input.routeKind);
  const served = await exposureGatewayApiFor(client, tenant.spec);
  const objects: KubernetesObject[] = buildExposureObjects(
    {
      hostname,
      kind: input.routeKind,
      routeNamespace,
      service: {
        namespace: serviceNamespace,
        name: input.service.name,
        port: input.service.port,
      },
      pathPrefix: input.pathPrefix,
      entityRef,
      kubernetesId: dnsLabelName(entityRef.replace(/^.*[:/]/, '')),
      names: exposureNames(hostname),
    },
    tenant.spec,
    served,
  );
  const fieldManager = exposureFieldManager(hostname);
  const plan = objects.map(object => ({ object, fieldManager }));
  return { client, tenant, hostname, objects, plan, manifests: planYaml(plan) };
}

async function checkServicePort(
  client: ClusterClient,
  namespace: string,
  service: { name: string; port: number },
) {
  const found = (await client.get({
    apiVersion: 'v1',
    kind: 'Service',
    namespace,
    name: service.name,
  })) as { spec?: { ports?: { port: number }[] } } | undefined;
  if (!found) {
    throw new InputError(
      `Service "${namespace}/${service.name}" does not exist in cluster "${client.name}"; deploy it first or fix the name.`,
    );
  }
  const ports = found.spec?.ports ?? [];
  if (!ports.some(p => p.port === service.port)) {
    throw new InputError(
      `Service "${namespace}/${service.name}" has no port ${
        service.port
      } (ports: ${ports.map(p => p.port).join(', ') || 'none'}).`,
    );
  }
}
