import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, portIsFree } from '@crm/config';
import { InternalError } from '@crm/kernel';
import type { ServiceEntry } from '../services';
import { startChild, type Child } from './child';

/** When a crashed service is started again, and when the launcher stops trying. */
export interface RestartPolicy {
  /** Delay before the first restart; doubled for each further crash in a row. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Crashes in a row after which the service is not restarted again. */
  maxCrashesInARow: number;
  /** A service that ran this long before it crashed starts a new series of crashes. */
  stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxCrashesInARow: 5,
  stableAfterMs: 60_000,
};

export interface RunningService {
  entry: ServiceEntry;
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  child?: Child;
  /** Seconds from the (last) spawn to the first 200 on the readiness path. */
  readySeconds?: number;
  crashesInARow: number;
  restarts: number;
}

export interface SupervisorOptions {
  services: ServiceEntry[];
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  policy?: RestartPolicy;
  /** How long a (re)started service may take to answer 200 on its readiness path (default 120 s). */
  readyTimeoutMs?: number;
  /** Between SIGTERM and SIGKILL when stopping a service (default 10 s). */
  stopGraceMs?: number;
  /** A service crashed `maxCrashesInARow` times in a row; the launcher stops everything. */
  onGiveUp: (service: RunningService) => void;
}

const exitCause = ({ code, signal }: { code: number | null; signal: NodeJS.Signals | null }) =>
  signal ? { es: `señal ${signal}`, en: `signal ${signal}` } : { es: `código ${code}`, en: `code ${code}` };

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Starts the services of the registry in its order, each as its own process on its own port, each after the
 * previous one answered 200 on its readiness path; restarts a crashed one with exponential back-off and gives up
 * after `maxCrashesInARow`; stops them in reverse order.
 */
export class Supervisor {
  private readonly policy: RestartPolicy;
  private readonly running: RunningService[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {
    this.policy = options.policy ?? DEFAULT_RESTART_POLICY;
  }

  /** Starts every service; rejects (es/en) when one exits or is not ready in time; the rest is then stopped by `stop`. */
  async start(): Promise<RunningService[]> {
    const urls: Record<string, string> = {};
    for (const entry of this.options.services) {
      if (this.stopping) break;
      const port = await this.portFor(entry);
      const service: RunningService = {
        entry,
        port,
        url: `http://127.0.0.1:${port}`,
        crashesInARow: 0,
        restarts: 0,
      };
      this.running.push(service);
      const env: NodeJS.ProcessEnv = {
        ...this.options.env,
        [entry.portVariable]: String(port),
        ...(entry.env?.({ urls: { ...urls } }) ?? {}),
      };
      const failure = await this.launch(service, env);
      if (failure && !this.stopping) {
        throw new InternalError(
          'launcher.not_started',
          { es: `${entry.name} no arrancó: ${failure.es}`, en: `${entry.name} did not start: ${failure.en}` },
          { service: entry.name },
        );
      }
      urls[entry.name] = service.url;
    }
    return this.running.slice();
  }

  /** Stops every service, the last started first. Safe at any time, also while `start` runs. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const service of this.running.slice().reverse())
      await service.child?.stop(this.options.stopGraceMs ?? 10_000);
  }

  private async portFor(entry: ServiceEntry): Promise<number> {
    const configured = this.options.env[entry.portVariable];
    if (configured) return Number(configured);
    if (await portIsFree(entry.defaultPort)) return entry.defaultPort;
    const port = await freePort();
    this.options.out(
      `[${entry.name}] el puerto ${entry.defaultPort} está ocupado; se usa ${port} / port ${entry.defaultPort} is taken; using ${port}`,
    );
    return port;
  }

  /** Spawns the service and waits for its readiness; the failure text if it exits or is not ready in time. */
  private async launch(
    service: RunningService,
    env: NodeJS.ProcessEnv,
  ): Promise<{ es: string; en: string } | undefined> {
    const started = Date.now();
    const child = startChild({
      name: service.entry.name,
      file: service.entry.entry,
      env,
      out: this.options.out,
    });
    service.child = child;
    void child.exited.then((result) => this.exited(service, child, result, started, env));
    const timeoutMs = this.options.readyTimeoutMs ?? 120_000;
    const readyUrl = `${service.url}${service.entry.readyPath}`;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    void child.exited.then((result) => (exit = result));
    while (Date.now() - started < timeoutMs) {
      if (exit) {
        const cause = exitCause(exit);
        return {
          es: `terminó con ${cause.es} antes de estar listo`,
          en: `exited with ${cause.en} before it was ready`,
        };
      }
      if (await answers200(readyUrl)) {
        service.readySeconds = (Date.now() - started) / 1000;
        return undefined;
      }
      await sleep(200);
    }
    await child.stop(this.options.stopGraceMs ?? 10_000);
    return {
      es: `no respondió 200 en GET ${service.entry.readyPath} en ${seconds(timeoutMs)}`,
      en: `did not answer 200 on GET ${service.entry.readyPath} within ${seconds(timeoutMs)}`,
    };
  }

  private exited(
    service: RunningService,
    child: Child,
    result: { code: number | null; signal: NodeJS.Signals | null },
    started: number,
    env: NodeJS.ProcessEnv,
  ): void {
    // Stopping, an older process of the service, or a failed first start (that one `start` reports).
    if (this.stopping || service.child !== child) return;
    if (service.restarts === 0 && service.readySeconds === undefined) return;
    const name = service.entry.name;
    const cause = exitCause(result);
    service.crashesInARow = Date.now() - started < this.policy.stableAfterMs ? service.crashesInARow + 1 : 1;
    if (service.crashesInARow > this.policy.maxCrashesInARow) {
      this.options.out(
        `[${name}] terminó ${service.crashesInARow} veces seguidas (la última con ${cause.es}); no se reinicia más / ` +
          `exited ${service.crashesInARow} times in a row (last with ${cause.en}); not restarting it again`,
      );
      this.options.onGiveUp(service);
      return;
    }
    const delay = Math.min(
      this.policy.firstDelayMs * 2 ** (service.crashesInARow - 1),
      this.policy.maxDelayMs,
    );
    const attempt = `${service.crashesInARow}/${this.policy.maxCrashesInARow}`;
    this.options.out(
      `[${name}] terminó inesperadamente (${cause.es}); se reinicia en ${seconds(delay)} (intento ${attempt}) / ` +
        `exited unexpectedly (${cause.en}); restarting in ${seconds(delay)} (attempt ${attempt})`,
    );
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopping) return;
      service.restarts += 1;
      service.readySeconds = undefined;
      void this.launch(service, env).then((failure) => {
        // A failed restart is a crash of the new process too: its exit handler schedules the next attempt.
        if (!failure && !this.stopping)
          this.options.out(
            `[${name}] reiniciado, listo en ${seconds(service.readySeconds! * 1000)} / restarted, ready in ${seconds(service.readySeconds! * 1000)}`,
          );
      });
    }, delay);
    this.timers.add(timer);
  }
}

async function answers200(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}
