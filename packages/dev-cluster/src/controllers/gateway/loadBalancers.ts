import { KubeObject, objectKey } from '../kube/types';

/**
 * Simulates the time a LoadBalancer Service takes to get its address: a
 * Gateway's load balancer is ready `delayMs` after the controller first
 * asked whether it is.
 */
export class LoadBalancerClock {
  private readonly since = new Map<string, number>();

  constructor(private readonly delayMs: number) {}

  isReady(gateway: KubeObject, now: number): boolean {
    const key = gateway.metadata.uid ?? objectKey(gateway);
    if (!this.since.has(key)) this.since.set(key, now);
    return now - this.since.get(key)! >= this.delayMs;
  }

  /** Forgets Gateways that no longer exist. */
  retain(gateways: KubeObject[]): void {
    const keys = new Set(gateways.map(g => g.metadata.uid ?? objectKey(g)));
    for (const key of this.since.keys()) {
      if (!keys.has(key)) this.since.delete(key);
    }
  }
}
