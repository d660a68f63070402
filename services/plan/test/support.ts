import type { DynamicModule, Type } from '@nestjs/common';
import type { Clock } from '@crm/kernel';
import { expectBilingualError, startTestService, type TestService } from '@crm/service-testing';
import { PLAN_SERVICE } from '../src/bootstrap';

/** The real plan service on a fresh test database beside a real identity service (see startTestService). */
export type TestPlanService = TestService;

/**
 * The real plan service (startPlanService's definition) on a fresh test database, listening on a free port,
 * verifying the tokens of a real identity service started beside it. Feature modules of other teams are left
 * out (features: []) unless `features` says otherwise (e.g. DEFAULT_FEATURES, as production runs).
 */
export function startTestPlanService(
  options: { clock?: Clock; prefix?: string; features?: Array<Type<unknown> | DynamicModule> } = {},
): Promise<TestPlanService> {
  return startTestService(PLAN_SERVICE, { prefix: 'plan_http', ...options });
}

export { expectBilingualError };

export const DRAFT = {
  status: 'in_progress',
  narrative: {
    es: 'Se realizaron dos talleres con consulados.',
    en: 'Two workshops with consulates were held.',
  },
  evidence: ['https://example.org/acta-taller.pdf'],
  indicators: [{ indicator: 'talleres', value: 2, unit: 'talleres' }],
};
