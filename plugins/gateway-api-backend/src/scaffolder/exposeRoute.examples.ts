import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Expose a Service on a hostname of the tenant with TLS terminated at the Gateway',
    example: yaml.stringify({
      steps: [
        {
          id: 'expose',
          action: 'gatewayApi:route:expose',
          name: 'Expose checkout',
          input: {
            cluster: 'dev-cluster',
            tenant: 'team-a',
            hostname: 'shop.team-a.example.org',
            namespace: 'checkout',
            service: { name: 'checkout', port: 8080 },
            entityRef: 'component:default/checkout',
            wait: 120,
          },
        },
      ],
    }),
  },
  {
    description: 'Expose a Service with TLS passthrough (TLSRoute)',
    example: yaml.stringify({
      steps: [
        {
          id: 'expose',
          action: 'gatewayApi:route:expose',
          name: 'Expose payments with TLS passthrough',
          input: {
            tenant: 'team-b',
            hostname: 'vault.team-b.example.org',
            routeKind: 'TLSRoute',
            namespace: 'payments',
            service: { name: 'ledger', port: 5432 },
            entityRef: 'component:default/payments',
          },
        },
      ],
    }),
  },
  {
    description:
      'Write the manifests to the workspace for a pull request instead of applying them',
    example: yaml.stringify({
      steps: [
        {
          id: 'expose',
          action: 'gatewayApi:route:expose',
          name: 'Plan the exposure as files',
          input: {
            tenant: 'team-a',
            hostname: 'orders.team-a.example.org',
            namespace: 'checkout',
            service: { name: 'checkout', port: 8080 },
            entityRef: 'component:default/checkout',
            output: 'files',
            targetPath: 'manifests/checkout',
          },
        },
      ],
    }),
  },
];
