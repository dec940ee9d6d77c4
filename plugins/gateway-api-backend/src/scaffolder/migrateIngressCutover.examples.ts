import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (action: string, name: string) =>
  yaml.stringify({
    steps: [
      {
        id: action.split(':').pop(),
        action,
        name,
        input: {
          cluster: 'dev-cluster',
          tenant: 'team-a',
          ingress: 'checkout/checkout-api',
        },
      },
    ],
  });

export const cutoverExamples: TemplateExample[] = [
  {
    description:
      'Remove a migrated Ingress once its routes are Accepted, their Gateway Programmed and certificates Ready',
    example: step(
      'gatewayApi:ingress:cutover',
      'Cut over checkout/checkout-api',
    ),
  },
];

export const rollbackExamples: TemplateExample[] = [
  {
    description: 'Bring back an Ingress removed at cutover, exactly as it was',
    example: step(
      'gatewayApi:ingress:rollback',
      'Roll back checkout/checkout-api',
    ),
  },
];
