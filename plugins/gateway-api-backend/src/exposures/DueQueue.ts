/** Ids by the instant each falls due, the earliest first: a binary min-heap. */
export class DueQueue {
  private readonly at: number[] = [];
  private readonly ids: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** Adds `id`, due at `at`; an id never due (Infinity) is not kept. */
  push(at: number, id: number) {
    if (!(at < Number.POSITIVE_INFINITY)) return;
    let i = this.ids.length;
    this.at.push(at);
    this.ids.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.at[parent] <= at) break;
      this.move(parent, i);
      i = parent;
    }
    this.at[i] = at;
    this.ids[i] = id;
  }

  /** Removes and returns the earliest id due at or before `now`; -1 when none is. */
  popDue(now: number): number {
    if (this.ids.length === 0 || this.at[0] > now) return -1;
    const id = this.ids[0];
    const lastAt = this.at.pop()!;
    const lastId = this.ids.pop()!;
    const n = this.ids.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && this.at[child + 1] < this.at[child]) child++;
        if (this.at[child] >= lastAt) break;
        this.move(child, i);
        i = child;
      }
      this.at[i] = lastAt;
      this.ids[i] = lastId;
    }
    return id;
  }

  private move(from: number, to: number) {
    this.at[to] = this.at[from];
    this.ids[to] = this.ids[from];
  }
}
