import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Predict what exposing checkout on a new hostname would do',
    example: yaml.stringify({
      steps: [
        {
          id: 'analyze',
          action: 'gatewayApi:exposure:analyze',
          name: 'Analyze the exposure',
          input: {
            tenant: 'team-a',
            hostname: 'preview.team-a.example.org',
            namespace: 'checkout',
            service: { name: 'checkout', port: 8080 },
            entityRef: 'component:default/checkout',
          },
        },
      ],
    }),
  },
];
