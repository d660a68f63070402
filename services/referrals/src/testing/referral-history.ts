/**
 * Test support: referrals brought to a status through the real decider and the shared handler step
 * (`appendToReferral`), as the sides' use cases record them, with the sides' actors. For the tests of the system
 * commands and of the deadlines (the HTTP use cases of the sides are tested where they are defined).
 */
import type { Actor } from '@crm/event-store';
import type { CommandDeps } from '@crm/service-kit';
import {
  DEFAULT_DEADLINE_POLICY,
  deadlinesFor,
  type DeadlinePolicy,
  type ReferralCommand,
} from '../referrals/domain';
import { appendToReferral } from '../referrals/referral-command';
import type { ReferralView } from '../referrals/referral-view';

/** Honduras' child-protection institution refers to Guatemala's. */
export const SENDING_OFFICER: Actor = {
  subject: 'hn-case-worker-01',
  role: 'protection_case_worker',
  country: 'HN',
  institution: 'HN-DINAF',
};
export const RECEIVING_OFFICER: Actor = {
  subject: 'gt-case-worker-01',
  role: 'protection_case_worker',
  country: 'GT',
  institution: 'GT-PGN',
};

type Deps = Pick<CommandDeps, 'store' | 'clock'>;

function act(deps: Deps, actor: Actor, command: ReferralCommand): Promise<ReferralView> {
  return appendToReferral(deps, { useCase: `test.${command.type}`, actor, command, options: {} });
}

/** Drafts and sends referral `referralId` from HN to GT at the clock's now, with the deadlines of `policy`. */
export async function sendReferral(
  deps: Deps,
  referralId: string,
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): Promise<ReferralView> {
  await act(deps, SENDING_OFFICER, {
    type: 'DraftReferral',
    referralId,
    caseId: `case-${referralId.slice(0, 8)}`,
    from: { country: 'HN', institutionId: 'HN-DINAF' },
    to: { country: 'GT', institutionId: 'GT-PGN' },
    servicesRequested: ['psychosocial'],
    categories: ['identity', 'family'],
    urgency: 'urgent',
  });
  return act(deps, SENDING_OFFICER, {
    type: 'SendReferral',
    referralId,
    consent: { kind: 'consent', consentIds: ['consent-1'], covered: ['identity', 'family'] },
    deadlines: deadlinesFor(policy, deps.clock()),
  });
}

/** What the sides do next on a sent referral, at the clock's now. */
export const referralSteps = {
  acknowledge: (deps: Deps, referralId: string) =>
    act(deps, RECEIVING_OFFICER, { type: 'AcknowledgeReferral', referralId }),
  revoke: (deps: Deps, referralId: string) =>
    act(deps, SENDING_OFFICER, {
      type: 'RevokeReferral',
      referralId,
      reason: 'no_longer_needed',
    }),
  /** Accepted (acknowledged and accepted at once), then closed: completed. */
  acceptAndClose: async (deps: Deps, referralId: string) => {
    await act(deps, RECEIVING_OFFICER, { type: 'AcceptReferral', referralId });
    return act(deps, RECEIVING_OFFICER, { type: 'CloseReferral', referralId, outcome: 'reunified' });
  },
};
