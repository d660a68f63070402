/** The integration module in the embedded default (PostgreSQL bus): what `npm start` runs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeIntegrationEvent, type IntegrationEvent } from '@crm/contracts';
import { validSubmission } from '@crm/contracts/testing';
import type { Consumer } from '@crm/messaging';
import { eventually } from '@crm/messaging/testing';
import { createTestDatabase } from '@crm/testing';
import { planFeatures, startPlanService, type PlanService } from '../bootstrap';

describe('the plan integration (service kit IntegrationModule) on the postgres bus', () => {
  let db: { url: string; drop(): Promise<void> };
  let dir: string;
  let service: PlanService;
  let reader: Consumer;
  const received: IntegrationEvent[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('plan_integration');
    dir = mkdtempSync(join(tmpdir(), 'crm-plan-integration-'));
    const env = { DATABASE_URL: db.url, CRM_DATA_DIR: dir };
    const features = planFeatures({ integration: { log: () => undefined } });
    service = await startPlanService({
      env,
      port: 0,
      host: '127.0.0.1',
      features,
      log: () => undefined,
    });
    reader = await service.platform.bus.consume({
      groupId: 'test-hn-national-system',
      topics: ['crm.HN.out.plan'],
      handler: async (m) => {
        const d = decodeIntegrationEvent(m);
        if (!d.ok) throw new Error(d.message.en);
        received.push(d.event);
      },
    });
  }, 120_000);

  afterAll(async () => {
    await reader?.stop();
    await service?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a national system request, answers with the outcome and relays plan.report.submitted', async () => {
    const request = validSubmission('HN', 7);
    await service.platform.bus.publish([
      { topic: request.topic, key: 'k', value: request.value, headers: request.headers },
    ]);
    const types = () => received.map((e) => e.type);
    await eventually(
      () => types().includes('plan.report.submitted') && types().includes('plan.report.submission-outcome'),
      60_000,
      () => `received ${received.map((e) => e.type).join(', ')}`,
    );
    const outcome = received.find((e) => e.type === 'plan.report.submission-outcome');
    expect(outcome?.data).toMatchObject({
      outcome: 'accepted',
      requestId: request.id,
      reportId: 'planReport-HN-IV.1.1.1-2020-S1',
    });
    // a country's outbound topic carries only its own events: the catalogue travels on crm.regional.plan only
    expect(received.filter((e) => e.type === 'plan.catalogue.amended')).toEqual([]);
    expect(received.every((e) => e.country === 'HN')).toBe(true);
  });
});
