/** Wakes every waiter on `notify()`; a `wait()` taken before a check never misses a later notify. */
export class Signal {
  private waiters: Array<() => void> = [];
  private pending: Promise<void> | undefined;

  wait(): Promise<void> {
    if (!this.pending) this.pending = new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.pending;
  }

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    this.pending = undefined;
    for (const wake of waiters) wake();
  }
}
