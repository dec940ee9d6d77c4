import { requestRedirectStatusCodes } from './openApiSchema';
import { ServedApis } from './ServedApis';

const GROUP = 'gateway.networking.k8s.io';
const GVK = [{ group: GROUP, version: 'v1', kind: 'HTTPRoute' }];

/** An HTTPRoute schema whose RequestRedirect statusCode is `statusCode`. */
const document = (statusCode: object, gvk = GVK) => ({
  components: {
    schemas: {
      'io.k8s.networking.gateway.v1.HTTPRoute': {
        'x-kubernetes-group-version-kind': gvk,
        properties: {
          spec: {
            properties: {
              rules: {
                items: {
                  properties: {
                    filters: {
                      items: {
                        properties: {
                          requestRedirect: { $ref: '#/components/schemas/rr' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      rr: { allOf: [{ properties: { statusCode } }] },
    },
  },
});

describe('requestRedirectStatusCodes', () => {
  it('reads the statusCode enum of the HTTPRoute at that version, through $ref and allOf', () => {
    expect(
      requestRedirectStatusCodes(
        document({ type: 'integer', enum: [301, 302, 303, 307, 308] }),
        GROUP,
        'v1',
      ),
    ).toEqual([301, 302, 303, 307, 308]);
  });

  it('answers nothing without an enum, for another version, or for a document that is not one', () => {
    expect(
      requestRedirectStatusCodes(document({ type: 'integer' }), GROUP, 'v1'),
    ).toBeUndefined();
    expect(
      requestRedirectStatusCodes(
        document({ enum: [301, 302] }, [
          { group: GROUP, version: 'v1beta1', kind: 'HTTPRoute' },
        ]),
        GROUP,
        'v1',
      ),
    ).toBeUndefined();
    for (const junk of [undefined, null, 'text', { components: 7 }]) {
      expect(requestRedirectStatusCodes(junk, GROUP, 'v1')).toBeUndefined();
    }
  });
});

describe('ServedApis.redirectStatusCodes', () => {
  const discovery = {
    name: 'fake',
    apiGroups: async () => [{ name: GROUP, versions: ['v1'] }],
    apiResources: async () => [
      { kind: 'HTTPRoute', name: 'httproutes', namespaced: true },
    ],
    get: async () => undefined,
  };

  it('takes only the core codes where the schema cannot be read', async () => {
    expect([
      ...(await new ServedApis(discovery).redirectStatusCodes()),
    ]).toEqual([301, 302]);
    const unpublished = new ServedApis({
      ...discovery,
      openApiV3: async () => undefined,
    });
    expect([...(await unpublished.redirectStatusCodes())]).toEqual([301, 302]);
  });

  it('reads the schema once per discovery read, and reads again after a failed read', async () => {
    let reads = 0;
    let fail = true;
    const apis = new ServedApis({
      ...discovery,
      openApiV3: async () => {
        reads++;
        if (fail) throw new Error('timed out');
        return document({ enum: [301, 302, 308] });
      },
    });
    await expect(apis.redirectStatusCodes()).rejects.toThrow('timed out');
    fail = false;
    expect([...(await apis.redirectStatusCodes())]).toEqual([301, 302, 308]);
    await apis.redirectStatusCodes();
    expect(reads).toBe(2);
    apis.invalidate();
    await apis.redirectStatusCodes();
    expect(reads).toBe(3);
  });
});
