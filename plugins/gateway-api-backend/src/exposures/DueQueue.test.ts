import { DueQueue } from './DueQueue';

describe('DueQueue', () => {
  it('gives the ids due at or before a time, earliest first, and keeps the rest', () => {
    const queue = new DueQueue();
    // A fixed shuffle of 0..999, each due at 10 times its id, and one never due.
    const ids = Array.from({ length: 1000 }, (_, i) => (i * 617) % 1000);
    ids.forEach(id => queue.push(id * 10, id));
    queue.push(Infinity, 5000);
    expect(queue.size).toBe(1000);

    const due: number[] = [];
    for (let id = queue.popDue(4995); id >= 0; id = queue.popDue(4995)) {
      due.push(id);
    }
    expect(due).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(queue.popDue(4999)).toBe(-1);
    queue.push(1, 7000);
    expect(queue.popDue(5000)).toBe(7000);
    expect(queue.popDue(5000)).toBe(500);
    expect(queue.size).toBe(499);
  });
});
