import type { Config } from 'jest';
import { pathsToModuleNameMapper } from 'ts-jest';
import { compilerOptions } from './tsconfig.base.json';

/**
 * Three projects, by file name:
 *   *.spec.ts        unit tests: no database, no broker
 *   *.pg.spec.ts     need PostgreSQL: one throwaway embedded server per run (TEST_DATABASE_URL overrides)
 *   *.kafka.spec.ts  need PostgreSQL and the real Kafka broker (KAFKA_BROKERS overrides)
 */
const common: Config = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.base.json' }] as [
      string,
      Record<string, unknown>,
    ],
  },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.cache/'],
};

const config: Config = {
  testTimeout: 120_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['**/*.spec.ts'],
      testPathIgnorePatterns: [
        ...(common.testPathIgnorePatterns ?? []),
        '\\.pg\\.spec\\.ts$',
        '\\.kafka\\.spec\\.ts$',
      ],
    },
    {
      ...common,
      displayName: 'pg',
      testMatch: ['**/*.pg.spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/pg-global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/pg-global-teardown.ts',
    },
    {
      ...common,
      displayName: 'kafka',
      testMatch: ['**/*.kafka.spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/kafka-global-setup.ts',
      // the plaintext scan of every topic, then libs/testing's teardown
      globalTeardown: '<rootDir>/tests/support/kafka-global-teardown.ts',
    },
  ],
};

export default config;
