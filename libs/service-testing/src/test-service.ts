import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule, Type } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import { startTestIdentity, type TestIdentity } from '@crm/identity/testing';
import type { Clock } from '@crm/kernel';
import { startService, type RunningService, type ServiceDefinition } from '@crm/service-kit';
import { createTestDatabase } from '@crm/testing';

export interface TestService {
  service: RunningService;
  /** The identity service the service verifies tokens against (its key folder: `identity.keyDir`). */
  identity: TestIdentity;
  /** The service's environment (database, data folder, identity), e.g. to start it again after a stop. */
  env: NodeJS.ProcessEnv;
  /** supertest against the running server. */
  http: () => ReturnType<typeof request>;
  /** `Authorization` header value for a demo account (logged in at the identity service). */
  bearer(username: string): Promise<string>;
  /** Revisions of a stream (empty: no stream). */
  revisions(stream: string): Promise<number[]>;
  /** The access denials the kit recorded (`audit.access_denials`), oldest first. */
  denials(): Promise<Array<Record<string, any>>>;
  /** A pool on the service's database, for checks of its tables (closed by `stop`). */
  pool: Pool;
  stop(): Promise<void>;
}

export interface TestServiceOptions {
  clock?: Clock;
  /** Prefix of the test database's name. */
  prefix?: string;
  /** Feature modules (default none: only the service's own modules). */
  features?: Array<Type<unknown> | DynamicModule>;
  /** Extra environment (e.g. the service's own variables). */
  env?: NodeJS.ProcessEnv;
}

/**
 * A real service (`startService(definition)`) on a fresh test database, listening on a free port of 127.0.0.1,
 * verifying the tokens of a real identity service started beside it (its key in a temporary folder). Feature
 * modules are left out unless `features` says otherwise.
 */
export async function startTestService(
  definition: ServiceDefinition,
  options: TestServiceOptions = {},
): Promise<TestService> {
  const db = await createTestDatabase(options.prefix ?? `${definition.name}_http`);
  const dir = mkdtempSync(join(tmpdir(), `crm-${definition.name}-http-`));
  const identity = await startTestIdentity();
  const env = { DATABASE_URL: db.url, CRM_DATA_DIR: dir, ...identity.env, ...options.env };
  let service: RunningService;
  try {
    service = await startService(definition, {
      env,
      port: 0,
      host: '127.0.0.1',
      features: options.features ?? [],
      log: () => undefined,
      ...(options.clock ? { clock: options.clock } : {}),
    });
  } catch (e) {
    await identity.stop();
    await db.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const pool = new Pool({ connectionString: db.url, max: 2 });
  return {
    service,
    identity,
    env,
    pool,
    http: () => request(service.url),
    bearer: identity.bearer,
    revisions: async (stream) => (await service.platform.store.readStream(stream)).map((e) => e.revision),
    denials: async () => (await pool.query('SELECT * FROM audit.access_denials ORDER BY id')).rows,
    async stop() {
      await service.close();
      await identity.stop();
      await pool.end();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
