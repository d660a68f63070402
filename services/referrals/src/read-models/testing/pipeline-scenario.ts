/**
 * A small scripted history for the read-model specs (March 2020, semester 2020-S1):
 * - three children's cases: A and B registered by Honduras (HN-DINAF), C by Guatemala (GT-PGN), each with
 *   names and a date of birth encrypted under the child's own key;
 * - R1 A: HN → GT sent 2 March 10:00, acknowledged after 4 h, accepted after 24 h, started, completed;
 * - R2 B: HN → MX sent 2 March 12:00, reminded, escalated to the backup focal point at its 48 h deadline
 *   (a new window to 6 March 12:00), never acknowledged;
 * - R3 C: GT → MX, a draft only;
 * - R4 B: HN → GT sent 1 March 08:00, declined 12 h later;
 * - then A's key is erased (`PersonalDataErased` for `child-<A>`).
 */
import type { EventStore } from '@crm/event-store';
import type { PersonalDataProtector } from '@crm/pii';
import {
  encryptedIdentity,
  eraseChild,
  registerCase,
  writeReferral,
  type CaseSpec,
  type ReferralSpec,
} from './referral-history';

export const HN_DINAF = { country: 'HN', institutionId: 'HN-DINAF' } as const;
export const GT_PGN = { country: 'GT', institutionId: 'GT-PGN' } as const;
export const MX_DIF = { country: 'MX', institutionId: 'MX-DIF' } as const;

export const CASE_A = 'HN-11111111-1111-4111-8111-111111111111';
export const CASE_B = 'HN-22222222-2222-4222-8222-222222222222';
export const CASE_C = 'GT-33333333-3333-4333-8333-333333333333';
export const R1 = 'aaaaaaaa-0000-4000-8000-000000000001';
export const R2 = 'aaaaaaaa-0000-4000-8000-000000000002';
export const R3 = 'aaaaaaaa-0000-4000-8000-000000000003';
export const R4 = 'aaaaaaaa-0000-4000-8000-000000000004';

/** The children's identifying data as written, in clear (it must never appear in a read model or a dashboard). */
export const NAMES = {
  [CASE_A]: { givenNames: 'José Luis', familyNames: 'Pérez López', dateOfBirth: '2005-03-14' },
  [CASE_B]: { givenNames: 'Ana Lucía', familyNames: 'Mejía Cruz', dateOfBirth: '2012-11-02' },
  [CASE_C]: { givenNames: 'Rosa Elena', familyNames: 'Xiloj Tzoc', dateOfBirth: '2007-06-21' },
} as const;

/** Instants of the script. */
export const T = {
  r2AcknowledgeDue: '2020-03-04T12:00:00.000Z',
  r2EscalatedDue: '2020-03-06T12:00:00.000Z',
  erased: '2020-03-06T18:00:00.000Z',
  /** The clock of the dashboards: R2's acknowledgement is 12 h overdue at escalation level 1. */
  now: '2020-03-07T00:00:00.000Z',
  /** After the semester: its aggregates may be published. */
  afterSemester: '2020-07-02T00:00:00.000Z',
};

export const REFERRALS: ReferralSpec[] = [
  {
    referralId: R4,
    caseId: CASE_B,
    from: HN_DINAF,
    to: GT_PGN,
    draftedAt: '2020-03-01T07:00:00.000Z',
    actions: [
      { kind: 'send', at: '2020-03-01T08:00:00.000Z' },
      { kind: 'decline', at: '2020-03-01T20:00:00.000Z' },
    ],
  },
  {
    referralId: R1,
    caseId: CASE_A,
    from: HN_DINAF,
    to: GT_PGN,
    draftedAt: '2020-03-02T09:00:00.000Z',
    actions: [
      { kind: 'send', at: '2020-03-02T10:00:00.000Z' },
      { kind: 'acknowledge', at: '2020-03-02T14:00:00.000Z' },
      { kind: 'accept', at: '2020-03-03T10:00:00.000Z' },
      { kind: 'start', at: '2020-03-04T10:00:00.000Z' },
      { kind: 'complete', at: '2020-03-05T10:00:00.000Z' },
    ],
  },
  {
    referralId: R2,
    caseId: CASE_B,
    from: HN_DINAF,
    to: MX_DIF,
    draftedAt: '2020-03-02T11:00:00.000Z',
    actions: [
      { kind: 'send', at: '2020-03-02T12:00:00.000Z' },
      { kind: 'remind', at: '2020-03-03T12:00:00.000Z', step: 'acknowledge', dueAt: T.r2AcknowledgeDue },
      { kind: 'escalate', at: T.r2AcknowledgeDue, step: 'acknowledge', dueAt: T.r2AcknowledgeDue },
    ],
  },
  {
    referralId: R3,
    caseId: CASE_C,
    from: GT_PGN,
    to: MX_DIF,
    draftedAt: '2020-03-03T09:00:00.000Z',
    actions: [],
  },
];

/** Writes the script to `store` (cases first, then referrals, then the erasure; `protector` logs to `store`). */
export async function writePipelineScenario(
  store: EventStore,
  protector: PersonalDataProtector,
): Promise<void> {
  const cases: Array<Omit<CaseSpec, 'identifying'>> = [
    {
      caseId: CASE_A,
      institution: HN_DINAF,
      at: '2020-02-28T10:00:00.000Z',
      ageBand: '15-17',
      sex: 'male',
      accompaniment: 'unaccompanied',
    },
    {
      caseId: CASE_B,
      institution: HN_DINAF,
      at: '2020-02-28T11:00:00.000Z',
      ageBand: '6-11',
      sex: 'female',
      accompaniment: 'separated',
    },
    {
      caseId: CASE_C,
      institution: GT_PGN,
      at: '2020-02-29T09:00:00.000Z',
      ageBand: '12-14',
      sex: 'female',
      accompaniment: 'accompanied',
    },
  ];
  for (const spec of cases) {
    const identifying = await encryptedIdentity(
      protector,
      spec.caseId,
      NAMES[spec.caseId as keyof typeof NAMES],
    );
    await registerCase(store, { ...spec, identifying });
  }
  for (const referral of REFERRALS) await writeReferral(store, referral);
  await eraseChild(protector, CASE_A);
}
