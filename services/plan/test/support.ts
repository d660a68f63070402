import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule, Type } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import { startTestIdentity, type TestIdentity } from '@crm/identity/testing';
import type { Clock } from '@crm/kernel';
import { createTestDatabase } from '@crm/testing';
import { startPlanService, type PlanService } from '../src/bootstrap';

export interface TestPlanService {
  service: PlanService;
  /** The identity service the plan verifies tokens against (its key folder: `identity.keyDir`). */
  identity: TestIdentity;
  /** supertest against the running server. */
  http: () => ReturnType<typeof request>;
  /** `Authorization` header value for a demo account (logged in at the identity service). */
  bearer(username: string): Promise<string>;
  /** Revisions of a stream (empty: no stream). */
  revisions(stream: string): Promise<number[]>;
  denials(): Promise<Array<Record<string, any>>>;
  stop(): Promise<void>;
}

/**
 * The real plan service (startPlanService) on a fresh test database, listening on a free port, verifying the
 * tokens of a real identity service started beside it (its key in a temporary folder). Feature modules of other
 * teams are left out (features: []) unless `features` says otherwise (e.g. DEFAULT_FEATURES, as production runs).
 */
export async function startTestPlanService(
  options: { clock?: Clock; prefix?: string; features?: Array<Type<unknown> | DynamicModule> } = {},
): Promise<TestPlanService> {
  const db = await createTestDatabase(options.prefix ?? 'plan_http');
  const dir = mkdtempSync(join(tmpdir(), 'crm-plan-http-'));
  const identity = await startTestIdentity();
  const env = { DATABASE_URL: db.url, CRM_DATA_DIR: dir, ...identity.env };
  let service: PlanService;
  try {
    service = await startPlanService({
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

/** A bilingual error body: `{ code, message: { es, en }, details }` with both texts present. */
export function expectBilingualError(body: any, code: string | RegExp): void {
  expect(body).toEqual({
    code: expect.any(String),
    message: { es: expect.any(String), en: expect.any(String) },
    details: expect.any(Object),
  });
  if (typeof code === 'string') expect(body.code).toBe(code);
  else expect(body.code).toMatch(code);
  expect(body.message.es.length).toBeGreaterThan(5);
  expect(body.message.en.length).toBeGreaterThan(5);
  expect(body.message.es).not.toBe(body.message.en);
}

export const DRAFT = {
  status: 'in_progress',
  narrative: {
    es: 'Se realizaron dos talleres con consulados.',
    en: 'Two workshops with consulates were held.',
  },
  evidence: ['https://example.org/acta-taller.pdf'],
  indicators: [{ indicator: 'talleres', value: 2, unit: 'talleres' }],
};
