import { rebuildWithin } from './rebuild-within';

const after = (ms: number, fail = false) =>
  new Promise<void>((resolve, reject) =>
    setTimeout(() => (fail ? reject(new Error('boom')) : resolve()), ms),
  );

describe('rebuildWithin (the rebuild route answers 200 when done in time, 202 while it still runs)', () => {
  it('is done when the rebuild finishes before the wait', async () => {
    await expect(rebuildWithin(after(5), 200, () => undefined)).resolves.toBe('done');
  });

  it('is running when the rebuild outlasts the wait, and the rebuild goes on', async () => {
    let finished = false;
    const rebuild = after(80).then(() => {
      finished = true;
    });
    await expect(rebuildWithin(rebuild, 10, () => undefined)).resolves.toBe('running');
    expect(finished).toBe(false);
    await rebuild;
    expect(finished).toBe(true);
  });

  it('throws an error that comes in time, and reports one that comes late', async () => {
    await expect(rebuildWithin(after(5, true), 200, () => undefined)).rejects.toThrow('boom');
    const late: unknown[] = [];
    await expect(rebuildWithin(after(40, true), 5, (e) => late.push(e))).resolves.toBe('running');
    await after(60);
    expect(late).toHaveLength(1);
  });
});
