import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'A tenant with its own Gateway (tenant-shared layout), ACME HTTP-01 through the Gateway; the guard policies only warn while the platform tries them',
    example: yaml.stringify({
      steps: [
        {
          id: 'provision',
          action: 'gatewayApi:tenant:provision',
          name: 'Provision team-d',
          input: {
            cluster: 'dev-cluster',
            name: 'team-d',
            domains: ['team-d.example.org'],
            ownerGroup: 'group:default/team-d',
            attachedNamespaces: ['team-d-apps'],
            layout: 'tenant-shared',
            certificates: {
              type: 'acme-http01',
              server: 'staging',
              email: 'platform@example.org',
            },
            guardPolicyMode: 'Warn',
          },
        },
      ],
    }),
  },
  {
    description:
      'A dedicated tenant (dedicated layout) behind externalIPs, PROXY protocol from the load balancer',
    example: yaml.stringify({
      steps: [
        {
          id: 'provision',
          action: 'gatewayApi:tenant:provision',
          name: 'Provision team-e',
          input: {
            name: 'team-e',
            domains: ['team-e.example.org'],
            ownerGroup: 'group:default/team-e',
            layout: 'dedicated',
            serviceExposure: { type: 'ClusterIP', externalIPs: ['192.0.2.50'] },
            clientIp: { mode: 'proxy-protocol' },
          },
        },
      ],
    }),
  },
  {
    description:
      'A tenant on the cluster-shared Gateway (cluster-shared layout), X-Forwarded-For with one trusted hop',
    example: yaml.stringify({
      steps: [
        {
          id: 'provision',
          action: 'gatewayApi:tenant:provision',
          name: 'Provision team-f',
          input: {
            name: 'team-f',
            domains: ['team-f.example.org'],
            ownerGroup: 'group:default/team-f',
            attachedNamespaces: ['team-f-apps'],
            layout: 'cluster-shared',
            certificates: {
              type: 'cluster-issuer',
              name: 'letsencrypt-staging',
            },
            clientIp: { mode: 'x-forwarded-for', numTrustedHops: 1 },
          },
        },
      ],
    }),
  },
];
