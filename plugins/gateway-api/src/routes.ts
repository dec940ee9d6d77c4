import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

export const entityExposureRouteRef = createRouteRef({
  id: 'gateway-api:entity-exposure',
});

/** The Hostnames page. */
export const rootRouteRef = createRouteRef({
  id: 'gateway-api:hostnames',
});

/**
 * Where "Expose a service" leads: the scaffolder's page of one template, bound by the app
 * (to `scaffolderPlugin.routes.selectedTemplate`). Unbound, the button is not shown. On the new
 * frontend system it goes to the scaffolder's template page unless the app binds it elsewhere.
 */
export const exposeServiceTemplateRouteRef = createExternalRouteRef({
  id: 'gateway-api:expose-service-template',
  optional: true,
  params: ['namespace', 'templateName'],
  defaultTarget: 'scaffolder.selectedTemplate',
});

/**
 * Where "Migrate an Ingress" leads, bound like {@link exposeServiceTemplateRouteRef}. Unbound,
 * the link is not shown.
 */
export const migrateIngressTemplateRouteRef = createExternalRouteRef({
  id: 'gateway-api:migrate-ingress-template',
  optional: true,
  params: ['namespace', 'templateName'],
  defaultTarget: 'scaffolder.selectedTemplate',
});
