import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@crm/config';

/**
 * Jest globalSetup: one throwaway embedded PostgreSQL per test run (or the server in TEST_DATABASE_URL
 * when set). Test files create their own databases with `createTestDatabase()`.
 * Idempotent: several jest projects may list it; the first one starts the server.
 */
const state = globalThis as typeof globalThis & {
  __crmTestPg?: { handle: EmbeddedPostgresHandle; dir: string };
};

export default async function pgGlobalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const dir = mkdtempSync(join(tmpdir(), 'crm-test-pg-'));
  chmodSync(dir, 0o755); // as root, the server runs as the 'postgres' user and must reach its data folder
  const handle = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), persistent: false });
  state.__crmTestPg = { handle, dir };
  process.env.TEST_DATABASE_URL = handle.url;
  process.env.CRM_TEST_PG_STARTED = '1';
  console.log(`\n[tests] embedded PostgreSQL started at 127.0.0.1:${handle.port}`);
}

export async function pgGlobalTeardown(): Promise<void> {
  const started = state.__crmTestPg;
  if (!started) return;
  state.__crmTestPg = undefined;
  delete process.env.TEST_DATABASE_URL;
  await started.handle.stop();
  rmSync(started.dir, { recursive: true, force: true });
}
