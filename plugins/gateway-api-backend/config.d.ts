import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The Gateway API entity provider: tenants, Gateways and hostnames of every cluster of
       * `kubernetes.clusterLocatorMethods` (type config).
       */
      gatewayApi?: {
        /**
         * How often the full mutation runs; watch events also apply deltas between runs.
         * Default: every 5 minutes.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Owner of Gateways and hostnames that belong to no tenant, such as a cluster-shared
         * Gateway. Default: `group:default/platform`.
         */
        defaultOwner?: string;
      };
    };
  };
}
