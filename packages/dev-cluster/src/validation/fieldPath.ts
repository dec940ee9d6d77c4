/** Joins field paths the way apimachinery prints them: `spec.listeners[0].port`. */
export function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** Converts an ajv instancePath (`/spec/listeners/0/port`) using the data to tell indexes from keys. */
export function fromPointer(pointer: string, data: unknown): string {
  let path = '';
  let node: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path = index(path, Number(key));
      node = node[Number(key)];
    } else {
      path = child(path, key);
      node =
        node && typeof node === 'object'
          ? (node as Record<string, unknown>)[key]
          : undefined;
    }
  }
  return path;
}
