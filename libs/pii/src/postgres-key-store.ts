import { runMigrations } from '@crm/config';
import type { Pool, PoolClient } from 'pg';
import type { KeyLookup, KeyStore, WrappedDataKey } from './key-store';
import { PII_MIGRATIONS } from './migrations';

interface DbRow {
  subject_id: string;
  key_id: string | null;
  kek_id: string | null;
  wrapped_key: Buffer | null;
  created_at: Date;
  erased_at: Date | null;
}

/**
 * KeyStore in PostgreSQL, schema `pii`, table `data_keys` (one row per child; a tombstone after erasure),
 * created by the migrations of `libs/pii/src/migrations`.
 * Keep this schema out of the Secretariat's database role and out of event/read-model backups where possible.
 */
export class PostgresKeyStore implements KeyStore {
  constructor(
    private readonly pool: Pool,
    private readonly options: { ownsPool?: boolean } = {},
  ) {}

  /** Runs the key schema's migrations (runMigrations: under the schema's advisory lock; idempotent). */
  async migrate(): Promise<void> {
    await runMigrations(this.pool, { schema: 'pii', migrations: PII_MIGRATIONS });
  }

  async find(subjectId: string): Promise<KeyLookup> {
    const r = await this.pool.query<DbRow>('SELECT * FROM pii.data_keys WHERE subject_id = $1', [subjectId]);
    return toLookup(r.rows[0]);
  }

  async createIfAbsent(key: WrappedDataKey): Promise<KeyLookup> {
    await this.pool.query(
      `INSERT INTO pii.data_keys (subject_id, key_id, kek_id, wrapped_key, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (subject_id) DO NOTHING`,
      [key.subjectId, key.keyId, key.kekId, key.wrappedKey, key.createdAt],
    );
    return this.find(key.subjectId);
  }

  /**
   * In one transaction: overwrite the wrapped key with zeros, delete the row, insert a tombstone.
   * PostgreSQL is MVCC: the old row versions stay in the table file as dead tuples (and in WAL and
   * backups) until VACUUM and WAL recycling; see docs/security.md for what closes that gap (KEK rotation).
   */
  async erase(subjectId: string, at: Date): Promise<'erased' | 'already_erased'> {
    return this.tx(async (c) => {
      const r = await c.query<DbRow>('SELECT * FROM pii.data_keys WHERE subject_id = $1 FOR UPDATE', [
        subjectId,
      ]);
      const row = r.rows[0];
      if (row?.erased_at) return 'already_erased';
      if (row) {
        await c.query(
          "UPDATE pii.data_keys SET wrapped_key = decode(repeat('00', length(wrapped_key)), 'hex') WHERE subject_id = $1",
          [subjectId],
        );
        await c.query('DELETE FROM pii.data_keys WHERE subject_id = $1', [subjectId]);
      }
      await c.query(
        `INSERT INTO pii.data_keys (subject_id, key_id, kek_id, wrapped_key, created_at, erased_at) VALUES ($1, $2, NULL, NULL, $3, $4)
         ON CONFLICT (subject_id) DO NOTHING`,
        [subjectId, row?.key_id ?? null, row?.created_at ?? at, at],
      );
      return 'erased';
    });
  }

  /**
   * Rewrites `pii.data_keys` (VACUUM FULL) so dead row versions holding erased key material leave the live
   * table file. Takes a short exclusive lock on the (small) key table. Run after erasures (the erasure job
   * does) and after a KEK rotation. Cannot run inside a transaction.
   */
  async purgeDeadKeyMaterial(): Promise<void> {
    await this.pool.query('VACUUM FULL pii.data_keys');
  }

  async listNotWrappedBy(kekId: string, limit: number): Promise<WrappedDataKey[]> {
    const r = await this.pool.query<DbRow>(
      'SELECT * FROM pii.data_keys WHERE erased_at IS NULL AND kek_id <> $1 ORDER BY subject_id LIMIT $2',
      [kekId, limit],
    );
    return r.rows.map((row) => (toLookup(row) as { key: WrappedDataKey }).key);
  }

  async rewrap(
    subjectId: string,
    expectedKekId: string,
    newKekId: string,
    newWrappedKey: Buffer,
  ): Promise<boolean> {
    const r = await this.pool.query(
      'UPDATE pii.data_keys SET kek_id = $3, wrapped_key = $4 WHERE subject_id = $1 AND kek_id = $2 AND erased_at IS NULL',
      [subjectId, expectedKekId, newKekId, newWrappedKey],
    );
    return r.rowCount === 1;
  }

  async close(): Promise<void> {
    if (this.options.ownsPool) await this.pool.end();
  }

  private async tx<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }
}

function toLookup(row: DbRow | undefined): KeyLookup {
  if (!row) return { state: 'absent' };
  if (row.erased_at) return { state: 'erased', keyId: row.key_id, erasedAt: row.erased_at };
  return {
    state: 'active',
    key: {
      subjectId: row.subject_id,
      keyId: row.key_id as string,
      kekId: row.kek_id as string,
      wrappedKey: row.wrapped_key as Buffer,
      createdAt: row.created_at,
    },
  };
}
