import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Install the guard policies in a cluster, enforcing (Deny) unless the platform configured otherwise',
    example: yaml.stringify({
      steps: [
        {
          id: 'guard',
          action: 'gatewayApi:guardPolicies:install',
          name: 'Install the guard policies',
          input: { cluster: 'dev-cluster' },
        },
      ],
    }),
  },
  {
    description:
      'Try the guard policies first: every refusal becomes a warning to the client, nothing is refused',
    example: yaml.stringify({
      steps: [
        {
          id: 'guard',
          action: 'gatewayApi:guardPolicies:install',
          name: 'Install the guard policies, warning only',
          input: {
            cluster: 'dev-cluster',
            validationAction: 'Warn',
            platformNamespaces: ['gateway'],
          },
        },
      ],
    }),
  },
];
