import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The brief's rule: domain code and ports never import infrastructure (kafkajs, @eventstore/db-client,
 * typeorm, pg). Proven by linting virtual files placed inside real projects, so a change to the tags or
 * the lint configuration that lets infrastructure into the domain fails this test.
 */
const root = join(__dirname, '..', '..');

describe('module boundaries (Nx tags + @nx/enforce-module-boundaries)', () => {
  beforeAll(() => {
    // The rule reads the Nx project graph; make sure it is computed (it is cached under .nx/).
    execFileSync(process.execPath, [require.resolve('nx/bin/nx.js'), 'show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'ignore',
    });
  });

  // ESLint runs in its own process (its flat config is an ES module, which jest's sandbox cannot import).
  async function messagesFor(file: string, code: string): Promise<string[]> {
    let out: string;
    try {
      out = execFileSync(
        process.execPath,
        [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', join(root, file)],
        { cwd: root, input: code, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
      );
    } catch (e) {
      out = (e as { stdout: string }).stdout; // exit code 1 = lint errors found
    }
    const [result] = JSON.parse(out) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
    return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
  }

  it.each(['kafkajs', '@eventstore/db-client', 'typeorm', 'pg'])('a domain library cannot import %s', async (pkg) => {
    const msgs = await messagesFor('libs/decider/src/__probe__.ts', `import * as x from '${pkg}';\nexport const y = x;\n`);
    expect(msgs.some((m) => m.startsWith('@nx/enforce-module-boundaries') && m.includes(pkg))).toBe(true);
  });

  it.each(['kafkajs', 'typeorm', 'pg'])('a port library cannot import %s', async (pkg) => {
    const msgs = await messagesFor('libs/event-store/src/__probe__.ts', `import * as x from '${pkg}';\nexport const y = x;\n`);
    expect(msgs.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('a domain library cannot depend on an adapter library', async () => {
    const msgs = await messagesFor(
      'libs/kernel/src/__probe__.ts',
      `import { startEmbeddedPostgres } from '@crm/config';\nexport const y = startEmbeddedPostgres;\n`,
    );
    expect(msgs.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it("a service's domain folder cannot import infrastructure", async () => {
    const msgs = await messagesFor('services/plan/src/domain/__probe__.ts', `import { Kafka } from 'kafkajs';\nexport const y = Kafka;\n`);
    expect(msgs.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('an adapter library may import infrastructure', async () => {
    const msgs = await messagesFor('libs/config/src/__probe__.ts', `import { Client } from 'pg';\nexport const y = Client;\n`);
    expect(msgs.filter((m) => m.startsWith('@nx/enforce-module-boundaries'))).toEqual([]);
  });
});
