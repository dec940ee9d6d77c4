import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Refresh every tenant of a cluster after upgrading Gatehouse: each is provisioned again from the input it was provisioned with',
    example: yaml.stringify({
      steps: [
        {
          id: 'refresh',
          action: 'gatewayApi:tenant:refresh',
          name: 'Refresh the tenants',
          input: { cluster: 'dev-cluster' },
        },
      ],
    }),
  },
  {
    description: 'Refresh one tenant',
    example: yaml.stringify({
      steps: [
        {
          id: 'refresh',
          action: 'gatewayApi:tenant:refresh',
          name: 'Refresh tenant team-a',
          input: { cluster: 'dev-cluster', tenant: 'team-a' },
        },
      ],
    }),
  },
];
