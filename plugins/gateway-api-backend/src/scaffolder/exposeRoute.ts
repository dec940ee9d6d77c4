import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zod } from 'zod/v3';
import {
  dnsLabelName,
  gatewayApiResourceRef,
} from '@gatehouse/backstage-plugin-gateway-api-common';
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
import { parseInput } from './parseInput';
import { examples } from './exposeRoute.examples';
import { exposureNames } from './exposureNames';
import { executePlan, planYaml } from './plan';
import { reportAnalysis } from './reportAnalysis';
import {
  requireServedRouteKind,
  servedGatewayApiFor,
} from './servedGatewayApi';
import { waitForExposure } from './waitForExposure';

export interface ExposeRouteActionOptions {
  clients: ClusterClient[];
  permissions: PermissionsService;
  /** Reads the exposed entity's owner, with the initiator's credentials. */
  catalog: Pick<CatalogService, 'getEntityByRef'>;
}

/** The input schema; parsed again in the handler, since the scaffolder validates without applying defaults. */
export const exposeRouteInput = (z: typeof zod) =>
  z.object({
    cluster: z
      .string({
        description:
          'Cluster name from kubernetes.clusterLocatorMethods; optional when only one is configured',
      })
      .optional(),
    tenant: z.string({ description: 'Tenant whose domain the hostname is in' }),
    hostname: z.string({
      description: 'Hostname to expose, inside one of the tenant domains',
    }),
    routeKind: z
      .enum(['HTTPRoute', 'TLSRoute'], {
        description:
          'HTTPRoute terminates TLS at the Gateway; TLSRoute passes TLS through to the Service',
      })
      .default('HTTPRoute'),
    namespace: z
      .string({
        description:
          'Namespace of the route: the tenant namespace or one attached to it',
      })
      .optional(),
    service: z.object(
      {
        name: z.string({ description: 'Service name' }),
        namespace: z
          .string({
            description: 'Service namespace; defaults to the route namespace',
          })
          .optional(),
        port: z.number({ description: 'Service port' }).int(),
      },
      { description: 'The Service to expose' },
    ),
    pathPrefix: z
      .string({
        description: 'HTTPRoute only: path prefix to route, "/" by default',
      })
      .regex(
        /^\/[^\s?#]*$/,
        'a path prefix starts with "/" and has no spaces, "?" or "#"',
      )
      .default('/'),
    entityRef: z.string({
      description: 'Catalog entity exposed, e.g. component:default/checkout',
    }),
    wait: z
      .number({
        description:
          'Seconds to wait for the route to be Accepted with ResolvedRefs, the Gateway Programmed and the certificate Ready; 0 to not wait',
      })
      .int()
      .min(0)
      .max(600)
      .default(0),
    output: z
      .enum(['apply', 'files'], {
        description:
          'apply to the cluster, or write manifests to the workspace for a pull request',
      })
      .default('apply'),
    targetPath: z
      .string({ description: 'files output: directory in the workspace' })
      .default('manifests'),
  });

/**
 * `gatewayApi:route:expose`: a Service port on a hostname of a tenant, as an HTTPRoute (TLS
 * terminated at the Gateway) or a TLSRoute (passthrough), with what the tenant's layout needs
 * on the gateway side. Every guard runs before the first write.
 */
export function createExposeRouteAction(options: ExposeRouteActionOptions) {
  return createTemplateAction({
    id: 'gatewayApi:route:expose',
    description:
      'Exposes a Service on a hostname of a tenant through the Gateway API (HTTPRoute with TLS terminated at the Gateway, or TLSRoute passthrough)',
    examples,
    supportsDryRun: true,
    schema: {
      input: exposeRouteInput,
      output: {
        url: z => z.string({ description: 'The exposed URL' }),
        routeRef: z =>
          z.string({ description: 'Kind/namespace/name of the route' }),
        status: z =>
          z.string({
            description: 'Status after waiting, or "applied"/"planned"',
          }),
        hostnameEntityRef: z =>
          z.string({ description: 'Catalog entity of the hostname' }),
        manifests: z =>
          z.string({ description: 'The planned objects as YAML' }),
      },
    },
    async handler(ctx) {
      const input = parseInput(exposeRouteInput, ctx.input);
      const { client, hostname, objects, plan, manifests } = await planExposure(
        input,
        options,
        ctx,
      );
      ctx.logger.info(`Planned objects:\n${manifests}`);
      if (ctx.isDryRun) await reportAnalysis(ctx, client, objects);

      await executePlan(ctx, client, plan, {
        output: input.output,
        targetPath: input.targetPath,
        checkpointKey: `gatewayApi:route:expose:${client.name}:${hostname}`,
      });

      const route = objects.find(o => o.kind === input.routeKind)!;
      const routeRef = `${route.kind}/${route.metadata.namespace}/${route.metadata.name}`;
      let status =
        ctx.isDryRun || input.output === 'files' ? 'planned' : 'applied';
      if (input.wait > 0 && status === 'applied') {
        status = await waitForExposure(client, route, {
          timeoutSeconds: input.wait,
          logger: ctx.logger,
          signal: ctx.signal,
        });
      }
      ctx.output(
        'url',
        `https://${hostname}${
          input.routeKind === 'HTTPRoute' && input.pathPrefix !== '/'
            ? input.pathPrefix
            : ''
        }`,
      );
      ctx.output('routeRef', routeRef);
      ctx.output('status', status);
      ctx.output(
        'hostnameEntityRef',
        gatewayApiResourceRef(client.name, hostname),
      );
      ctx.output('manifests', manifests);
    },
  });
}

export type ExposeRouteInput = ReturnType<typeof parseExposeRouteInput>;
const parseExposeRouteInput = (input: unknown) =>
  parseInput(exposeRouteInput, input);

/**
 * Everything an exposure is before it is written: the guards, the permission, the Service
 * check, and the objects of the tenant's layout. Shared by expose and analyze.
 */
export async function planExposure(
  input: ExposeRouteInput,
  options: ExposeRouteActionOptions,
  ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> },
) {
  const client = resolveClusterClient(options.clients, input.cluster);
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
    tenant.spec.certificates.type === 'acme-http01'
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

  const served = await servedGatewayApiFor(client, tenant.spec);
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
