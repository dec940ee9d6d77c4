/** The "Expose a service" Software Template of examples/templates, by its entity name. */
export const EXPOSE_SERVICE_TEMPLATE = {
  namespace: 'default',
  templateName: 'expose-service',
};

/** The "Migrate an Ingress" Software Template of examples/templates. */
export const MIGRATE_INGRESS_TEMPLATE_PATH =
  '/create/templates/default/migrate-ingress';
