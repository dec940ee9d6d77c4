import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * The Gatehouse Gateway API backend plugin. Its clusters come from
   * `kubernetes.clusterLocatorMethods` (types config, catalog, gke and localKubectlProxy).
   * @visibility backend
   */
  gatewayApi?: {
    /**
     * The clusters of `kubernetes.clusterLocatorMethods`.
     * @visibility backend
     */
    clusters?: {
      /**
       * How often the `catalog` and `gke` locators are read again (clusters registered or
       * removed there are taken in or dropped without a restart) and each cluster is asked
       * whether it answers and takes the credential. Default: 1 minute.
       * @visibility backend
       */
      refreshInterval?: HumanDuration | string;
    };
    /**
     * Notifications to a tenant's owner group, once per condition, through the notifications
     * plugin: a certificate expiring or failing, a route not Accepted for too long.
     * @visibility backend
     */
    notifications?: {
      /**
       * Whether the notifications are sent at all. Default: true.
       * @visibility backend
       */
      enabled?: boolean;
      /**
       * A certificate this many days from notAfter notifies. Default: 14.
       * @visibility backend
       */
      certificateExpiryDays?: number;
      /**
       * A route not Accepted this many minutes notifies. Default: 10.
       * @visibility backend
       */
      routeNotAcceptedMinutes?: number;
    };
    /**
     * The guard ValidatingAdmissionPolicies that provisioning installs in each cluster (and the
     * "Install the guard policies" template).
     * @visibility backend
     */
    guardPolicies?: {
      /**
       * What a binding does with a refused request: `Deny` (default) refuses it, `Warn` lets it
       * through with a warning to the client, `Audit` only records it in the audit log.
       * A template may pick another per install.
       * @visibility backend
       */
      validationAction?: 'Deny' | 'Warn' | 'Audit';
      /**
       * Users who, besides Gatehouse itself, may set or change a Namespace's tenant labels and
       * annotations (its tenant, domains, attached namespaces), e.g. a GitOps controller's
       * `system:serviceaccount:flux-system:kustomize-controller`. Gatehouse's own identity in each
       * cluster is asked of the cluster (SelfSubjectReview) and always included. Default: none.
       * @visibility backend
       */
      platformUsers?: string[];
      /**
       * Groups who may as well. Default: `system:masters`.
       * @visibility backend
       */
      platformGroups?: string[];
    };
  };
  /**
   * The Kubernetes plugin's section, which Gatehouse reads its clusters from. The keys below are
   * Gatehouse's additions to a `config` locator's cluster; the others are the Kubernetes plugin's.
   */
  kubernetes?: {
    /** The Kubernetes plugin's cluster locators; Gatehouse reads the clusters they name. */
    clusterLocatorMethods?: Array<{
      /** A `config` locator's clusters. */
      clusters?: Array<{
        /**
         * Base64 PEM client certificate Gatehouse presents to the API server (a kubeconfig's
         * `client-certificate-data`); with authProvider `clientCertificate` it is the identity.
         * @visibility secret
         */
        clientCertData?: string;
        /**
         * Base64 PEM private key of clientCertData.
         * @visibility secret
         */
        clientKeyData?: string;
        /**
         * Path of a PEM client certificate, instead of clientCertData.
         * @visibility backend
         */
        clientCertFile?: string;
        /**
         * Path of its PEM private key, instead of clientKeyData.
         * @visibility backend
         */
        clientKeyFile?: string;
      }>;
    }>;
  };
  /** The software catalog (its Gateway API entity provider here). */
  catalog?: {
    /** Entity providers of the catalog. */
    providers?: {
      /**
       * The Gateway API entity provider: tenants, Gateways and hostnames of every cluster of
       * `kubernetes.clusterLocatorMethods` (type config).
       * @visibility backend
       */
      gatewayApi?: {
        /**
         * How often the full mutation runs; watch events also apply deltas between runs.
         * Default: every 5 minutes.
         * @visibility backend
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Owner of Gateways and hostnames that belong to no tenant, such as a cluster-shared
         * Gateway. Default: `group:default/platform`.
         * @visibility backend
         */
        defaultOwner?: string;
        /**
         * What the catalog gets for hostnames: `perHostname`, one Resource of type `hostname`
         * each (its own page, related to its Gateways and components); `perTenant`, one
         * Resource of type `hostnames` per tenant and cluster listing them in `spec.hostnames`;
         * `none`, only tenants and Gateways. The Hostnames page and the Exposure tab show every
         * hostname whichever is chosen. Default `auto`: `perHostname` up to 10,000 hostnames
         * across the clusters, `perTenant` above, since the catalog processes entities a few at
         * a time and took 20 minutes for 100k of them on PostgreSQL. Visible to the frontend: a
         * hostname has an entity page of its own only with `perHostname`.
         * @visibility frontend
         */
        hostnameEntities?: 'auto' | 'perHostname' | 'perTenant' | 'none';
      };
    };
  };
}
