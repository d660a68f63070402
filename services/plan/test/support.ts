import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule, Type } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import type { Clock } from '@crm/kernel';
import { createTestDatabase } from '@crm/testing';
import { startPlanService, type PlanService } from '../src/bootstrap';

export interface TestPlanService {
  service: PlanService;
  /** supertest against the running server. */
  http: () => ReturnType<typeof request>;
  /** `Authorization` header value for a demo account. */
  bearer(username: string): Promise<string>;
  /** Revisions of a stream (empty: no stream). */
  revisions(stream: string): Promise<number[]>;
  denials(): Promise<Array<Record<string, any>>>;
  /** Folder of the development issuer's signing key (tests that mint their own tokens with jose). */
  devIssuerDir: string;
  stop(): Promise<void>;
}

/**
 * The real plan service (startPlanService) on a fresh test database, listening on a free port, with its
 * development issuer keys in a temporary folder. Feature modules of other teams are left out (features: []) unless
 * `features` says otherwise (e.g. DEFAULT_FEATURES, as production runs).
 */
export async function startTestPlanService(
  options: { clock?: Clock; prefix?: string; features?: Array<Type<unknown> | DynamicModule> } = {},
): Promise<TestPlanService> {
  const db = await createTestDatabase(options.prefix ?? 'plan_http');
  const dir = mkdtempSync(join(tmpdir(), 'crm-plan-http-'));
  const env = { DATABASE_URL: db.url, CRM_DATA_DIR: dir };
  const service = await startPlanService({
    env,
    port: 0,
    host: '127.0.0.1',
    features: options.features ?? [],
    log: () => undefined,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const pool = new Pool({ connectionString: db.url, max: 2 });
  return {
    service,
    http: () => request(service.url),
    bearer: async (username) => `Bearer ${await service.devIssuer!.mint(username)}`,
    revisions: async (stream) => (await service.platform.store.readStream(stream)).map((e) => e.revision),
    denials: async () => (await pool.query('SELECT * FROM audit.access_denials ORDER BY id')).rows,
    devIssuerDir: join(dir, 'dev-issuer'),
    async stop() {
      await service.close();
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
