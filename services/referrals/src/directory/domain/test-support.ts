/**
 * Fixtures for the directory decider specs (and the cases specs' ciphertexts): fake ciphertexts, focal
 * points, actors, contexts and command builders. The assertions are the shared given/when/then of
 * `@crm/decider`.
 */
import type { DecisionContext } from '@crm/decider';
import type { FieldCiphertext } from '@crm/pii';
import type { ProtectedRecord } from '../../shared/protected-record';
import type { InstitutionCommand, RegisterInstitution } from './commands';
import { focalPointSubject, type FocalPoint } from './focal-point';

/** A stand-in for `@crm/pii`'s ciphertext of `label` (the domain never decrypts, so any shape-true value does). */
export function fakeCiphertext(label: string): FieldCiphertext {
  return {
    v: 1,
    kid: 'test-key',
    iv: 'aXY=',
    ct: Buffer.from(label).toString('base64'),
    tag: 'dGFn',
  };
}

/** A protected record of `subject` whose every field holds the fake ciphertext of its name. */
export function fakeProtected<F extends string>(subject: string, fields: readonly F[]): ProtectedRecord<F> {
  return {
    subject,
    fields: Object.fromEntries(fields.map((f) => [f, fakeCiphertext(`${subject}:${f}`)])) as Partial<
      Record<F, FieldCiphertext>
    >,
  };
}

export function focalPoint(focalPointId: string, languages: string[] = ['es']): FocalPoint {
  return {
    focalPointId,
    languages,
    contact: fakeProtected(focalPointSubject(focalPointId), ['name', 'email', 'phone']),
  };
}

export function official(
  country = 'HN',
  subject = `official-${country.toLowerCase()}`,
): DecisionContext['actor'] {
  return { subject, role: 'protection_case_worker', country, institution: `${country}-DINAF` };
}

export function ctx(now: string, actor: DecisionContext['actor'] = official()): DecisionContext {
  return { now: new Date(now), actor };
}

/** 2020-06-30 at noon UTC, a Honduran official. */
export const NOW = ctx('2020-06-30T12:00:00.000Z');

export const register = (over: Partial<RegisterInstitution> = {}): InstitutionCommand => ({
  type: 'RegisterInstitution',
  institutionId: 'HN-DINAF',
  country: 'HN',
  kind: 'child_protection',
  name: {
    es: 'Dirección de Niñez, Adolescencia y Familia',
    en: 'Directorate for Children, Adolescents and Family',
  },
  intake: focalPoint('fp-ana', ['es', 'en']),
  backup: focalPoint('fp-luis'),
  verifiedOn: '2020-06-01',
  ...over,
});
