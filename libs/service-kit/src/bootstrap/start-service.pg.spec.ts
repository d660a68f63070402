import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role, type Principal } from '@crm/auth';
import { piiAccessStream, type PersonalDataProtector } from '@crm/pii';
import { createTestDatabase } from '@crm/testing';
import { PERSONAL_DATA } from '../personal-data/personal-data.module';
import type { ServiceDefinition } from './service-definition';
import { startService, type RunningService } from './start-service';

/** A service with nothing of its own but children's personal data: what the kit gives every service. */
const PROBE: ServiceDefinition = {
  name: 'probe',
  title: { es: 'Sonda', en: 'Probe' },
  description: { es: 'Servicio de prueba del kit.', en: 'The kit test service.' },
  listener: { portVariable: 'PROBE_PORT', hostVariable: 'PROBE_HOST', defaultPort: 0 },
  personalData: true,
  modules: () => [],
};

const caseWorker: Principal = {
  subject: 'hn-case-worker',
  country: 'HN',
  institution: 'DINAF',
  roles: [Role.ProtectionCaseWorker],
};

describe('startService (service kit) for a service that stores personal data', () => {
  let db: { url: string; drop(): Promise<void> };
  let dir: string;
  let service: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase('kit_probe');
    dir = mkdtempSync(join(tmpdir(), 'crm-kit-probe-'));
    service = await startService(PROBE, {
      env: { DATABASE_URL: db.url, CRM_DATA_DIR: dir },
      port: 0,
      log: () => undefined,
    });
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates the development key-encryption key under CRM_DATA_DIR', () => {
    expect(existsSync(join(dir, 'pii', 'kek'))).toBe(true);
  });

  it('provides the protector: ciphertext in, plaintext out only with the view recorded', async () => {
    const protector = service.app.get<PersonalDataProtector>(PERSONAL_DATA);
    const record = { childName: 'Ana Pérez', age: 9 };
    const sealed = await protector.protect('child-1', record, ['childName']);
    expect(JSON.stringify(sealed)).not.toContain('Ana');
    const opened = await protector.reveal(
      { principal: caseWorker, caseId: 'case-1', purpose: 'Seguimiento del caso', caseCountry: 'HN' },
      'child-1',
      sealed,
      ['childName'],
    );
    expect(opened).toEqual(record);
    const log = await service.platform.store.readStream(piiAccessStream('case-1'));
    expect(log.map((e) => e.type)).toEqual(['PersonalDataViewed']);
  });

  it('answers its health with its own name', async () => {
    const res = await fetch(`${service.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ service: 'probe' });
  });
});
