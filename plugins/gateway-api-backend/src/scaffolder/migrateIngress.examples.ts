import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Migrate one Ingress to routes on the tenant's Gateway, accepting the difference its report names",
    example: yaml.stringify({
      steps: [
        {
          id: 'migrate',
          action: 'gatewayApi:ingress:migrate',
          name: 'Migrate the checkout-api Ingress',
          input: {
            cluster: 'dev-cluster',
            tenant: 'team-a',
            ingress: 'checkout/checkout-api',
            tls: 'cert-manager',
            // limit-rps counted per client IP; Envoy Gateway's local limit counts them together.
            acceptedDifferences: ['rate-limit-per-client:limit-rps'],
          },
        },
      ],
    }),
  },
  {
    description:
      "Migrate an Ingress with basic auth, keeping the Ingress's own TLS Secrets where it has any",
    example: yaml.stringify({
      steps: [
        {
          id: 'migrate',
          action: 'gatewayApi:ingress:migrate',
          name: 'Migrate payments-admin',
          input: {
            tenant: 'team-b',
            ingress: 'payments/payments-admin',
            tls: 'reuse-secret',
            acceptedDifferences: [
              'basic-auth-secret-format:payments/payments-admin-basic-auth',
            ],
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
            tenant: 'team-b',
            ingress: 'payments/payments-docs',
            output: 'files',
            targetPath: 'manifests/ingress-migration',
          },
        },
      ],
    }),
  },
];
