import { retryDelayMs } from './retry-delay';

describe('retryDelayMs', () => {
  it('waits the initial delay after the first failure and doubles it after each further one', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1_000, 60_000))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never waits longer than the maximum, however many failures', () => {
    expect(retryDelayMs(7, 1_000, 60_000)).toBe(60_000);
    expect(retryDelayMs(5_000, 1_000, 60_000)).toBe(60_000);
  });
});
