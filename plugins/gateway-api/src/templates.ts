/** The "Expose a service" Software Template of examples/templates, by its entity name. */
export const EXPOSE_SERVICE_TEMPLATE = {
  namespace: 'default',
  templateName: 'expose-service',
};

/** The "Migrate an Ingress" Software Template of examples/templates, by its entity name. */
export const MIGRATE_INGRESS_TEMPLATE = {
  namespace: 'default',
  templateName: 'migrate-ingress',
};
