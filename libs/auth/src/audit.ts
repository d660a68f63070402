import { runMigrations } from '@crm/config';
import type { Pool } from 'pg';
import { AUDIT_MIGRATIONS } from './migrations';
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

/** PostgreSQL sink: table `audit.access_denials` (created by the migrations of `libs/auth/src/migrations`). */
export class PostgresAuditSink implements AuditSink {
  constructor(private readonly pool: Pool) {}

  /** Runs the audit schema's migrations (runMigrations: under the schema's advisory lock; idempotent). */
  async migrate(): Promise<void> {
    await runMigrations(this.pool, { schema: 'audit', migrations: AUDIT_MIGRATIONS });
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
