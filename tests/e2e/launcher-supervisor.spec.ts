import { freePort } from '@crm/config';
import { LocalizedError } from '@crm/kernel';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Supervisor, type RunningService } from '@crm/scripts';
import { FLAKY_SERVICE } from './support/flaky';
import { alive, waitFor } from './support/processes';

/**
 * The launcher's supervision with real child processes (tests/e2e/support/flaky-service.ts, run through ts-node
 * as `npm start` runs a service from the sources): readiness, restarts with back-off, giving up, start-up
 * failures, stopping a child that ignores SIGTERM, and a child that outlives a killed launcher.
 */
async function supervise(mode: string, extra: Partial<ConstructorParameters<typeof Supervisor>[0]> = {}) {
  const lines: string[] = [];
  let gaveUp: (service: RunningService) => void = () => undefined;
  const givenUp = new Promise<RunningService>((resolve) => (gaveUp = resolve));
  const supervisor = new Supervisor({
    services: [FLAKY_SERVICE],
    env: { ...process.env, FLAKY_MODE: mode, FLAKY_PORT: String(await freePort()) },
    out: (line) => lines.push(line),
    policy: { firstDelayMs: 100, maxDelayMs: 300, maxCrashesInARow: 3, stableAfterMs: 60_000 },
    readyTimeoutMs: 30_000,
    onGiveUp: (s) => gaveUp(s),
    ...extra,
  });
  return { supervisor, lines, givenUp };
}

describe('the launcher supervisor', () => {
  it('restarts a crashed service with doubling delays and gives up after the crashes in a row, saying so in es/en', async () => {
    const { supervisor, lines, givenUp } = await supervise('exit-after-ready');
    try {
      const [running] = await supervisor.start();
      expect(running.readySeconds).toBeGreaterThan(0);
      const service = await givenUp;
      expect(service.restarts).toBe(3);
      const restarts = lines.filter((l) => l.includes('exited unexpectedly'));
      expect(restarts).toEqual([
        '[flaky] terminó inesperadamente (código 3); se reinicia en 0.1 s (intento 1/3) / exited unexpectedly (code 3); restarting in 0.1 s (attempt 1/3)',
        '[flaky] terminó inesperadamente (código 3); se reinicia en 0.2 s (intento 2/3) / exited unexpectedly (code 3); restarting in 0.2 s (attempt 2/3)',
        '[flaky] terminó inesperadamente (código 3); se reinicia en 0.3 s (intento 3/3) / exited unexpectedly (code 3); restarting in 0.3 s (attempt 3/3)',
      ]);
      expect(lines.filter((l) => l.includes('restarted, ready in'))).toHaveLength(3);
      expect(lines).toContain(
        '[flaky] terminó 4 veces seguidas (la última con código 3); no se reinicia más / exited 4 times in a row (last with code 3); not restarting it again',
      );
    } finally {
      await supervisor.stop();
    }
  }, 60_000);

  it('fails the start, naming the service and the exit in es/en, when a service exits before it is ready', async () => {
    const { supervisor, lines } = await supervise('exit-at-once');
    try {
      const error = await supervisor.start().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LocalizedError);
      expect((error as LocalizedError).text).toEqual({
        es: 'flaky no arrancó: terminó con código 2 antes de estar listo',
        en: 'flaky did not start: exited with code 2 before it was ready',
      });
      expect(lines.filter((l) => l.includes('restarting'))).toEqual([]);
    } finally {
      await supervisor.stop();
    }
  }, 30_000);

  it('stops a service that ignores SIGTERM with SIGKILL after the grace period', async () => {
    const { supervisor } = await supervise('ignore-sigterm', { stopGraceMs: 500 });
    const [running] = await supervisor.start();
    const pid = running.child!.pid;
    expect(alive(pid)).toBe(true);
    const started = Date.now();
    await supervisor.stop();
    expect(alive(pid)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    const result = await running.child!.exited;
    expect(result.signal).toBe('SIGKILL');
  }, 30_000);

  it('a service stops by itself when its launcher is killed outright (the IPC channel closes)', async () => {
    // The stand-in writes nothing, so it cannot learn of the launcher's end from a broken stdout pipe.
    const launcher = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'tests/e2e/support/supervise-flaky.ts',
      ],
      {
        cwd: join(__dirname, '..', '..'),
        env: { ...process.env, FLAKY_MODE: 'healthy', FLAKY_PORT: String(await freePort()) },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let text = '';
    launcher.stdout!.on('data', (d: Buffer) => (text += d.toString()));
    const pid = Number(
      (await waitFor('the child pid', () => /child (\d+)/.exec(text) ?? undefined, 30_000))[1],
    );
    expect(alive(pid)).toBe(true);
    launcher.kill('SIGKILL');
    await waitFor('the service to stop by itself', () => !alive(pid), 20_000).finally(() => {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    });
  }, 60_000);
});
