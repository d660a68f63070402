import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@crm/config';

/** A PostgreSQL server of one test that the test can stop and start again (same data, same port). */
export interface StoppablePostgres {
  /** postgres://…/postgres */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server for good and removes its files. */
  close(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Starts a throwaway embedded PostgreSQL in a child process (stoppable-postgres-server.ts) for tests of
 * outages: readiness while the database is down, reconnection when it is back.
 */
export async function startStoppablePostgres(): Promise<StoppablePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-stoppable-pg-'));
  chmodSync(dir, 0o755); // as root, the server runs as the 'postgres' user and must reach its data folder
  const port = await freePort();
  const child: ChildProcess = spawn(
    join(ROOT, 'node_modules', '.bin', 'ts-node'),
    [
      '-r',
      'tsconfig-paths/register',
      '--transpile-only',
      '-P',
      join(ROOT, 'tsconfig.base.json'),
      join(__dirname, 'stoppable-postgres-server.ts'),
      join(dir, 'data'),
      String(port),
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  const waiters: Array<{ word: string; resolve: (line: string) => void }> = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    let newline: number;
    while ((newline = output.indexOf('\n')) >= 0) {
      const line = output.slice(0, newline);
      output = output.slice(newline + 1);
      const i = waiters.findIndex((w) => line.startsWith(w.word));
      if (i >= 0) waiters.splice(i, 1)[0].resolve(line);
    }
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const next = (word: string, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`stoppable PostgreSQL: no "${word}" within ${timeoutMs} ms\n${errors}`)),
        timeoutMs,
      );
      waiters.push({
        word,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`stoppable PostgreSQL exited with ${code}\n${errors}`));
      });
    });
  const command = (line: string, answer: string) => {
    const answered = next(answer);
    child.stdin!.write(`${line}\n`);
    return answered;
  };
  const ready = await next('ready');
  return {
    url: ready.slice('ready '.length),
    stop: async () => void (await command('stop', 'stopped')),
    start: async () => void (await command('start', 'started')),
    async close() {
      if (child.exitCode === null) {
        child.stdin!.write('quit\n');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
