import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ExposeRouteActionOptions, exposeRouteInput } from './exposeRoute';
import { planExposure } from './planExposure';
import { examples } from './analyze.examples';
import { parseInput } from './parseInput';
import { reportAnalysis } from './reportAnalysis';

/**
 * `gatewayApi:exposure:analyze`: what exposing a service would do, without doing it, like
 * `gwctl analyze`: the planned objects, and the issues the attachment analysis predicts they
 * introduce or fix (NotAllowedByListeners, NoMatchingParent, RefNotPermitted, a listener
 * conflict...). Takes the same input as `gatewayApi:route:expose` and runs the same guards.
 */
export function createAnalyzeAction(options: ExposeRouteActionOptions) {
  return createTemplateAction({
    id: 'gatewayApi:exposure:analyze',
    description:
      'Plans an exposure and predicts its outcome with the attachment analysis: the issues it introduces and fixes; writes nothing',
    supportsDryRun: true,
    examples,
    schema: {
      input: exposeRouteInput,
      output: {
        manifests: z =>
          z.string({ description: 'The planned objects as YAML' }),
        introduced: z =>
          z.array(z.string(), {
            description: 'Issues the plan would introduce',
          }),
        fixed: z =>
          z.array(z.string(), { description: 'Issues the plan would fix' }),
        remaining: z =>
          z.array(z.string(), {
            description: "Issues of the plan's own objects",
          }),
      },
    },
    async handler(ctx) {
      const input = parseInput(exposeRouteInput, ctx.input);
      const { client, objects, manifests } = await planExposure(
        input,
        options,
        ctx,
      );
      const analysis = await reportAnalysis(ctx, client, objects);
      const line = (i: (typeof analysis.introduced)[number]) =>
        `${i.object} (${i.at}): ${i.condition} ${i.reason}: ${i.message}`;
      ctx.output('manifests', manifests);
      ctx.output('introduced', analysis.introduced.map(line));
      ctx.output('fixed', analysis.fixed.map(line));
      ctx.output('remaining', analysis.remaining.map(line));
    },
  });
}
