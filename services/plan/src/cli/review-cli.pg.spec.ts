import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PostgresEventStore } from '@crm/event-store-postgres';
import { fixedClock } from '@crm/kernel';
import { createTestDatabase } from '@crm/testing';
import { T, writeScenario } from '../read-models/testing/scenario';
import { PlanReview } from '../review/plan-review';

const ROOT = join(__dirname, '../../../..');

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        require.resolve('ts-node/dist/bin.js'),
        '-r',
        'tsconfig-paths/register',
        '--transpile-only',
        'services/plan/src/cli/review.ts',
        ...args,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('review CLI against a PostgreSQL test database', () => {
  let db: { url: string; drop(): Promise<void> };
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('plan_cli');
    const clock = fixedClock(T.imported);
    store = await PostgresEventStore.connect({ url: db.url, clock, poolSize: 2 });
    await writeScenario(store, clock);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('prints the as-of state as JSON equal to the service, with the verification', async () => {
    const out = await cli(['--country', 'HN', '--as-of', T.mid, '--format', 'json', '--verify'], {
      DATABASE_URL: db.url,
    });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const parsed = JSON.parse(out.stdout);
    expect(parsed.state).toEqual(
      JSON.parse(JSON.stringify(await new PlanReview(store).stateAsOf('HN', new Date(T.mid)))),
    );
    expect(parsed.verification).toMatchObject({ ok: true, country: 'HN', checked: 9 });
  });

  it('prints the history as CSV and Markdown', async () => {
    const csv = await cli(
      ['--country', 'HN', '--as-of', T.end, '--format', 'csv', '--history', '--lang', 'en'],
      { DATABASE_URL: db.url },
    );
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^Recorded \(UTC\),/);
    const md = await cli(['--country', 'GT', '--as-of', T.end, '--format', 'markdown'], {
      DATABASE_URL: db.url,
    });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| GT | IV.1.1.1 | 2020-S1 | enviado | Completada |');
  });

  it('refuses bad arguments with an es/en message and a non-zero exit, before connecting', async () => {
    const badDate = await cli(['--country', 'HN', '--as-of', '30/06/2020'], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toMatch(/instante ISO 8601/);
    expect(badDate.stderr).toMatch(/ISO 8601 instant/);
    const badCountry = await cli(['--country', 'ZZ'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(badCountry.code).toBe(1);
    expect(badCountry.stderr).toMatch(/País desconocido.*\n.*Unknown country/);
    const noCountry = await cli([], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(noCountry.code).toBe(1);
    expect(noCountry.stderr).toMatch(/Indique el país con --country.*\n.*Give the country with --country/);
    const unknownOption = await cli(['--country', 'HN', '--bogus'], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(unknownOption.code).toBe(1);
    expect(unknownOption.stderr).toMatch(/argumentos no válidos.*\n.*invalid arguments/);
  });
});
