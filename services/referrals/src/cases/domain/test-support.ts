/**
 * Fixtures for the case decider specs: a case id, valid indicators, encrypted identifying data (fake
 * ciphertexts), a directory view, contexts, command builders and `history` (run commands in a row). The
 * assertions are the shared given/when/then of `@crm/decider`.
 */
import { fold, type DecisionContext } from '@crm/decider';
import type { DirectoryView } from '../../directory/domain/directory-view';
import { ctx, fakeProtected, official } from '../../directory/domain/test-support';
import type { CaseCommand } from './commands';
import type { ConsentScope } from './consent-scope';
import { caseDecider } from './decider';
import type { CaseEvent } from './events';
import { childSubject, type ChildIdentifyingField } from './identifying';
import type { CaseIndicators } from './indicators';
import type { CaseState } from './state';

export { ctx, fakeCiphertext, official } from '../../directory/domain/test-support';

export const CASE_ID = 'HN-3f0c8a1e-5b2d-4c6f-9a7e-1d2b3c4d5e6f';
export const SUBJECT = childSubject(CASE_ID);

/** 2020-06-30 at noon UTC, a Honduran case worker of HN-DINAF. */
export const NOW = ctx('2020-06-30T12:00:00.000Z');
export const LATER = ctx('2020-07-15T09:00:00.000Z');
export const AT = '2020-06-30T12:00:00.000Z';
export const BY = official().subject;

/** A 15-year-old Honduran boy, unaccompanied, detected at the Mexican border in Chiapas. */
export function indicators(over: Partial<CaseIndicators> = {}): CaseIndicators {
  return {
    ageBand: '15-17',
    ageYears: 15,
    ageAssessment: 'declared',
    sex: 'male',
    nationality: 'HN',
    countryOfOrigin: 'HN',
    countryOfDetection: 'MX',
    countryOfDestination: 'US',
    transitCountries: ['GT', 'MX'],
    migrationStage: 'in_transit',
    accompaniment: 'unaccompanied',
    travellingWith: ['siblings', 'unrelated_adult'],
    detectedOn: '2020-06-20',
    detectionPlaceType: 'border_post',
    detectionAdminArea: 'MX-CHP',
    internationalProtectionNeeds: ['violence_victim'],
    documentation: ['birth_certificate'],
    healthNeeds: ['malnutrition_dehydration'],
    psychosocialNeeds: ['trauma_symptoms'],
    disability: 'no',
    pregnancyOrParenthood: ['none'],
    reasonsForMigrating: ['violence', 'family_reunification'],
    languages: ['es'],
    needsInterpreter: false,
    indigenousPeople: 'no',
    schoolingBeforeMigrating: 'not_enrolled',
    previousReturns: 1,
    ...over,
  };
}

export function identifying(
  fields: readonly ChildIdentifyingField[] = [
    'givenNames',
    'familyNames',
    'dateOfBirth',
    'familyContacts',
    'notes',
  ],
) {
  return fakeProtected(SUBJECT, fields);
}

export const DIRECTORY: DirectoryView = {
  statusOf: (id) => ({ 'HN-DINAF': 'active', 'HN-CLOSED': 'deactivated' })[id] ?? 'none',
} as DirectoryView;

export const scope = (over: Partial<ConsentScope> = {}): ConsentScope => ({
  categories: ['identity', 'family', 'indicators', 'health', 'assessments'],
  countries: ['GT'],
  institutions: ['US-ORR'],
  purpose: ['psychosocial', 'family_reunification'],
  validUntil: '2020-12-31',
  ...over,
});

export const commands = {
  register: (over: Partial<Extract<CaseCommand, { type: 'RegisterCase' }>> = {}): CaseCommand => ({
    type: 'RegisterCase',
    caseId: CASE_ID,
    country: 'HN',
    institutionId: 'HN-DINAF',
    indicators: indicators(),
    identifying: identifying(),
    directory: DIRECTORY,
    ...over,
  }),
  consent: (
    consentId: string,
    over: Partial<Extract<CaseCommand, { type: 'RecordConsent' }>> = {},
  ): CaseCommand => ({
    type: 'RecordConsent',
    caseId: CASE_ID,
    consentId,
    givenBy: 'child',
    form: 'consent',
    scope: scope(),
    ...over,
  }),
  narrow: (consentId: string, over: Partial<ConsentScope>): CaseCommand => ({
    type: 'NarrowConsent',
    caseId: CASE_ID,
    consentId,
    scope: scope(over),
  }),
  withdraw: (consentId: string): CaseCommand => ({
    type: 'WithdrawConsent',
    caseId: CASE_ID,
    consentId,
    reason: 'child_request',
  }),
  assessment: (
    recordId: string,
    over: Partial<Extract<CaseCommand, { type: 'RecordBestInterests' }>> = {},
  ): CaseCommand => ({
    type: 'RecordBestInterests',
    caseId: CASE_ID,
    recordId,
    kind: 'assessment',
    conductedBy: { institutionId: 'HN-DINAF', role: 'social_worker' },
    conductedOn: '2020-06-25',
    outcome: 'family_reunification_third_country',
    recommendations: fakeProtected(SUBJECT, ['recommendations']),
    ...over,
  }),
  interview: (interviewId: string, institutionId = 'HN-DINAF', conductedOn = '2020-06-21'): CaseCommand => ({
    type: 'RecordInterview',
    caseId: CASE_ID,
    interviewId,
    institutionId,
    conductedOn,
    purpose: 'registration',
  }),
  close: (outcome = 'family_reunification' as const): CaseCommand => ({
    type: 'CloseCase',
    caseId: CASE_ID,
    outcome,
  }),
};

/** Runs commands one after another on a new case (each at NOW unless given its own context): every event. */
export function history(...steps: Array<CaseCommand | [CaseCommand, DecisionContext]>): CaseEvent[] {
  let state = caseDecider.initialState();
  const all: CaseEvent[] = [];
  for (const step of steps) {
    const [command, context] = Array.isArray(step) ? step : [step, NOW];
    const events = caseDecider.decide(command, state, context);
    for (const e of events) state = caseDecider.evolve(state, e);
    all.push(...events);
  }
  return all;
}

/** The state after `events`. */
export function stateOf(events: CaseEvent[]): CaseState {
  return fold(caseDecider, events);
}
