import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ReactElement } from 'react';
import { GatewayApiClient, gatewayApiApiRef } from '../api';
import {
  exposeServiceTemplateRouteRef,
  migrateIngressTemplateRouteRef,
} from '../routes';

const baseUrl = 'http://backstage.test/api/gateway-api';

/**
 * An msw server standing in for the gateway-api backend, read through the real
 * GatewayApiClient; an unhandled request fails the test. Call once per test file.
 */
export function gatewayApiServer() {
  // Every cluster is read unless a test says otherwise (the pages ask which are not).
  const server = setupServer(
    http.get(`${baseUrl}/clusters`, () =>
      HttpResponse.json({ items: [], problems: [] }),
    ),
  );
  registerMswTestHooks(server);

  /** Answers every `GET path` with `body`, and counts the calls. */
  const answer = (path: string, body: object) => {
    const calls = { count: 0 };
    server.use(
      http.get(`${baseUrl}${path}`, () => {
        calls.count += 1;
        return HttpResponse.json(body);
      }),
    );
    return calls;
  };

  /**
   * Answers `GET path` with a Backstage error body, once; later calls go to the handlers
   * registered before it (the latest registered answers first).
   */
  const fail = (path: string, status: number, name: string, message: string) =>
    server.use(
      http.get(
        `${baseUrl}${path}`,
        () =>
          HttpResponse.json(
            { error: { name, message }, response: { statusCode: status } },
            { status },
          ),
        { once: true },
      ),
    );

  /** Never answers `GET path`, to see the loading state. */
  const hang = (path: string) =>
    server.use(
      http.get(`${baseUrl}${path}`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );

  /**
   * Renders `element` in a test app whose gatewayApiApiRef reads the msw server, with the
   * Expose a service template bound as the app binds it (unless `unbound`).
   */
  const render = (
    element: ReactElement,
    routeEntries?: string[],
    options: { unbound?: boolean } = {},
  ) =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [
            gatewayApiApiRef,
            new GatewayApiClient({
              discoveryApi: mockApis.discovery({
                baseUrl: 'http://backstage.test',
              }),
              fetchApi: new MockFetchApi(),
            }),
          ],
        ]}
      >
        {element}
      </TestApiProvider>,
      {
        routeEntries,
        // EntityRefLink needs the catalog's entity route.
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          ...(options.unbound
            ? {}
            : {
                '/create/templates/:namespace/:templateName':
                  exposeServiceTemplateRouteRef,
                // A path of its own: two refs cannot share one in a test app.
                '/create/ingress-templates/:namespace/:templateName':
                  migrateIngressTemplateRouteRef,
              }),
        },
      },
    );

  return { server, answer, fail, hang, render };
}
