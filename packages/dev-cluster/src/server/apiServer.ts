import { clientCertificateOf } from './listener';
import { IncomingMessage, ServerResponse } from 'node:http';
import { KubeObject, ResourceType, apiVersionOf } from '../api/types';
import { Registry } from '../api/registry';
import {
  StatusError,
  badRequest,
  internalError,
  methodNotAllowed,
} from '../api/status';
import { parseFieldSelector, parseLabelSelector } from '../api/selectors';
import { Authorizer, UserInfo, forbidden } from '../auth/authorizer';
import { FaultOptions, Faults } from '../faults/faults';
import { serialize } from '../store/serialize';
import { ResourceService, Target, WriteContext } from './resourceService';
import { WatchHub } from './watch';
import { Route, route } from './routes';
import { decodeObject, decodePatch, isProtobuf, readBody } from './body';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  serverVersion,
} from './discovery';
import { OpenApiDocs } from './openapi';
import { toTable, wantsTable } from './table';

export interface ApiServerDeps {
  registry: Registry;
  service: ResourceService;
  watches: WatchHub;
  authorizer: Authorizer;
  faults: Faults;
  openapi: OpenApiDocs;
  address: () => string;
  bookmarkIntervalMs: number;
}

function send(
  res: ServerResponse,
  code: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
  res.end(body);
}

function sendError(res: ServerResponse, error: StatusError): void {
  const headers: Record<string, string> = {};
  if (error.details?.retryAfterSeconds !== undefined) {
    headers['Retry-After'] = String(error.details.retryAfterSeconds);
  }
  send(res, error.code, JSON.stringify(error.toStatus()), headers);
}

function verbOf(
  method: string,
  r: Extract<Route, { kind: 'resource' }>,
  query: URLSearchParams,
): string {
  const watching =
    r.legacyWatch ||
    query.get('watch') === 'true' ||
    query.get('watch') === '1';
  switch (method) {
    case 'GET':
      if (r.name) return watching ? 'watch' : 'get';
      return watching ? 'watch' : 'list';
    case 'POST':
      if (r.name)
        throw methodNotAllowed(
          `the server does not allow this method on the requested resource`,
        );
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return r.name ? 'delete' : 'deletecollection';
    default:
      throw methodNotAllowed(
        `the server does not allow this method on the requested resource`,
      );
  }
}

function deletedStatus(type: ResourceType, object: KubeObject): KubeObject {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: {
      name: object.metadata.name,
      group: type.group,
      kind: type.plural,
      uid: object.metadata.uid,
    },
  };
}

function userAgentManager(req: IncomingMessage): string {
  return (req.headers['user-agent'] ?? 'unknown').split('/')[0] || 'unknown';
}

/** Serves the Kubernetes REST API: authentication, faults, discovery, OpenAPI and resources. */
/** Admission and field-validation warnings, as the apiserver sends them: `Warning: 299 - "..."`. */
function warningHeaders(ctx: WriteContext | undefined): Record<string, string> {
  return ctx?.warnings.length
    ? {
        Warning: ctx.warnings.map(w => `299 - ${JSON.stringify(w)}`).join(', '),
      }
    : {};
}

const SELF_SUBJECT_REVIEWS =
  '/apis/authentication.k8s.io/v1/selfsubjectreviews';

/** The SelfSubjectReview the apiserver answers: the caller's own user, as admission sees it. */
function selfSubjectReview(user: UserInfo): KubeObject {
  return {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'SelfSubjectReview',
    metadata: { creationTimestamp: null },
    status: {
      userInfo: {
        username: user.username,
        ...(user.uid ? { uid: user.uid } : {}),
        groups: user.groups,
        ...(Object.keys(user.extra).length ? { extra: user.extra } : {}),
      },
    },
  };
}

export class ApiServer {
  constructor(private readonly d: ApiServerDeps) {}

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.serve(req, res).catch(e => {
      const error =
        e instanceof StatusError ? e : internalError((e as Error).message);
      if (!res.headersSent) sendError(res, error);
      else res.destroy();
    });
  };

  private async serve(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (
      url.pathname === '/healthz' ||
      url.pathname === '/livez' ||
      url.pathname === '/readyz'
    ) {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    const user = this.d.authorizer.authenticate(
      req.headers.authorization,
      clientCertificateOf(req),
    );
    if (url.pathname.startsWith('/dev-cluster/')) {
      await this.admin(req, res, url.pathname, user);
      return;
    }
    if (
      url.pathname === SELF_SUBJECT_REVIEWS &&
      req.method?.toUpperCase() === 'POST'
    ) {
      // Any authenticated user may ask who it is (`kubectl auth whoami`), as on the apiserver.
      send(res, 201, JSON.stringify(selfSubjectReview(user)));
      return;
    }
    const r = route(this.d.registry, url.pathname);
    if (r.kind !== 'resource') {
      this.discovery(res, r, url.pathname);
      return;
    }
    await this.d.faults.delay();
    const verb = verbOf(req.method ?? 'GET', r, url.searchParams);
    const failure = this.d.faults.failureFor(verb);
    if (failure) throw failure;
    this.d.authorizer.authorize(user, {
      verb,
      group: r.type.group,
      resource: r.type.plural,
      subresource: r.subresource,
      // As the apiserver's RequestInfo: a Namespace object is "in" itself, so a namespaced
      // rule for namespace X lets its holder read or patch the Namespace X.
      namespace:
        !r.type.group && r.type.plural === 'namespaces' && r.name
          ? r.name
          : r.namespace,
      name: r.name,
    });
    if (
      r.subresource &&
      (r.subresource !== 'status' || !r.version.statusSubresource)
    ) {
      throw new StatusError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    await this.resource(req, res, r, verb, url.searchParams, user);
  }

  private async admin(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    user: UserInfo,
  ): Promise<void> {
    if (!user.admin) {
      throw forbidden(user, {
        verb: req.method?.toLowerCase() ?? 'get',
        group: '',
        resource: path,
      });
    }
    if (path === '/dev-cluster/faults' && req.method === 'POST') {
      const body = await readBody(req);
      const faults = decodeObject(req, body.length ? body : Buffer.from('{}'));
      if (!faults || typeof faults !== 'object' || Array.isArray(faults)) {
        throw badRequest('faults must be a JSON object');
      }
      this.d.faults.set(faults as FaultOptions);
      send(res, 200, JSON.stringify(this.d.faults.options));
      return;
    }
    if (path === '/dev-cluster/faults' && req.method === 'GET') {
      send(res, 200, JSON.stringify(this.d.faults.options));
      return;
    }
    if (path === '/dev-cluster/writes' && req.method === 'GET') {
      send(res, 200, JSON.stringify(this.d.service.writes));
      return;
    }
    throw new StatusError(
      404,
      'NotFound',
      'the server could not find the requested resource',
    );
  }

  private discovery(res: ServerResponse, r: Route, pathname: string): void {
    const found = (body: KubeObject | string | undefined) => {
      if (body === undefined)
        throw new StatusError(
          404,
          'NotFound',
          'the server could not find the requested resource',
        );
      send(res, 200, typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (r.kind === 'groupVersion')
      return found(apiResourceList(this.d.registry, r.group, r.version));
    if (r.kind === 'notFound') return found(undefined);
    const path = pathname.replace(/\/+$/, '') || '/';
    if (path === '/version') return found(serverVersion);
    if (path === '/api') return found(apiVersions(this.d.address()));
    if (path === '/apis') return found(apiGroupList(this.d.registry));
    if (path === '/openapi/v3') return found(this.d.openapi.root());
    if (path.startsWith('/openapi/v3/'))
      return found(this.d.openapi.document(path.slice('/openapi/v3/'.length)));
    const group = /^\/apis\/([^/]+)$/.exec(path);
    if (group) return found(apiGroup(this.d.registry, group[1]));
    return found(undefined);
  }

  private writeContext(
    req: IncomingMessage,
    query: URLSearchParams,
    user: UserInfo,
    body?: KubeObject,
  ): WriteContext {
    const dryRun = query.getAll('dryRun').concat(body?.dryRun ?? []);
    for (const value of dryRun) {
      if (value !== 'All')
        throw badRequest(
          `Invalid dryRun value: "${value}": supported values: "All"`,
        );
    }
    const validation = query.get('fieldValidation') ?? 'Warn';
    if (!['Strict', 'Warn', 'Ignore'].includes(validation)) {
      throw badRequest(
        `fieldValidation: Unsupported value: "${validation}": supported values: "Ignore", "Strict", "Warn"`,
      );
    }
    return {
      user: {
        username: user.username,
        uid: user.uid,
        groups: user.groups,
        extra: user.extra,
      },
      dryRun: dryRun.length > 0,
      fieldManager: query.get('fieldManager') ?? userAgentManager(req),
      fieldValidation: validation as WriteContext['fieldValidation'],
      warnings: [],
    };
  }

  private async resource(
    req: IncomingMessage,
    res: ServerResponse,
    r: Extract<Route, { kind: 'resource' }>,
    verb: string,
    query: URLSearchParams,
    user: UserInfo,
  ): Promise<void> {
    const t: Target = {
      type: r.type,
      version: r.version,
      namespace: r.namespace,
      subresource: r.subresource,
    };
    const s = this.d.service;
    const apiVersion = apiVersionOf(r.type.group, r.version.name);
    const table = wantsTable(req.headers.accept);
    const reply = (code: number, object: KubeObject, ctx?: WriteContext) => {
      const headers = warningHeaders(ctx);
      const body = table
        ? JSON.stringify(toTable(r.version, [object], {}))
        : serialize(object, apiVersion);
      send(res, code, body, headers);
    };
    const labelSelector = parseLabelSelector(query.get('labelSelector'));
    const fieldSelector = parseFieldSelector(query.get('fieldSelector'));
    switch (verb) {
      case 'get':
        return reply(200, s.get(t, r.name!));
      case 'list': {
        const limit = query.get('limit');
        const page = s.list(t, {
          labelSelector,
          fieldSelector,
          limit: limit ? Number(limit) : undefined,
          continueToken: query.get('continue') ?? undefined,
        });
        const metadata = {
          resourceVersion: page.resourceVersion,
          ...(page.continueToken ? { continue: page.continueToken } : {}),
          ...(page.remaining !== undefined
            ? { remainingItemCount: page.remaining }
            : {}),
        };
        if (table) {
          send(
            res,
            200,
            JSON.stringify(toTable(r.version, page.items, metadata)),
          );
          return undefined;
        }
        const head = JSON.stringify({
          kind: r.type.listKind,
          apiVersion,
          metadata,
        });
        send(
          res,
          200,
          `${head.slice(0, -1)},"items":[${page.items
            .map(o => serialize(o, apiVersion))
            .join(',')}]}`,
        );
        return undefined;
      }
      case 'watch': {
        const timeout = query.get('timeoutSeconds');
        if (this.d.faults.takeGone()) {
          this.d.watches.fail(
            res,
            new StatusError(
              410,
              'Expired',
              `too old resource version: ${
                query.get('resourceVersion') ?? '0'
              } (injected)`,
            ),
          );
          return undefined;
        }
        this.d.watches.serve(res, {
          type: r.type,
          version: r.version.name,
          namespace: r.namespace,
          labelSelector,
          fieldSelector: r.name
            ? parseFieldSelector(`metadata.name=${r.name}`)
            : fieldSelector,
          resourceVersion: query.get('resourceVersion') ?? undefined,
          allowBookmarks: query.get('allowWatchBookmarks') === 'true',
          sendInitialEvents: query.get('sendInitialEvents') === 'true',
          timeoutSeconds: timeout ? Number(timeout) : undefined,
          dropAfterMs: this.d.faults.options.dropWatchesAfterMs,
          bookmarkIntervalMs: this.d.bookmarkIntervalMs,
          table: table ? r.version : undefined,
        });
        return undefined;
      }
      case 'create': {
        const body = decodeObject(req, await readBody(req));
        if (!body || typeof body !== 'object' || Array.isArray(body))
          throw badRequest('the body of the request must be an object');
        const ctx = this.writeContext(req, query, user);
        return reply(
          201,
          s.present(s.create(t, body as KubeObject, ctx), t),
          ctx,
        );
      }
      case 'update': {
        const body = decodeObject(req, await readBody(req));
        if (!body || typeof body !== 'object' || Array.isArray(body))
          throw badRequest('the body of the request must be an object');
        const ctx = this.writeContext(req, query, user);
        return reply(
          200,
          s.present(s.update(t, r.name!, body as KubeObject, ctx), t),
          ctx,
        );
      }
      case 'patch': {
        const { patchType, patch } = decodePatch(req, await readBody(req));
        const ctx = this.writeContext(req, query, user);
        if (patchType === 'apply' && !query.get('fieldManager')) {
          throw badRequest(
            'PATCH requests with apply-patch+yaml content type require the fieldManager query parameter',
          );
        }
        const force = query.get('force') === 'true';
        const existed = patchType === 'apply' && s.exists(t, r.name!);
        const result = s.present(
          s.patch(t, r.name!, patchType, patch, ctx, force),
          t,
        );
        return reply(
          patchType === 'apply' && !existed ? 201 : 200,
          result,
          ctx,
        );
      }
      case 'delete': {
        const body = await readBody(req);
        const options =
          body.length && !isProtobuf(req)
            ? (decodeObject(req, body) as KubeObject)
            : undefined;
        const ctx = this.writeContext(req, query, user, options);
        const deleted = s.delete(t, r.name!, ctx, options?.preconditions);
        // Like the apiserver: an object that is gone at once is answered with a Status
        // (Services excepted); one held by finalizers is returned as it now is.
        if (s.exists(t, r.name!) || r.type.kind === 'Service') {
          return reply(200, s.present(deleted, t), ctx);
        }
        send(
          res,
          200,
          JSON.stringify(deletedStatus(r.type, deleted)),
          warningHeaders(ctx),
        );
        return undefined;
      }
      case 'deletecollection': {
        const ctx = this.writeContext(req, query, user);
        const items = s.deleteCollection(
          t,
          { labelSelector, fieldSelector },
          ctx,
        );
        send(
          res,
          200,
          JSON.stringify({
            kind: r.type.listKind,
            apiVersion,
            metadata: {},
            items: items.map(i => s.present(i, t)),
          }),
          warningHeaders(ctx),
        );
        return undefined;
      }
      default:
        throw methodNotAllowed(`verb ${verb} is not supported`);
    }
  }
}
