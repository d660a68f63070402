/**
 * The plan service's Nest logs go through the redacting logger of @crm/pii: the framework's lines and every
 * `new Logger(context)` of the running service, with personal-data fields redacted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { createNestLogger } from '@crm/pii';
import { captureLog } from '@crm/pii/testing';
import { createTestDatabase } from '@crm/testing';
import { startPlanService, type PlanService } from './bootstrap';

describe('plan service logging', () => {
  let db: { url: string; drop(): Promise<void> };
  let dir: string;
  let service: PlanService | undefined;
  const { lines, stream: destination } = captureLog();

  beforeAll(async () => {
    db = await createTestDatabase('plan_logging');
    dir = mkdtempSync(join(tmpdir(), 'crm-plan-logging-'));
    const env = { DATABASE_URL: db.url, CRM_DATA_DIR: dir };
    service = await startPlanService({
      env,
      port: 0,
      host: '127.0.0.1',
      features: [],
      log: () => undefined,
      logger: createNestLogger('plan', { destination, level: 'info' }),
    });
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes Nest and service logs through the redacting logger: a personal-data field never reaches the output', async () => {
    new Logger('ReferralsRelay').warn({
      event: {
        type: 'ReferralOpened',
        data: {
          child: { name: 'Dayana Michelle Cruz', dateOfBirth: '2015-06-01' },
          family: { contacts: ['+504 3333 2222'] },
        },
      },
    });
    await new Promise((r) => setImmediate(r));
    const out = lines.map((l) => JSON.parse(l));
    expect(out.some((l) => l.name === 'plan' && l.context === 'NestFactory')).toBe(true); // the framework's own lines
    const relay = out.find((l) => l.context === 'ReferralsRelay');
    expect(relay).toMatchObject({
      level: 40,
      event: {
        type: 'ReferralOpened',
        data: {
          child: { name: '[REDACTED]', dateOfBirth: '[REDACTED]' },
          family: { contacts: '[REDACTED]' },
        },
      },
    });
    const text = lines.join('');
    for (const secret of ['Dayana', '2015-06-01', '3333 2222']) expect(text).not.toContain(secret);
  });
});
