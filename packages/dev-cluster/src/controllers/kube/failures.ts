import { KubeObject, objectKey } from './types';

/**
 * Collects the objects a reconcile pass could not handle, so that one
 * unexpected object is skipped and reported instead of stalling the pass.
 */
export class Failures {
  readonly messages: string[] = [];

  guard<T>(obj: KubeObject, fallback: T, reconcile: () => T): T {
    try {
      return reconcile();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.messages.push(
        `${obj.kind ?? 'Object'} ${objectKey(obj)}: ${reason}`,
      );
      return fallback;
    }
  }
}
