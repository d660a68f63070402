import { bilingualLine } from '@crm/kernel';
import { loadPlatformConfig } from '@crm/config';
import { DEMO_LOGIN_EXAMPLES, type ServiceEntry } from '../services';
import { LauncherDatabase } from './database';
import { whenParentExits } from './parent-watch';
import { Supervisor, type RunningService } from './supervisor';

export interface LaunchOptions {
  services: ServiceEntry[];
  env?: NodeJS.ProcessEnv;
  out?: (line: string) => void;
}

type Failure = Error & { text?: { es: string; en: string } };
const describeError = (e: Failure) => bilingualLine(e) ?? e.stack ?? e.message;

/**
 * `npm start`: one PostgreSQL (embedded, or DATABASE_URL), then every service of the registry as its own
 * process (see Supervisor); prints the addresses, the demo logins and the seconds to ready. SIGINT, SIGTERM,
 * SIGHUP, or the end of the process that started it (npm) stop every service, then PostgreSQL, then the
 * launcher. The services and the PostgreSQL process stop by themselves when the launcher is gone, even killed.
 */
export async function launch(options: LaunchOptions): Promise<void> {
  const env = options.env ?? process.env;
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  // A closed terminal or pipe must not turn the orderly stop into a crash.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);

  const database = new LauncherDatabase(env, out);
  let supervisor: Supervisor | undefined;
  let stopping: Promise<void> | undefined;
  const stopAll = (reason: string | undefined, code: number): Promise<void> =>
    (stopping ??= (async () => {
      if (reason) out(reason);
      await supervisor?.stop();
      await database.stop();
      out('Detenido / stopped.');
      process.exit(code);
    })());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => void stopAll(`${signal}: deteniendo / stopping...`, 0));
  whenParentExits(
    (pid) =>
      void stopAll(
        `El proceso que inició la plataforma (${pid}) terminó: deteniendo / the process that started the platform (${pid}) exited: stopping...`,
        0,
      ),
  );
  process.on('uncaughtException', (e: Failure) => {
    process.stderr.write(`${describeError(e)}\n`);
    void stopAll(undefined, 1);
  });

  try {
    loadPlatformConfig(env); // an invalid setting stops here, before anything starts, with its es/en text
    const where = env.DATABASE_URL ? 'DATABASE_URL' : `${env.CRM_DATA_DIR || '.data'}/postgres`;
    out(
      `Iniciando la plataforma CRM (PostgreSQL: ${where}) / Starting the CRM platform (PostgreSQL: ${where})...`,
    );
    const url = await database.start();
    if (stopping) return;
    void database
      .exited()
      .then(
        () =>
          void stopAll(
            'PostgreSQL se detuvo: se detiene la plataforma / PostgreSQL stopped: stopping the platform',
            1,
          ),
      );
    supervisor = new Supervisor({
      services: options.services,
      env: { ...env, DATABASE_URL: url },
      out,
      onGiveUp: (s) =>
        void stopAll(
          `${s.entry.name}: se deja de reiniciar; se detiene la plataforma / no more restarts; stopping the platform`,
          1,
        ),
    });
    const running = await supervisor.start();
    if (stopping) return;
    for (const line of readyLines(running, database, env, process.uptime())) out(line);
  } catch (e) {
    if (stopping) return;
    process.stderr.write(`No se pudo iniciar / start failed: ${describeError(e as Failure)}\n`);
    await stopAll(undefined, 1);
  }
}

/** The lines printed once every service is ready. */
export function readyLines(
  running: RunningService[],
  database: { url?: string; dataDir?: string },
  env: NodeJS.ProcessEnv,
  totalSeconds: number,
): string[] {
  const s = (n: number) => `${n.toFixed(1)} s`;
  const lines = [
    '',
    `Plataforma CRM lista en ${s(totalSeconds)} / CRM platform ready in ${s(totalSeconds)}`,
    `  PostgreSQL: ${database.dataDir ? `embebido / embedded PostgreSQL (${database.dataDir}, ${new URL(database.url!).host})` : 'DATABASE_URL'}`,
  ];
  for (const r of running) {
    lines.push(
      `  ${r.entry.name}: ${r.url}  ${r.entry.title.es} / ${r.entry.title.en}, listo en ${s(r.readySeconds ?? 0)} / ready in ${s(r.readySeconds ?? 0)} (pid ${r.child?.pid})`,
    );
    if (r.entry.links?.length)
      lines.push(`      ${r.entry.links.map((l) => `${l.label}: ${r.url}${l.path}`).join('   ')}`);
  }
  const login = running
    .map((r) => ({ r, path: r.entry.demoLoginPath?.(env) }))
    .find((l) => l.path !== undefined);
  if (login) {
    const password = env.DEV_ISSUER_PASSWORD ? '<DEV_ISSUER_PASSWORD>' : 'demo';
    lines.push(
      `  Cuentas de demostración / demo logins: POST ${login.r.url}${login.path} {"username":"${DEMO_LOGIN_EXAMPLES[0]}","password":"${password}"}`,
      `      ${DEMO_LOGIN_EXAMPLES.join(', ')}, ... (<país>.<rol> para cada país miembro / <cc>.<role> for every member country)`,
    );
  }
  lines.push(
    '',
    'Pulse Ctrl-C para detener / press Ctrl-C to stop. Guía / guide: README.md, docs/plan-service.md',
  );
  return lines;
}
