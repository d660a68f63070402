import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Two rules, proven by linting virtual files placed inside real projects (lint-probes.mjs), so a change to
 * the tags or the lint configuration that breaks them fails this test:
 * - by type: domain code and ports never import infrastructure (kafkajs, @eventstore/db-client, typeorm, pg);
 * - by scope: a service imports its own code, shared libraries and contracts, never another service; a shared
 *   library (`scope:shared`) never imports a service; tests import anything.
 *
 * The scope probes need "another service". With one service in the workspace, lint-probes.mjs adds a virtual
 * one to the Nx project graph in its own memory (`@crm/virtual-service`, root `services/virtual-service`, no
 * files), tagged `type:domain` so that no type rule objects to importing it: only a scope constraint can. Each
 * real service importing it must fail with its own scope's message, a shared library with `scope:shared`'s, and
 * the tests project importing it must pass (the virtual project resolves like a real one). Every ordered pair of
 * real services (identity → plan and plan → identity once services/identity exists) is probed as well.
 */
const root = join(__dirname, '..', '..');

interface Probe {
  name: string;
  file: string;
  code: string;
  expectRule: string | null;
  /** Part of the expected message (which constraint refused the import). */
  expectMessage?: string;
}

const VIRTUAL_SERVICE = {
  name: '@crm/virtual-service',
  root: 'services/virtual-service',
  tags: ['type:domain', 'scope:virtual-service'],
};

/** The workspace's services: services/<dir>/package.json, its package name and scope tags. */
const services = readdirSync(join(root, 'services'))
  .filter((dir) => existsSync(join(root, 'services', dir, 'package.json')))
  .map((dir) => {
    const pkg = JSON.parse(readFileSync(join(root, 'services', dir, 'package.json'), 'utf8'));
    const scopes = ((pkg.nx?.tags ?? []) as string[]).filter((t) => t.startsWith('scope:'));
    return { dir, name: pkg.name as string, scopes };
  });

const onlyScope = (scope: string) => `A project tagged with "${scope}" can only depend on libs tagged with`;

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
  ...services.map((s) => ({
    name: `a service (${s.dir}) cannot import another service (a virtual one)`,
    file: `services/${s.dir}/src/__probe__.ts`,
    code: importOf(VIRTUAL_SERVICE.name),
    expectRule: '@nx/enforce-module-boundaries',
    expectMessage: onlyScope(`scope:${s.dir}`),
  })),
  ...services.flatMap((a) =>
    services
      .filter((b) => b !== a)
      .map((b) => ({
        // Refused by the scope rule, or as a cycle when the other service's tests already use this one's test
        // support (plan's tests start the identity service); the virtual-service probe above names the scope.
        name: `a service (${a.dir}) cannot import another service (${b.dir})`,
        file: `services/${a.dir}/src/__probe__.ts`,
        code: importOf(b.name),
        expectRule: '@nx/enforce-module-boundaries',
      })),
  ),
  ...['libs/testing', 'libs/kernel', 'contracts'].map((lib) => ({
    name: `a shared library (${lib}) cannot import a service (a virtual one)`,
    file: `${lib}/src/__probe__.ts`,
    code: importOf(VIRTUAL_SERVICE.name),
    expectRule: '@nx/enforce-module-boundaries',
    expectMessage: onlyScope('scope:shared'),
  })),
  {
    // refused before the tag rules: the plan service depends on every shared library, so the import closes a cycle
    name: 'a shared library importing the plan service fails lint',
    file: 'libs/config/src/__probe__.ts',
    code: importOf('@crm/plan'),
    expectRule: '@nx/enforce-module-boundaries',
  },
  {
    name: 'a service may import shared libraries and contracts',
    file: 'services/plan/src/__probe__.ts',
    code: `${importOf('@crm/kernel', 'k')}${importOf('@crm/contracts', 'c')}`,
    expectRule: null,
  },
  {
    name: 'tests may import any service, the virtual one included (it resolves like a real project)',
    file: 'tests/architecture/__probe__.ts',
    code: `${importOf('@crm/plan', 'p')}${importOf(VIRTUAL_SERVICE.name, 'v')}`,
    expectRule: null,
  },
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
      input: JSON.stringify({
        virtualProjects: [VIRTUAL_SERVICE],
        probes: probes.map((p) => ({ file: join(root, p.file), code: p.code })),
      }),
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
    if (probe.expectMessage) expect(boundaryMessages.join('\n')).toContain(probe.expectMessage);
  });

  it('every service is tagged with its own scope, scope:<directory>, and nothing else scope-wise', () => {
    expect(services.length).toBeGreaterThan(0);
    for (const s of services) expect(s.scopes).toEqual([`scope:${s.dir}`]);
  });
});
