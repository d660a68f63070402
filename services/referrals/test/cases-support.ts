import type { TestService } from '@crm/service-testing';
import { indicators } from '../src/cases/domain/test-support';
import { uniqueTestChild } from '../src/testing/test-children';

/**
 * HTTP helpers of the directory and cases e2e tests: the Mexican child-protection institution the demo
 * accounts act for (`mx.protection_case_worker`, `mx.protection_supervisor`: institution `MX/PROTECCION`,
 * directory id `MX-PROTECCION`) and a case with identifying strings unique to the run (so a scan of the
 * database files, shared WAL included, finds them only if this test stored them).
 */

export const INSTITUTION = {
  institutionId: 'MX-PROTECCION',
  country: 'MX',
  kind: 'child_protection',
  name: { es: 'Procuraduría de Protección de Niñas, Niños y Adolescentes', en: 'Child Protection Office' },
  intake: {
    focalPointId: 'fp-mx-intake',
    languages: ['es', 'en'],
    contact: { name: 'Ana Sofía Ramírez', email: 'aramirez@example.org', phone: '+52 55 5555 0101' },
  },
  backup: {
    focalPointId: 'fp-mx-backup',
    languages: ['es'],
    contact: { name: 'Luis Ortega', phone: '+52 55 5555 0102' },
  },
  verifiedOn: '2020-06-01',
};

/**
 * A child's identifying data whose every string is unique to this run (from the one fixture of test children,
 * `src/testing/test-children.ts`: its names carry the marker the plaintext scans look for).
 */
export const uniqueChild = uniqueTestChild;

/** Registers MX-PROTECCION as Mexico's supervisor (201). */
export async function registerInstitution(t: TestService): Promise<void> {
  await t
    .http()
    .post('/referrals/institutions')
    .set('Authorization', await t.bearer('mx.protection_supervisor'))
    .send(INSTITUTION)
    .expect(201);
}

/** Registers a case of MX-PROTECCION as Mexico's case worker; answers the case view (201). */
export async function registerCase(t: TestService, identifying: unknown): Promise<any> {
  const res = await t
    .http()
    .post('/referrals/cases')
    .set('Authorization', await t.bearer('mx.protection_case_worker'))
    .send({ institutionId: 'MX-PROTECCION', indicators: indicators(), identifying })
    .expect(201);
  return res.body;
}
