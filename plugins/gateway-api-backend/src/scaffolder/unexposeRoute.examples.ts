import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Unexpose a hostname',
    example: yaml.stringify({
      steps: [
        {
          id: 'unexpose',
          action: 'gatewayApi:route:unexpose',
          name: 'Unexpose shop.team-a.example.org',
          input: {
            tenant: 'team-a',
            hostname: 'shop.team-a.example.org',
            namespace: 'checkout',
          },
        },
      ],
    }),
  },
];
