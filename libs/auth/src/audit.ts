import type { Pool } from 'pg';
import type { Principal } from './principal';
import type { Resource } from './policy';

/** One authorisation outcome worth keeping (every 403 is recorded). */
export interface AccessAuditEntry {
  at: Date;
  /** Null when the request had no valid identity. */
  principal: Pick<Principal, 'subject' | 'country' | 'institution' | 'roles' | 'organisation'> | null;
  operation: string;
  resource: Resource & { path?: string; method?: string };
  outcome: 'denied' | 'allowed';
  reason: string;
}

/** Port: where access decisions are recorded. */
export interface AuditSink {
  record(entry: AccessAuditEntry): Promise<void>;
}

export class MemoryAuditSink implements AuditSink {
  readonly entries: AccessAuditEntry[] = [];
  async record(entry: AccessAuditEntry): Promise<void> {
    this.entries.push(structuredClone(entry));
  }
}

/** PostgreSQL sink: table `audit.access_denials` (created by `migrate()`). */
export class PostgresAuditSink implements AuditSink {
  constructor(private readonly pool: Pool) {}

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('crm.audit.migrate'))");
      await client.query('CREATE SCHEMA IF NOT EXISTS audit');
      await client.query(`CREATE TABLE IF NOT EXISTS audit.access_denials (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        subject text,
        country text,
        organisation text,
        institution text,
        roles text[] NOT NULL DEFAULT '{}',
        operation text NOT NULL,
        resource jsonb NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('denied', 'allowed')),
        reason text NOT NULL
      )`);
      await client.query('CREATE INDEX IF NOT EXISTS access_denials_at ON audit.access_denials (at)');
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
  }

  async record(e: AccessAuditEntry): Promise<void> {
    await this.pool.query(
      `INSERT INTO audit.access_denials (at, subject, country, organisation, institution, roles, operation, resource, outcome, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        e.at,
        e.principal?.subject ?? null,
        e.principal?.country ?? null,
        e.principal?.organisation ?? null,
        e.principal?.institution ?? null,
        e.principal?.roles ?? [],
        e.operation,
        JSON.stringify(e.resource),
        e.outcome,
        e.reason,
      ],
    );
  }
}
