/**
 * Fixtures for the referral decider specs (this folder's *.spec.ts files only): actors of each side, contexts,
 * command builders, and `reach(status)`: the events of a referral brought to a status by running real
 * commands through the decider. The assertions are the shared given/when/then of `@crm/decider`.
 */
import { fold, type DecisionContext } from '@crm/decider';
import { childSubject } from '../../cases/domain/identifying';
import { fakeProtected } from '../../directory/domain/test-support';
import type { ReferralCommand } from './commands';
import { DEFAULT_DEADLINE_POLICY, deadlinesFor, withdrawalDeadlineFor } from './deadlines';
import { referralDecider } from './decider';
import type { ReferralEvent } from './events';
import type { ReferralNote } from './note';
import { DEADLINE_RUNNER_SUBJECT, SYSTEM_ROLE } from './sides';
import type { ReferralState } from './state';
import type { ReferralStatus } from './status';

export const REFERRAL_ID = '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b';
export const CASE_ID = 'case-hn-0001';
/** Honduras refers to Guatemala; Mexico is where a transfer goes; Costa Rica is a third country. */
export const FROM = { country: 'HN', institutionId: 'HN-DINAF' } as const;
export const TO = { country: 'GT', institutionId: 'GT-PGN' } as const;
export const TRANSFER_TO = { country: 'MX', institutionId: 'MX-DIF' } as const;
export const TRANSFER_ID = 'transfer-1';
export const CONSENT_ID = 'consent-1';

/** A note as the handler hands it over: `text` encrypted under the referral's child (fake ciphertext). */
export function note(caseId: string = CASE_ID): ReferralNote {
  return fakeProtected(childSubject(caseId), ['text']);
}

type Actor = DecisionContext['actor'];
export const SENDER: Actor = {
  subject: 'hn-officer',
  role: 'protection_case_worker',
  country: 'HN',
  institution: 'HN-DINAF',
};
export const RECEIVER: Actor = {
  subject: 'gt-officer',
  role: 'protection_case_worker',
  country: 'GT',
  institution: 'GT-PGN',
};
export const TRANSFEREE: Actor = {
  subject: 'mx-officer',
  role: 'protection_case_worker',
  country: 'MX',
  institution: 'MX-DIF',
};
export const THIRD_COUNTRY: Actor = {
  subject: 'cr-officer',
  role: 'protection_case_worker',
  country: 'CR',
  institution: 'CR-PANI',
};
export const SECRETARIAT: Actor = {
  subject: 'st-coordinator',
  role: 'secretariat_coordinator',
  country: 'ST',
  institution: 'ST-CRM',
};
export const SYSTEM: Actor = { subject: DEADLINE_RUNNER_SUBJECT, role: SYSTEM_ROLE, country: 'ST' };

/** The instants the standard history runs at: drafted at T0, each later step an hour after the previous one. */
export const T0 = '2020-07-01T08:00:00.000Z';
export function hoursAfter(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
}
export const SENT_AT = hoursAfter(T0, 1);
export const DEADLINES = deadlinesFor(DEFAULT_DEADLINE_POLICY, SENT_AT);

export function ctx(now: string, actor: Actor): DecisionContext {
  return { now: new Date(now), actor };
}

export const cmd = {
  draft: (over: Partial<Extract<ReferralCommand, { type: 'DraftReferral' }>> = {}): ReferralCommand => ({
    type: 'DraftReferral',
    referralId: REFERRAL_ID,
    caseId: CASE_ID,
    from: { ...FROM },
    to: { ...TO },
    servicesRequested: ['psychosocial', 'family_tracing'],
    categories: ['identity', 'family', 'health'],
    urgency: 'urgent',
    ...over,
  }),
  update: (
    over: Partial<Extract<ReferralCommand, { type: 'UpdateDraft' }>> = { urgency: 'routine' },
  ): ReferralCommand => ({
    type: 'UpdateDraft',
    referralId: REFERRAL_ID,
    ...over,
  }),
  send: (over: Partial<Extract<ReferralCommand, { type: 'SendReferral' }>> = {}): ReferralCommand => ({
    type: 'SendReferral',
    referralId: REFERRAL_ID,
    consent: {
      kind: 'consent',
      consentIds: [CONSENT_ID],
      covered: ['identity', 'family', 'health', 'narrative'],
    },
    deadlines: { ...DEADLINES },
    ...over,
  }),
  revoke: (): ReferralCommand => ({
    type: 'RevokeReferral',
    referralId: REFERRAL_ID,
    reason: 'family_reunified',
  }),
  enteredInError: (): ReferralCommand => ({
    type: 'MarkEnteredInError',
    referralId: REFERRAL_ID,
    reason: 'wrong_case',
  }),
  acknowledge: (): ReferralCommand => ({ type: 'AcknowledgeReferral', referralId: REFERRAL_ID }),
  accept: (): ReferralCommand => ({ type: 'AcceptReferral', referralId: REFERRAL_ID }),
  decline: (): ReferralCommand => ({
    type: 'DeclineReferral',
    referralId: REFERRAL_ID,
    reason: 'no_capacity',
  }),
  followUp: (followUpId = 'follow-up-1'): ReferralCommand => ({
    type: 'ReportFollowUp',
    referralId: REFERRAL_ID,
    followUpId,
    services: ['psychosocial'],
    status: 'provided',
  }),
  close: (): ReferralCommand => ({ type: 'CloseReferral', referralId: REFERRAL_ID, outcome: 'reunified' }),
  requestTransfer: (
    over: Partial<Extract<ReferralCommand, { type: 'RequestTransfer' }>> = {},
  ): ReferralCommand => ({
    type: 'RequestTransfer',
    referralId: REFERRAL_ID,
    transferId: TRANSFER_ID,
    to: { ...TRANSFER_TO },
    reason: 'child_moved',
    ...over,
  }),
  acceptTransfer: (transferId = TRANSFER_ID): ReferralCommand => ({
    type: 'AcceptTransfer',
    referralId: REFERRAL_ID,
    transferId,
  }),
  declineTransfer: (transferId = TRANSFER_ID): ReferralCommand => ({
    type: 'DeclineTransfer',
    referralId: REFERRAL_ID,
    transferId,
    reason: 'no_capacity',
  }),
  acknowledgeWithdrawal: (): ReferralCommand => ({
    type: 'AcknowledgeConsentWithdrawal',
    referralId: REFERRAL_ID,
  }),
  remind: (step: 'acknowledge' | 'decide' | 'withdrawal', dueAt: string): ReferralCommand => ({
    type: 'RemindOverdue',
    referralId: REFERRAL_ID,
    step,
    dueAt,
  }),
  escalate: (step: 'acknowledge' | 'decide' | 'withdrawal', dueAt: string): ReferralCommand => ({
    type: 'EscalateOverdue',
    referralId: REFERRAL_ID,
    step,
    dueAt,
  }),
  notifyWithdrawal: (
    notifiedAt: string,
    over: Partial<Extract<ReferralCommand, { type: 'NotifyConsentWithdrawal' }>> = {},
  ): ReferralCommand => ({
    type: 'NotifyConsentWithdrawal',
    referralId: REFERRAL_ID,
    consentId: CONSENT_ID,
    categories: ['health'],
    acknowledgeBy: withdrawalDeadlineFor(DEFAULT_DEADLINE_POLICY, notifiedAt),
    ...over,
  }),
};

/** Runs commands one after another and returns every event they decided (a refusal fails the fixture). */
export function run(
  steps: Array<[ReferralCommand, DecisionContext]>,
  history: ReferralEvent[] = [],
): ReferralEvent[] {
  let state = fold(referralDecider, history);
  const all = [...history];
  for (const [command, context] of steps) {
    const events = referralDecider.decide(command, state, context);
    for (const e of events) state = referralDecider.evolve(state, e);
    all.push(...events);
  }
  return all;
}

/** The steps that bring a referral to each status, one hour apart. */
const PATHS: Record<ReferralStatus | 'none', Array<[ReferralCommand, Actor]>> = {
  none: [],
  draft: [[cmd.draft(), SENDER]],
  requested: [
    [cmd.draft(), SENDER],
    [cmd.send(), SENDER],
  ],
  acknowledged: [
    [cmd.draft(), SENDER],
    [cmd.send(), SENDER],
    [cmd.acknowledge(), RECEIVER],
  ],
  accepted: [
    [cmd.draft(), SENDER],
    [cmd.send(), SENDER],
    [cmd.acknowledge(), RECEIVER],
    [cmd.accept(), RECEIVER],
  ],
  in_progress: [
    [cmd.draft(), SENDER],
    [cmd.send(), SENDER],
    [cmd.acknowledge(), RECEIVER],
    [cmd.accept(), RECEIVER],
    [cmd.followUp(), RECEIVER],
  ],
  completed: [
    [cmd.draft(), SENDER],
    [cmd.send(), SENDER],
    [cmd.acknowledge(), RECEIVER],
    [cmd.accept(), RECEIVER],
    [cmd.followUp(), RECEIVER],
    [cmd.close(), RECEIVER],
  ],
  declined: [
    [cmd.draft(), SENDER],
    [cmd.send(), SENDER],
    [cmd.decline(), RECEIVER],
  ],
  revoked: [
    [cmd.draft(), SENDER],
    [cmd.send(), SENDER],
    [cmd.revoke(), SENDER],
  ],
  /** Sent, then found to be a mistake (so it has a consent basis, like every sent referral). */
  entered_in_error: [
    [cmd.draft(), SENDER],
    [cmd.send(), SENDER],
    [cmd.enteredInError(), SENDER],
  ],
};
export type StatusName = keyof typeof PATHS;
export const STATUS_NAMES = Object.keys(PATHS) as StatusName[];

/** The instant of the n-th step of the standard history (0 = T0). */
export function stepAt(index: number): string {
  return hoursAfter(T0, index);
}

/** The events of a referral brought to `status`; the next command can run at `nextAt(status)`. */
export function reach(status: StatusName): ReferralEvent[] {
  return run(PATHS[status].map(([command, actor], i) => [command, ctx(stepAt(i), actor)]));
}

/** An instant after every step of `reach(status)` (and before any deadline). */
export function nextAt(status: StatusName): string {
  return stepAt(PATHS[status].length);
}

/** `reach(status)` and then a pending transfer to Mexico (accepted or in_progress only). */
export function withPendingTransfer(status: 'accepted' | 'in_progress'): ReferralEvent[] {
  return run([[cmd.requestTransfer(), ctx(nextAt(status), RECEIVER)]], reach(status));
}

/** `reach(status)` and then a withdrawal of the health category by consent-1, notified at `nextAt(status)`. */
export function withPendingWithdrawal(status: StatusName): ReferralEvent[] {
  return run([[cmd.notifyWithdrawal(nextAt(status)), ctx(nextAt(status), SYSTEM)]], reach(status));
}

export function stateOf(events: ReferralEvent[]): ReferralState {
  return fold(referralDecider, events);
}
