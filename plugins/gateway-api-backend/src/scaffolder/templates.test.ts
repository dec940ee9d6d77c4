/**
 * The Software Templates offer every option their actions take: each option of the action's
 * input is set by the template's step (or is an operational one the platform sets by hand), and
 * each choice of a discriminated option (certificates, client IP, publishing, implementation) is
 * offered in the form.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z as zod, ZodTypeAny } from 'zod/v3';
import {
  CILIUM_CONTROLLER,
  ENVOY_GATEWAY_CONTROLLER,
  GUARD_POLICY_MODES,
  NGINX_GATEWAY_FABRIC_CONTROLLER,
} from '../manifests';
import { provisionTenantInput } from './provisionTenant';
import { refreshTenantsInput } from './refreshTenants';

const TEMPLATES = path.resolve(__dirname, '../../../../examples/templates');

function template(file: string): any {
  return parse(fs.readFileSync(path.join(TEMPLATES, file), 'utf8'));
}

/** The schema under ZodDefault / ZodOptional wrappers. */
function unwrap(schema: ZodTypeAny): ZodTypeAny {
  let current: any = schema;
  while (current?._def?.innerType) current = current._def.innerType;
  return current;
}

/** The discriminator values of a discriminated-union option. */
function choices(schema: ZodTypeAny, discriminator: string): string[] {
  const union: any = unwrap(schema);
  return union.options.map(
    (option: any) => option.shape[discriminator].value as string,
  );
}

/** The form fields of a template, by name, across its pages. */
function fields(t: any): Record<string, any> {
  return Object.assign(
    {},
    ...t.spec.parameters.map((page: any) => page.properties ?? {}),
  );
}

/** Every value of an enum a form object offers, its own and its dependencies'. */
function offered(field: any, property: string): string[] {
  return field.properties[property].enum;
}

/** The names of the fields a form object reveals for one choice. */
function revealed(field: any, property: string, choice: string): string[] {
  const branch = field.dependencies[property].oneOf.find(
    (b: any) => b.properties[property].const === choice,
  );
  return Object.keys(branch?.properties ?? {}).filter(k => k !== property);
}

describe('the provision template', () => {
  const t = template('provision-tenant.yaml');
  const step = t.spec.steps.find(
    (s: any) => s.action === 'gatewayApi:tenant:provision',
  );
  const form = fields(t);
  const shape = provisionTenantInput(zod).shape;

  /** Set by the platform in a template of its own, not asked of whoever provisions. */
  const OPERATIONAL = [
    'cluster',
    'envoyProxyNamespace',
    'sharedGateway',
    'output',
    'targetPath',
  ];

  it('sets every option of the action but the operational ones', () => {
    const missing = Object.keys(shape).filter(
      key => !(key in step.input) && !OPERATIONAL.includes(key),
    );
    expect(missing).toEqual([]);
  });

  it.each([
    ['certificates', 'type'],
    ['clientIp', 'mode'],
    ['serviceExposure', 'type'],
  ])('offers every %s choice of the action', (option, discriminator) => {
    expect([...offered(form[option], discriminator)].sort()).toEqual(
      [...choices((shape as any)[option], discriminator)].sort(),
    );
  });

  it.each([
    ['certificates', 'type', 'acme-dns01', ['server', 'email', 'solver']],
    [
      'certificates',
      'type',
      'acme-http01-cluster-issuer',
      ['name', 'server', 'email'],
    ],
    ['clientIp', 'mode', 'custom-header', ['header', 'failClosed']],
    [
      'clientIp',
      'mode',
      'x-forwarded-for',
      ['numTrustedHops', 'trustedAddresses'],
    ],
    ['clientIp', 'mode', 'proxy-protocol', ['trustedAddresses']],
    ['serviceExposure', 'type', 'ClusterIP', ['externalIPs']],
    ['serviceExposure', 'type', 'LoadBalancer', ['ipPool']],
  ])('asks for what %s %s %s needs', (option, discriminator, choice, needs) => {
    expect(revealed(form[option], discriminator, choice).sort()).toEqual(
      [...needs].sort(),
    );
  });

  it('offers every implementation Gatehouse knows', () => {
    expect(form.controllerName.enum).toEqual([
      ENVOY_GATEWAY_CONTROLLER,
      NGINX_GATEWAY_FABRIC_CONTROLLER,
      CILIUM_CONTROLLER,
    ]);
    expect(form.controllerName.enumNames).toEqual([
      'Envoy Gateway',
      'NGINX Gateway Fabric',
      'Cilium',
    ]);
  });

  it('writes a DNS-01 solver the action passes to cert-manager as it is', () => {
    const dns01 = form.certificates.dependencies.type.oneOf.find(
      (b: any) => b.properties.type.const === 'acme-dns01',
    );
    expect(
      Object.keys(
        dns01.properties.solver.properties.cloudflare.properties
          .apiTokenSecretRef.properties,
      ),
    ).toEqual(['name', 'key']);
  });

  it.each(['proxy-protocol', 'x-forwarded-for'])(
    'lets the action take %s with the trusted list left empty, as the form sends it',
    mode => {
      const clientIp = shape.clientIp;
      const sent = {
        mode,
        trustedAddresses: [],
        ...(mode === 'x-forwarded-for' ? { numTrustedHops: 1 } : {}),
      };
      expect(clientIp.safeParse(sent).success).toBe(true);
      expect(
        clientIp.safeParse({ ...sent, trustedAddresses: ['not an address'] })
          .success,
      ).toBe(false);
    },
  );

  it('offers every guard policy mode, Deny by default', () => {
    expect(form.guardPolicyMode.enum).toEqual([...GUARD_POLICY_MODES]);
    expect(form.guardPolicyMode.default).toBe('Deny');
  });
});

describe('the guard policy template', () => {
  it('offers Deny, Warn and Audit', () => {
    const form = fields(template('install-guard-policies.yaml'));
    expect(form.validationAction.enum).toEqual([...GUARD_POLICY_MODES]);
  });
});

describe('the refresh template', () => {
  const t = template('refresh-tenants.yaml');

  it('sets every option of the refresh action from its form', () => {
    const [step] = t.spec.steps;
    expect(step.action).toBe('gatewayApi:tenant:refresh');
    expect(Object.keys(step.input).sort()).toEqual(
      Object.keys(refreshTenantsInput(zod).shape).sort(),
    );
    expect(Object.keys(fields(t)).sort()).toEqual(['cluster', 'tenant']);
  });

  it('takes the tenant names the action takes, and leaves the tenant optional', () => {
    const pattern = new RegExp(fields(t).tenant.pattern);
    const schema = refreshTenantsInput(zod);
    for (const name of ['kids', 'team-a', 'a', 'Kids', '-kids', 'kids.', '']) {
      expect(pattern.test(name)).toBe(
        schema.safeParse({ tenant: name }).success,
      );
    }
    expect(t.spec.parameters[0].required ?? []).not.toContain('tenant');
  });

  it('is listed in app-config, like the other templates', () => {
    const config = fs.readFileSync(
      path.resolve(__dirname, '../../../../app-config.yaml'),
      'utf8',
    );
    expect(config).toContain('examples/templates/refresh-tenants.yaml');
  });
});
