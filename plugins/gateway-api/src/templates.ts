/** The "Expose a service" Software Template of examples/templates, under the scaffolder's /create. */
export const EXPOSE_SERVICE_TEMPLATE_PATH =
  '/create/templates/default/expose-service';

/** The "Migrate an Ingress" Software Template of examples/templates. */
export const MIGRATE_INGRESS_TEMPLATE_PATH =
  '/create/templates/default/migrate-ingress';
