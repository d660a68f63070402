import { InternalError } from '@crm/kernel';
import { startChild, type Child } from './child';
import type { DatabaseReady } from './embedded-database';

/**
 * The one PostgreSQL of `npm start`: DATABASE_URL when it is set, otherwise the embedded server run by the
 * launcher's own `postgres` process (scripts/launcher/embedded-database.ts). Every service gets its URL.
 */
export class LauncherDatabase {
  private child?: Child;
  url?: string;
  /** The embedded cluster's folder; undefined with DATABASE_URL. */
  dataDir?: string;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly out: (line: string) => void,
  ) {}

  async start(timeoutMs = 180_000): Promise<string> {
    if (this.env.DATABASE_URL) return (this.url = this.env.DATABASE_URL);
    const child = startChild({
      name: 'postgres',
      file: 'scripts/launcher/embedded-database',
      env: this.env,
      out: this.out,
    });
    this.child = child;
    let timer: NodeJS.Timeout | undefined;
    const ready = await Promise.race([
      new Promise<DatabaseReady>((resolve) =>
        child.process.on('message', (m: DatabaseReady) => m?.type === 'database-ready' && resolve(m)),
      ),
      child.exited.then(() => undefined),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!ready) {
      throw new InternalError('launcher.database_not_started', {
        es: 'el PostgreSQL embebido no arrancó (vea las líneas [postgres] de arriba)',
        en: 'the embedded PostgreSQL did not start (see the [postgres] lines above)',
      });
    }
    this.dataDir = ready.dataDir;
    return (this.url = ready.url);
  }

  /** Resolves if the embedded server's process exits (never with DATABASE_URL). */
  exited(): Promise<void> {
    return this.child ? this.child.exited.then(() => undefined) : new Promise(() => undefined);
  }

  /** Stops the embedded server (nothing to do with DATABASE_URL). Safe at any time. */
  async stop(graceMs = 30_000): Promise<void> {
    await this.child?.stop(graceMs);
  }
}
