import { KubeObject } from '../api/types';
import { unsupportedMediaType } from '../api/status';

/**
 * Just enough of the apiserver's protobuf encoding for what kubectl sends that way: typed
 * commands such as `kubectl create namespace|configmap|secret` encode built-in kinds as
 * protobuf. Anything else answers 415.
 */

type Field = { no: number; wire: number; value: bigint | Uint8Array };

function* fields(buf: Uint8Array): Generator<Field> {
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = buf[pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return result;
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const tag = Number(varint());
    const wire = tag & 7;
    if (wire === 0) yield { no: tag >> 3, wire, value: varint() };
    else if (wire === 2) {
      const len = Number(varint());
      yield { no: tag >> 3, wire, value: buf.subarray(pos, pos + len) };
      pos += len;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
}

const text = (v: Field['value']) =>
  Buffer.from(v as Uint8Array).toString('utf8');
const base64 = (v: Field['value']) =>
  Buffer.from(v as Uint8Array).toString('base64');

function map(
  buf: Uint8Array,
  decodeValue: (v: Field['value']) => string,
): [string, string] {
  let key = '';
  let value = '';
  for (const f of fields(buf)) {
    if (f.no === 1) key = text(f.value);
    if (f.no === 2) value = decodeValue(f.value);
  }
  return [key, value];
}

function objectMeta(buf: Uint8Array): KubeObject {
  const meta: KubeObject = {};
  const put = (key: string, [k, v]: [string, string]) => {
    meta[key] = { ...meta[key], [k]: v };
  };
  for (const f of fields(buf)) {
    if (f.no === 1) meta.name = text(f.value);
    else if (f.no === 2) meta.generateName = text(f.value);
    else if (f.no === 3) meta.namespace = text(f.value);
    else if (f.no === 11) put('labels', map(f.value as Uint8Array, text));
    else if (f.no === 12) put('annotations', map(f.value as Uint8Array, text));
    else if (f.no === 14)
      meta.finalizers = [...(meta.finalizers ?? []), text(f.value)];
  }
  return meta;
}

function decodeKind(kind: string, raw: Uint8Array): KubeObject {
  const object: KubeObject = { apiVersion: 'v1', kind };
  const put = (key: string, [k, v]: [string, string]) => {
    object[key] = { ...object[key], [k]: v };
  };
  for (const f of fields(raw)) {
    if (f.no === 1) {
      object.metadata = objectMeta(f.value as Uint8Array);
    } else if (kind === 'ConfigMap' && f.no === 2) {
      put('data', map(f.value as Uint8Array, text));
    } else if (kind === 'ConfigMap' && f.no === 3) {
      put('binaryData', map(f.value as Uint8Array, base64));
    } else if (kind === 'Secret' && f.no === 2) {
      put('data', map(f.value as Uint8Array, base64));
    } else if (kind === 'Secret' && f.no === 3) {
      object.type = text(f.value);
    } else if (kind === 'Secret' && f.no === 4) {
      put('stringData', map(f.value as Uint8Array, text));
    } else if (
      (kind === 'ConfigMap' && f.no === 4) ||
      (kind === 'Secret' && f.no === 5)
    ) {
      object.immutable = f.value === 1n;
    }
  }
  return object;
}

const decodable = new Set(['Namespace', 'ConfigMap', 'Secret']);
const magic = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Decodes a `k8s\0`-prefixed runtime.Unknown holding a Namespace, ConfigMap or Secret. */
export function decodeProtobuf(body: Buffer): KubeObject {
  const contentType = 'application/vnd.kubernetes.protobuf';
  if (!body.subarray(0, 4).equals(magic))
    throw unsupportedMediaType(contentType);
  let kind = '';
  let raw: Uint8Array = new Uint8Array();
  for (const f of fields(body.subarray(4))) {
    if (f.no === 1) {
      for (const t of fields(f.value as Uint8Array))
        if (t.no === 2) kind = text(t.value);
    } else if (f.no === 2) raw = f.value as Uint8Array;
  }
  if (!decodable.has(kind)) throw unsupportedMediaType(contentType);
  return decodeKind(kind, raw);
}
