import { ServerResponse } from 'node:http';
import {
  KubeObject,
  ResourceType,
  ServedVersion,
  apiVersionOf,
} from '../api/types';
import { StatusError, gone } from '../api/status';
import { Selector } from '../api/selectors';
import { EventType, ObjectStore, StoreEvent } from '../store/objectStore';
import { serialize } from '../store/serialize';
import { toTable } from './table';

export interface WatchOptions {
  type: ResourceType;
  version: string;
  namespace?: string;
  labelSelector?: Selector;
  fieldSelector?: Selector;
  resourceVersion?: string;
  allowBookmarks: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
  /** Injected fault: end the stream abruptly after this long. */
  dropAfterMs?: number;
  bookmarkIntervalMs: number;
  /** Set when the client asked for Tables (`kubectl get -w`): each event carries a one-row Table. */
  table?: ServedVersion;
}

const maxBufferedBytes = 64 * 1024 * 1024;

/** Event lines are shared by every watcher of the same version: serialised once per event. */
const lines = new WeakMap<StoreEvent, Map<string, string>>();

function eventLine(
  event: StoreEvent,
  type: EventType,
  apiVersion: string,
): string {
  let byVersion = lines.get(event);
  if (!byVersion) {
    byVersion = new Map();
    lines.set(event, byVersion);
  }
  const key = `${type}|${apiVersion}`;
  let line = byVersion.get(key);
  if (line === undefined) {
    line = `{"type":"${type}","object":${serialize(
      event.object,
      apiVersion,
    )}}\n`;
    byVersion.set(key, line);
  }
  return line;
}

function tableLine(
  type: EventType,
  object: KubeObject,
  version: ServedVersion,
): string {
  return `${JSON.stringify({
    type,
    object: toTable(version, [object], {}),
  })}\n`;
}

/** Streams watch events as newline-delimited JSON until timeout, client disconnect or close. */
export class WatchHub {
  private readonly open = new Map<ServerResponse, () => void>();

  constructor(private readonly store: ObjectStore) {}

  closeAll(): void {
    for (const stop of [...this.open.values()]) stop();
  }

  serve(res: ServerResponse, o: WatchOptions): void {
    const apiVersion = apiVersionOf(o.type.group, o.version);
    const prefix = o.namespace ? `${o.namespace}/` : '';
    const matches = (object: KubeObject | undefined): boolean =>
      Boolean(object) &&
      (!o.namespace || object!.metadata.namespace === o.namespace) &&
      (!o.labelSelector || o.labelSelector(object!)) &&
      (!o.fieldSelector || o.fieldSelector(object!));

    let backlog: StoreEvent[] = [];
    const fromRv =
      o.resourceVersion && o.resourceVersion !== '0'
        ? Number(o.resourceVersion)
        : undefined;
    if (fromRv !== undefined) {
      if (!Number.isInteger(fromRv)) {
        throw new StatusError(
          400,
          'BadRequest',
          `resourceVersion: Invalid value: "${o.resourceVersion}": must be an integer`,
        );
      }
      const events = this.store.eventsSince(o.type, fromRv);
      if (!events) {
        this.fail(
          res,
          gone(
            `too old resource version: ${fromRv} (${
              this.store.oldestResumable + 1
            })`,
          ),
        );
        return;
      }
      backlog = events;
    }

    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    // Clients wait for the headers before they consider the watch established.
    res.flushHeaders();
    // A watcher that stops reading is cut off, as the apiserver does, instead of buffering forever.
    const write = (line: string) => {
      if (res.writableLength > maxBufferedBytes) res.destroy();
      else res.write(line);
    };
    const bookmark = (annotations?: Record<string, string>) =>
      write(
        `${JSON.stringify({
          type: 'BOOKMARK',
          object: {
            kind: o.type.kind,
            apiVersion,
            metadata: {
              resourceVersion: String(this.store.resourceVersion),
              ...(annotations ? { annotations } : {}),
            },
          },
        })}\n`,
      );
    const line = (event: StoreEvent, type: EventType) =>
      o.table
        ? tableLine(type, event.object, o.table)
        : eventLine(event, type, apiVersion);
    const deliver = (event: StoreEvent) => {
      const now = event.type !== 'DELETED' && matches(event.object);
      const before = event.type !== 'ADDED' && matches(event.previous);
      if (event.type === 'DELETED') {
        if (before || matches(event.object)) write(line(event, 'DELETED'));
      } else if (now && before) write(line(event, 'MODIFIED'));
      else if (now) write(line(event, 'ADDED'));
      else if (before) write(line(event, 'DELETED'));
    };

    if (fromRv === undefined) {
      const snapshot = this.store.snapshot(o.type);
      for (const key of snapshot.keys) {
        if (prefix && !key.startsWith(prefix)) continue;
        const object = snapshot.get(key)!;
        if (matches(object))
          write(
            o.table
              ? tableLine('ADDED', object, o.table)
              : `{"type":"ADDED","object":${serialize(object, apiVersion)}}\n`,
          );
      }
      if (o.sendInitialEvents && o.allowBookmarks)
        bookmark({ 'k8s.io/initial-events-end': 'true' });
    }
    backlog.forEach(deliver);
    const unsubscribe = this.store.subscribe(o.type, deliver);

    const timers: NodeJS.Timeout[] = [];
    let closed = false;
    const close = (graceful: boolean) => {
      if (closed) return;
      closed = true;
      unsubscribe();
      timers.forEach(clearTimeout);
      this.open.delete(res);
      if (graceful) {
        if (o.allowBookmarks) bookmark();
        res.end();
      } else {
        res.destroy();
      }
    };
    const stop = () => close(true);
    this.open.set(res, stop);
    res.on('close', () => close(false));
    if (o.allowBookmarks) {
      const interval = setInterval(() => bookmark(), o.bookmarkIntervalMs);
      timers.push(interval);
    }
    timers.push(setTimeout(stop, (o.timeoutSeconds ?? 1800) * 1000));
    if (o.dropAfterMs !== undefined)
      timers.push(setTimeout(() => close(false), o.dropAfterMs));
  }

  /** A watch that cannot start answers 200 with a single ERROR event, as the apiserver does. */
  fail(res: ServerResponse, error: StatusError): void {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(`${JSON.stringify({ type: 'ERROR', object: error.toStatus() })}\n`);
  }
}
