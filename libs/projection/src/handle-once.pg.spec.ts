import { createTestDatabase } from '@crm/testing';
import type { DataSource, EntityManager } from 'typeorm';
import { handleOnce, loadCheckpoint } from './handle-once';
import { ensureProjectionTables } from './schema';
import { openDataSource } from './test-support';

describe('handleOnce', () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  const count = async () =>
    (await ds.query('SELECT coalesce(sum(n), 0)::int AS n FROM tally'))[0].n as number;
  const bump = async (manager: EntityManager): Promise<void> =>
    void (await manager.query('UPDATE tally SET n = n + 1'));

  beforeAll(async () => {
    db = await createTestDatabase('handleonce');
    ds = await openDataSource(db.url);
    await ensureProjectionTables(ds);
    await ds.query('CREATE TABLE tally (n int NOT NULL)');
    await ds.query('INSERT INTO tally VALUES (0)');
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('applies an event once; a redelivery changes nothing', async () => {
    const first = await handleOnce(ds, { consumer: 'c1', eventId: 'e-1', position: 5n }, bump);
    const again = await handleOnce(ds, { consumer: 'c1', eventId: 'e-1', position: 5n }, bump);
    expect([first.applied, again.applied]).toEqual([true, false]);
    expect(await count()).toBe(1);
    // the same event id for another consumer is that consumer's own business
    expect((await handleOnce(ds, { consumer: 'c2', eventId: 'e-1' }, bump)).applied).toBe(true);
    expect(await count()).toBe(2);
  });

  it('rolls back the effect, the processed id and the checkpoint when the handler throws after its effect', async () => {
    await expect(
      handleOnce(ds, { consumer: 'c3', eventId: 'e-crash', position: 9n }, async (m) => {
        await bump(m);
        throw new Error('crash after the effect');
      }),
    ).rejects.toThrow('crash after the effect');
    expect(await count()).toBe(2);
    expect(await loadCheckpoint(ds, 'public', 'c3')).toBeUndefined();
    expect(await ds.query(`SELECT 1 FROM processed_events WHERE consumer = 'c3'`)).toEqual([]);
    const retry = await handleOnce(ds, { consumer: 'c3', eventId: 'e-crash', position: 9n }, bump);
    const redelivered = await handleOnce(ds, { consumer: 'c3', eventId: 'e-crash', position: 9n }, bump);
    expect([retry.applied, redelivered.applied]).toEqual([true, false]);
    expect(await count()).toBe(3);
    expect(await loadCheckpoint(ds, 'public', 'c3')).toBe(9n);
  });

  it('applies concurrent deliveries of the same event exactly once', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        handleOnce(ds, { consumer: 'c4', eventId: 'e-race' }, async (m) => {
          await bump(m);
          await new Promise((r) => setTimeout(r, 20));
        }),
      ),
    );
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    expect(await count()).toBe(4);
  });

  it('never moves a checkpoint backwards', async () => {
    await handleOnce(ds, { consumer: 'c5', eventId: 'a', position: 20n }, bump);
    await handleOnce(ds, { consumer: 'c5', eventId: 'b', position: 11n }, bump);
    expect(await loadCheckpoint(ds, 'public', 'c5')).toBe(20n);
  });
});
