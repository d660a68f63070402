import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The brief's rule: domain code and ports never import infrastructure (kafkajs, @eventstore/db-client,
 * typeorm, pg). Proven by linting virtual files placed inside real projects, so a change to the tags or
 * the lint configuration that lets infrastructure into the domain fails this test.
 */
const root = join(__dirname, '..', '..');

interface Probe {
  name: string;
  file: string;
  code: string;
  expectRule: string | null;
}

const importOf = (pkg: string, name = 'x') =>
  `import * as ${name} from '${pkg}';\nexport const y = ${name};\n`;

const probes: Probe[] = [
  ...['kafkajs', '@eventstore/db-client', 'typeorm', 'pg'].map((pkg) => ({
    name: `a domain library cannot import ${pkg}`,
    file: 'libs/decider/src/__probe__.ts',
    code: importOf(pkg),
    expectRule: '@nx/enforce-module-boundaries',
  })),
  ...['kafkajs', 'typeorm', 'pg'].map((pkg) => ({
    name: `a port library cannot import ${pkg}`,
    file: 'libs/event-store/src/__probe__.ts',
    code: importOf(pkg),
    expectRule: '@nx/enforce-module-boundaries',
  })),
  {
    name: 'a domain library cannot depend on an adapter library',
    file: 'libs/kernel/src/__probe__.ts',
    code: importOf('@crm/config'),
    expectRule: '@nx/enforce-module-boundaries',
  },
  {
    name: "a service's domain folder cannot import infrastructure",
    file: 'services/plan/src/domain/__probe__.ts',
    code: importOf('kafkajs'),
    expectRule: 'no-restricted-imports',
  },
  ...['reports', 'catalogue', 'windows', 'review'].map((context) => ({
    name: `the plan's ${context} domain cannot import infrastructure (@nestjs/common)`,
    file: `services/plan/src/${context}/domain/__probe__.ts`,
    code: importOf('@nestjs/common'),
    expectRule: 'no-restricted-imports',
  })),
  {
    name: 'a domain library may use a port',
    file: 'libs/decider/src/__probe__.ts',
    code: `import type { EventStore } from '@crm/event-store';\nexport type Y = EventStore;\n`,
    expectRule: null,
  },
  {
    name: 'an adapter library may import infrastructure',
    file: 'libs/config/src/__probe__.ts',
    code: importOf('pg'),
    expectRule: null,
  },
];

describe('module boundaries (Nx tags + @nx/enforce-module-boundaries)', () => {
  let results: string[][];

  beforeAll(() => {
    const env = { ...process.env, NX_DAEMON: 'false' };
    // The rule reads the Nx project graph; make sure it is computed (cached under .nx/).
    execFileSync(process.execPath, [require.resolve('nx/bin/nx.js'), 'show', 'projects'], {
      cwd: root,
      env,
      stdio: 'ignore',
    });
    // ESLint runs in its own process (its flat config is an ES module, which jest's sandbox cannot import).
    const out = execFileSync(process.execPath, [join(__dirname, 'lint-probes.mjs')], {
      cwd: root,
      env,
      encoding: 'utf8',
      input: JSON.stringify(probes.map((p) => ({ file: join(root, p.file), code: p.code }))),
    });
    results = JSON.parse(out) as string[][];
  });

  it.each(probes.map((p, i) => [p.name, i] as const))('%s', (_name, i) => {
    const probe = probes[i];
    const boundaryMessages = results[i].filter(
      (m) => m.startsWith('@nx/enforce-module-boundaries') || m.startsWith('no-restricted-imports'),
    );
    if (probe.expectRule === null) expect(boundaryMessages).toEqual([]);
    else expect(boundaryMessages.some((m) => m.startsWith(probe.expectRule!))).toBe(true);
  });
});
