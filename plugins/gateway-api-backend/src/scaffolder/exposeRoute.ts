import { PermissionsService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zod } from 'zod/v3';
import { gatewayApiResourceRef } from '@gatehouse/backstage-plugin-gateway-api-common';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { parseInput } from './parseInput';
import { examples } from './exposeRoute.examples';
import { executePlan } from './plan';
import { planExposure } from './planExposure';
import { reportAnalysis } from './reportAnalysis';
import { waitForExposure } from './waitForExposure';
import { ClusterProblemLookup } from './clusters';

export interface ExposeRouteActionOptions {
  clients: ClusterClient[];
  /** Why a cluster cannot be used now; the action refuses it with that. */
  clusterProblem?: ClusterProblemLookup;
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
