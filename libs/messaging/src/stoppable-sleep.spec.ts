import { StoppableSleep } from './stoppable-sleep';

describe('StoppableSleep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves after the delay', async () => {
    const sleeps = new StoppableSleep();
    let done = false;
    void sleeps.sleep(1_000).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('stop() ends every pending sleep at once, and later sleeps do not wait', async () => {
    const sleeps = new StoppableSleep();
    const done: number[] = [];
    void sleeps.sleep(60_000).then(() => done.push(1));
    void sleeps.sleep(30_000).then(() => done.push(2));
    await jest.advanceTimersByTimeAsync(0);
    expect(done).toEqual([]);
    sleeps.stop();
    await jest.advanceTimersByTimeAsync(0);
    expect(done.sort()).toEqual([1, 2]);
    expect(jest.getTimerCount()).toBe(0);
    let later = false;
    void sleeps.sleep(60_000).then(() => (later = true));
    await Promise.resolve();
    expect(later).toBe(true);
  });
});
