import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import { freePort } from '@crm/config';
import { PostgresEventStore } from '@crm/event-store-postgres';
import { startTestIdentity, type TestIdentity } from '@crm/identity/testing';
import { systemClock } from '@crm/kernel';
import { createTestDatabase } from '@crm/testing';
import { referralSteps, sendReferral } from '../src/testing/referral-history';

/**
 * The real referral service process (`node -r ts-node/register/transpile-only -r tsconfig-paths/register
 * services/referrals/src/main.ts`, as `npm start` runs it) stopped and started again with its clock moved by
 * CRM_CLOCK_OFFSET past the deadlines. The referrals are recorded by this test straight into the service's event
 * store, through the real decider and the shared handler step (`appendToReferral`): the sides' HTTP use cases need
 * a registered case and the directory, which this branch does not have yet. The deadlines table, the projection
 * and the runner are the service's own.
 */
const ROOT = join(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'services', 'referrals', 'src', 'main.ts');

interface ServiceProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  stop(): Promise<void>;
}

describe('deadlines across real restarts of the referral service process (CRM_CLOCK_OFFSET)', () => {
  let db: { url: string; drop(): Promise<void> };
  let dataDir: string;
  let identity: TestIdentity;
  let store: PostgresEventStore;
  let pool: Pool;
  let running: ServiceProcess | undefined;
  const deps = () => ({ store, clock: systemClock });
  const ids = {
    overdue: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    acknowledged: '6b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e',
    revoked: '7c3d4e5f-6a7b-4c8d-ae9f-1a2b3c4d5e6f',
    completed: '8d4e5f6a-7b8c-4d9e-bf0a-2b3c4d5e6f7a',
  };

  async function start(env: Record<string, string> = {}): Promise<ServiceProcess> {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', MAIN],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
          DATABASE_URL: db.url,
          CRM_DATA_DIR: dataDir,
          ...identity.env,
          REFERRALS_PORT: String(port),
          REFERRALS_DEADLINE_POLL_MS: '100',
          LOG_LEVEL: 'error',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    let text = '';
    child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const url = `http://127.0.0.1:${port}`;
    const service: ServiceProcess = {
      child,
      url,
      output: () => text,
      async stop() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM'); // the kit's graceful stop: runner, projection, platform
        const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
        await exited;
        clearTimeout(killer);
      },
    };
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the referral service exited:\n${text}`);
      const ready = await fetch(`${url}/health/ready`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) return service;
      if (Date.now() > deadline) {
        await service.stop();
        throw new Error(`the referral service was not ready within 90 s:\n${text}`);
      }
      await sleep(250);
    }
  }

  const events = async (id: string) =>
    (await store.readStream(`referral-${id}`)).map((e) => {
      const data = e.data as { step?: string; level?: number; escalatedTo?: string };
      return e.type === 'ReferralEscalated'
        ? `${e.type}:${data.step}:${data.level}:${data.escalatedTo}`
        : e.type;
    });
  const escalated = async (id: string) => (await events(id)).filter((e) => e.startsWith('ReferralEscalated'));
  const reminders = async (id: string) => (await events(id)).filter((e) => e === 'ReferralReminderSent');
  const pending = async (id: string) =>
    Number(
      (
        await pool.query(
          `SELECT count(*) AS n FROM referrals.deadlines WHERE stream = $1 AND status = 'pending'`,
          [`referral-${id}`],
        )
      ).rows[0].n,
    );

  /** Waits until the service has nothing due and its projection has applied every event. */
  async function quiet(service: ServiceProcess): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const body: any = await (await fetch(`${service.url}/health/ready`)).json();
      const deadlines = body.details?.['deadlines:referrals.deadlines'];
      const projection = body.details?.['projection:referrals.deadlines'];
      if (deadlines?.due === 0 && projection?.lagEvents === 0) return;
      if (Date.now() > deadline) throw new Error(`not quiet: ${JSON.stringify(body)}`);
      await sleep(200);
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('referrals_restart');
    dataDir = mkdtempSync(join(tmpdir(), 'crm-referrals-restart-'));
    identity = await startTestIdentity();
    pool = new Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await running?.stop();
    await store?.close();
    await pool?.end();
    await identity?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a timer due while the service was down fires once after it starts again; an acknowledged, revoked or closed referral does not escalate', async () => {
    // 1. the service runs on the real time; four referrals are sent, three of them then move on
    running = await start();
    store = await PostgresEventStore.connect({ url: db.url, clock: systemClock });
    for (const id of Object.values(ids)) await sendReferral(deps(), id);
    await referralSteps.acknowledge(deps(), ids.acknowledged);
    await referralSteps.revoke(deps(), ids.revoked);
    await referralSteps.acceptAndClose(deps(), ids.completed);
    await quiet(running);
    expect(await pending(ids.overdue)).toBe(4); // remind and escalate, for acknowledging and for deciding
    expect(await pending(ids.acknowledged)).toBe(2); // deciding only: the acknowledgement cancelled the others
    expect(await pending(ids.revoked)).toBe(0);
    expect(await pending(ids.completed)).toBe(0);
    await running.stop();

    // 2. started again 49 h later for its clock: 1 h past the acknowledge-by deadline (48 h)
    running = await start({ CRM_CLOCK_OFFSET: '+49h' });
    expect(running.output()).toContain('CRM_CLOCK_OFFSET=+2d 1h');
    await quiet(running);
    expect(await reminders(ids.overdue)).toHaveLength(1);
    expect(await escalated(ids.overdue)).toEqual(['ReferralEscalated:acknowledge:1:backup_focal_point']);
    expect(await escalated(ids.acknowledged)).toEqual([]);
    expect(await events(ids.revoked)).toEqual(['ReferralDrafted', 'ReferralSent', 'ReferralRevoked']);
    expect((await events(ids.completed)).at(-1)).toBe('ReferralCompleted');
    const escalation = (await store.readStream(`referral-${ids.overdue}`)).at(-1)!;
    expect(escalation.metadata.actor).toMatchObject({
      subject: 'system|referrals-deadlines',
      role: 'system',
    });
    await running.stop();

    // 3. the same offset again: nothing is due any more, nothing fires twice
    running = await start({ CRM_CLOCK_OFFSET: '+49h' });
    await quiet(running);
    await sleep(500); // a few more polls
    expect(await reminders(ids.overdue)).toHaveLength(1);
    expect(await escalated(ids.overdue)).toHaveLength(1);
    await running.stop();

    // 4. fifteen days on: everything is long overdue; only the open referrals escalate, up to the Secretariat
    running = await start({ CRM_CLOCK_OFFSET: '+15d' });
    await quiet(running);
    expect(await escalated(ids.overdue)).toEqual([
      'ReferralEscalated:acknowledge:1:backup_focal_point',
      'ReferralEscalated:acknowledge:2:secretariat',
      'ReferralEscalated:decide:1:backup_focal_point',
      'ReferralEscalated:decide:2:secretariat',
    ]);
    expect(await escalated(ids.acknowledged)).toEqual([
      'ReferralEscalated:decide:1:backup_focal_point',
      'ReferralEscalated:decide:2:secretariat',
    ]);
    expect(await events(ids.revoked)).toEqual(['ReferralDrafted', 'ReferralSent', 'ReferralRevoked']);
    expect(await escalated(ids.completed)).toEqual([]);
    expect(await pending(ids.overdue)).toBe(0);
    await running.stop();
    running = undefined;
  }, 300_000);

  it('refuses to start with a clock offset under AUTH_MODE=oidc, saying so in both languages', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', MAIN],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
          DATABASE_URL: db.url,
          CRM_DATA_DIR: dataDir,
          REFERRALS_PORT: String(port),
          AUTH_MODE: 'oidc',
          OIDC_ISSUER: 'https://idp.example.org/realms/crm',
          OIDC_AUDIENCE: 'crm-platform',
          OIDC_JWKS_URL: 'https://idp.example.org/jwks',
          CRM_CLOCK_OFFSET: '+49h',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let text = '';
    child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(text).toContain('CRM_CLOCK_OFFSET: mover el reloj del servicio es solo para desarrollo y pruebas');
    expect(text).toContain('CRM_CLOCK_OFFSET: moving the service clock is for development and tests only');
  }, 120_000);
});
