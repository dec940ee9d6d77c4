import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Migrate one Ingress to routes on the tenant's Gateway, with a cert-manager Certificate per hostname",
    example: yaml.stringify({
      steps: [
        {
          id: 'migrate',
          action: 'gatewayApi:ingress:migrate',
          name: 'Migrate the shop Ingress',
          input: {
            cluster: 'dev-cluster',
            tenant: 'team-a',
            ingress: 'checkout/shop',
            tls: 'cert-manager',
          },
        },
      ],
    }),
  },
  {
    description:
      "Migrate every Ingress of a namespace, reusing the Ingresses' TLS Secrets and accepting a reported difference",
    example: yaml.stringify({
      steps: [
        {
          id: 'migrate',
          action: 'gatewayApi:ingress:migrate',
          name: 'Migrate the Ingresses of payments',
          input: {
            tenant: 'team-b',
            namespace: 'payments',
            tls: 'reuse-secret',
            acceptedDifferences: ['timeout-per-read:payments/legacy'],
          },
        },
      ],
    }),
  },
  {
    description: 'Write the migrated routes to a pull request instead',
    example: yaml.stringify({
      steps: [
        {
          id: 'migrate',
          action: 'gatewayApi:ingress:migrate',
          name: 'Migrate into manifests/',
          input: {
            tenant: 'team-a',
            entityRef: 'component:default/checkout',
            output: 'files',
            targetPath: 'manifests/ingress-migration',
          },
        },
      ],
    }),
  },
];
