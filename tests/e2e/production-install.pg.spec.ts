import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '@crm/config';
import { createTestDatabase } from '@crm/testing';
import { waitFor } from './support/processes';

/**
 * What the runtime stage of infra/docker/service.Dockerfile holds, built and started without Docker: `npm run
 * build` here, then in a clean folder only package.json, package-lock.json, each workspace's package.json and
 * dist/; `npm ci --omit=dev` there with NODE_ENV=production; the compiled plan service started with `node`
 * answers 200 on its readiness path. No TypeScript source, no ts-node, no tsconfig-paths, no dev dependency.
 */
const root = join(__dirname, '..', '..');
/** The plan service's readiness path. */
const PLAN_READY_PATH = '/health/ready';
const PLAN_MAIN = 'dist/services/plan/src/main.js';

const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) =>
  execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Every bare `require("x")` of the compiled code, with the file that makes it. */
const requiresScript = `
const { readdirSync, readFileSync } = require('node:fs');
const { join, dirname } = require('node:path');
const { builtinModules } = require('node:module');
const missing = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (p.endsWith('.js'))
      for (const [, spec] of readFileSync(p, 'utf8').matchAll(/require\\("([^"]+)"\\)/g)) {
        if (spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec)) continue;
        try { require.resolve(spec, { paths: [dirname(p)] }); } catch { missing.push(spec + ' (' + p + ')'); }
      }
  }
};
walk('dist');
process.stdout.write(JSON.stringify(missing));
`;

describe('the production install (the runtime stage of the service image)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-production-install-'));
  let db: { url: string; drop(): Promise<void> };
  let service: ChildProcess | undefined;
  const timings: Record<string, number> = {};
  const timed = <T>(name: string, work: () => T): T => {
    const started = Date.now();
    try {
      return work();
    } finally {
      timings[name] = (Date.now() - started) / 1000;
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase('production_install');
  });
  afterAll(async () => {
    if (service?.exitCode === null && service.signalCode === null) service.kill('SIGKILL');
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
    process.stdout.write(`[production install] seconds: ${JSON.stringify(timings)}\n`);
  });

  it('installs without dev dependencies and the compiled plan service starts and is ready', async () => {
    timed('build', () => run('npm', ['run', 'build'], root));
    expect(existsSync(join(root, PLAN_MAIN))).toBe(true);

    const manifests = run('git', ['ls-files', '--cached', '--others', '--exclude-standard'], root)
      .split('\n')
      .filter((f) => /(^|\/)package(-lock)?\.json$/.test(f) && !f.includes('node_modules/'))
      .filter((f) => existsSync(join(root, f)));
    expect(manifests).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']));
    for (const file of manifests) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      copyFileSync(join(root, file), join(dir, file));
    }
    cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });

    const production = { ...process.env, NODE_ENV: 'production' };
    timed('npm ci --omit=dev', () =>
      run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], dir, production),
    );
    // (typescript and ts-node do come: npm installs them as typeorm's optional peer dependency; nothing runs them.)
    for (const dev of [
      'tsconfig-paths',
      'tsc-alias',
      '@nestjs/testing',
      '@asyncapi/parser',
      'jest',
      'eslint',
    ])
      expect({ dev, installed: existsSync(join(dir, 'node_modules', dev)) }).toEqual({
        dev,
        installed: false,
      });
    expect(JSON.parse(run(process.execPath, ['-e', requiresScript], dir))).toEqual([]);

    const port = await freePort();
    let output = '';
    const started = Date.now();
    service = spawn(process.execPath, [PLAN_MAIN], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: db.url,
        PLAN_PORT: String(port),
        CRM_DATA_DIR: join(dir, '.data'),
        PII_KEK: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    service.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => service!.on('exit', resolve));

    const status = await waitFor(
      `200 on GET ${PLAN_READY_PATH}`,
      async () => {
        if (service!.exitCode !== null) throw new Error(`the compiled plan service exited:\n${output}`);
        return fetch(`http://127.0.0.1:${port}${PLAN_READY_PATH}`).then(
          (r) => (r.status === 200 ? r.status : undefined),
          () => undefined,
        );
      },
      120_000,
    );
    timings['start to ready'] = (Date.now() - started) / 1000;
    expect(status).toBe(200);
    expect(output).toContain('catalogue 2017-2022 imported');

    service.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 600_000);

  it('is what the runtime stage of infra/docker/service.Dockerfile does, from files that exist', () => {
    const dockerfile = readFileSync(join(root, 'infra/docker/service.Dockerfile'), 'utf8').replace(
      /\\\n/g,
      ' ',
    );
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    const [build, runtime] = stages.map((stage) => stage.split('\n').map((line) => line.trim()));
    expect(build).toEqual(expect.arrayContaining(['RUN npm ci --no-audit --no-fund', 'RUN npm run build']));
    for (const line of build.filter((l) => l.startsWith('COPY ')))
      for (const source of line.split(/\s+/).slice(1, -1))
        expect({ source, exists: existsSync(join(root, source)) }).toEqual({ source, exists: true });
    const order = (line: string) => runtime.findIndex((l) => l.startsWith(line));
    expect(order('ENV NODE_ENV=production')).toBeGreaterThan(-1);
    expect(order('ENV NODE_ENV=production')).toBeLessThan(order('RUN npm ci --omit=dev'));
    expect(order('COPY --from=build /app/dist ./dist')).toBeGreaterThan(order('RUN npm ci --omit=dev'));
    expect(runtime).toContain('CMD ["node", "dist/main.js"]');
    expect(runtime.join('\n')).toContain('ln -s "services/${SERVICE}/src/main.js" dist/main.js');
    expect(runtime.join('\n')).not.toMatch(/ts-node|tsconfig-paths|\.ts\b/);
  });
});
