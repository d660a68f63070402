import 'reflect-metadata';
import { DataSource } from 'typeorm';
import type { Deadline } from './deadline';

/** A TypeORM DataSource on a test database (a pool of `max` connections). */
export function openDataSource(url: string, max = 4): Promise<DataSource> {
  return new DataSource({ type: 'postgres', url, extra: { max } }).initialize();
}

/** A deadline of `stream` due `inMs` after `from`, with a small command as payload. */
export function deadline(
  key: string,
  stream: string,
  from: Date,
  inMs: number,
  extra: Partial<Deadline<{ command: string }>> = {},
): Deadline<{ command: string }> {
  return {
    key,
    stream,
    kind: 'escalate',
    dueAt: new Date(from.getTime() + inMs),
    payload: { command: `escalate ${key}` },
    expectedRevision: 3,
    ...extra,
  };
}

export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const limit = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > limit) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
