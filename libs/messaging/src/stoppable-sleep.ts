/**
 * Back-off delays that a stop cuts short: `stop()` resolves every pending `sleep` at once, and any later
 * `sleep` resolves immediately. Nothing else (e.g. a NOTIFY waking a poll loop) shortens a delay.
 */
export class StoppableSleep {
  private stopped = false;
  private readonly waiters = new Set<() => void>();

  sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        resolve();
      }, ms);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.add(wake);
    });
  }

  stop(): void {
    this.stopped = true;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }
}
