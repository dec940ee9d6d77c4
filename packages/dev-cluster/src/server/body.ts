import { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { badRequest, unsupportedMediaType } from '../api/status';
import { PatchType } from './resourceService';
import { decodeProtobuf } from './protobuf';

const maxBody = 16 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) throw badRequest('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? 'application/json')
    .split(';')[0]
    .trim()
    .toLowerCase();
}

function decode(text: string, yaml: boolean): unknown {
  try {
    return yaml ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw badRequest(
      `the object provided is unrecognized (must be of type ${
        yaml ? 'yaml' : 'json'
      }): ${(e as Error).message}`,
    );
  }
}

/** DeleteOptions from typed kubectl commands come as protobuf; their options are not decoded. */
export function isProtobuf(req: IncomingMessage): boolean {
  return mediaType(req) === 'application/vnd.kubernetes.protobuf';
}

/** Decodes a create/update body: JSON, YAML, or protobuf for the kinds kubectl sends that way. */
export function decodeObject(req: IncomingMessage, body: Buffer): unknown {
  const type = mediaType(req);
  if (type === 'application/json' || type === '*/*') {
    return decode(body.toString('utf8'), false);
  }
  if (type === 'application/yaml') return decode(body.toString('utf8'), true);
  if (type === 'application/vnd.kubernetes.protobuf')
    return decodeProtobuf(body);
  throw unsupportedMediaType(type);
}

const patchTypes: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** Decodes a PATCH body; the patch type comes from the Content-Type, as in the apiserver. */
export function decodePatch(
  req: IncomingMessage,
  body: Buffer,
): { patchType: PatchType; patch: unknown } {
  const type = mediaType(req);
  const patchType = patchTypes[type];
  if (!patchType) throw unsupportedMediaType(type);
  return {
    patchType,
    patch: decode(body.toString('utf8'), patchType === 'apply'),
  };
}
