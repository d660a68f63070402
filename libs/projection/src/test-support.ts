import 'reflect-metadata';
import { DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { RecordedEvent } from '@crm/event-store';
import type { Projection } from './projection-runner';

export async function openDataSource(url: string, applicationName = 'projection-test'): Promise<DataSource> {
  const ds = new DataSource({
    type: 'postgres',
    url,
    entities: [],
    synchronize: false,
    logging: false,
    extra: { max: 4, application_name: applicationName },
  });
  return ds.initialize();
}

/** The counter read model's table: `read.counters` (its own schema, recorded with the runner's migrations). */
class CreateCounters1733270400100 implements MigrationInterface {
  name = 'CreateCounters1733270400100';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SCHEMA IF NOT EXISTS read');
    await queryRunner.query(
      'CREATE TABLE read.counters (stream text PRIMARY KEY, events int NOT NULL, total bigint NOT NULL)',
    );
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE read.counters');
  }
}

/** A counter read model: events per stream, plus the sum of `data.i`. */
export const counterProjection: Projection = {
  name: 'counter',
  tables: ['read.counters'],
  migrations: [CreateCounters1733270400100],
  async handle(event: RecordedEvent, manager: EntityManager) {
    const i = Number((event.data as { i?: number }).i ?? 0);
    await manager.query(
      `INSERT INTO read.counters (stream, events, total) VALUES ($1, 1, $2)
       ON CONFLICT (stream) DO UPDATE SET events = read.counters.events + 1, total = read.counters.total + EXCLUDED.total`,
      [event.streamName, i],
    );
  },
};

export async function counters(ds: DataSource): Promise<Record<string, { events: number; total: number }>> {
  const rows: Array<{ stream: string; events: number; total: string }> = await ds.query(
    'SELECT stream, events, total FROM read.counters ORDER BY stream',
  );
  return Object.fromEntries(rows.map((r) => [r.stream, { events: r.events, total: Number(r.total) }]));
}

export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
