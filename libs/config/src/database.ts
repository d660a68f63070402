import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres';
import type { PlatformConfig } from './platform-config';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The platform's PostgreSQL: `DATABASE_URL` when configured, otherwise an embedded server whose files live
 * in `<dataDir>/postgres` (kept between runs) on a free port (or EMBEDDED_PG_PORT).
 */
export async function openDatabase(
  config: PlatformConfig,
  log: (line: string) => void = () => undefined,
): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o755); // the server runs as the 'postgres' user when we are root
  const pg = await startEmbeddedPostgres({
    dataDir: join(dataDir, 'postgres'),
    port: config.embeddedPostgresPort,
    persistent: true,
    onLog: log,
  });
  const url = await pg.createDatabase('crm');
  return { url, embedded: true, stop: () => pg.stop() };
}
