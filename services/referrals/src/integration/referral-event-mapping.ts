/**
 * Domain events of a referral -> integration events (the public contracts in `contracts/src/referrals`).
 *
 * Every domain event type is decided here, explicitly (`REFERRAL_EVENT_CONTRACTS`: the compiler insists on
 * every type, and `referral-event-mapping.spec.ts` fails when `REFERRAL_EVENT_TYPES` grows without a
 * decision). Each published event goes to `crm.<C>.out.referrals` of every country it concerns (the event's
 * `countries`: sender, receiver, proposed transferee, earlier receivers), one copy each with that country as
 * `country` and `crmcountry`; never to the regional topic, never to another country.
 *
 * CloudEvents id = the domain event id (the same on every republish), key and subject = the stream name,
 * every payload validated by `encodeIntegrationEvent` before publishing. Payloads carry ids, codes, instants,
 * reason codes, the actor's opaque subject and role, and, on `sent`, the case's NON-identifying indicators
 * and the disclosed view's path: never a note (only whether there is one), the override's reason, any free
 * text, or identifying data.
 */
import {
  encodeIntegrationEvent,
  outboundTopics,
  referralViewPath,
  type ContractName,
  type EncodeInput,
  type ReferralSentV1,
  type VersionOf,
} from '@crm/contracts';
import { toDomainEvent } from '@crm/decider';
import type { RecordedEvent } from '@crm/event-store';
import { isCountryCode, type CountryCode } from '@crm/kernel';
import type { RelayMessage, StreamFold } from '@crm/messaging';
import type { CaseIndicators } from '../cases/domain';
import {
  evolveReferral,
  fhirTaskStatus,
  initialReferralState,
  parseReferralStreamName,
  REFERRAL_STREAM_CATEGORY,
  type ReferralEvent,
  type ReferralEventType,
  type ReferralState,
} from '../referrals/domain';
import { publishedIndicators } from './case-indicators';

/** The referral contracts the relay publishes. */
export type ReferralContractName = Extract<ContractName, `referrals.referral.${string}`>;

/**
 * The decision for every domain event type: the contract it is published as, or null (internal to the
 * service) with the reason beside it.
 */
export const REFERRAL_EVENT_CONTRACTS: Readonly<Record<ReferralEventType, ReferralContractName | null>> = {
  ReferralDrafted: null, // a draft is the sending country's own: nothing is published until it is sent
  ReferralDraftUpdated: null, // idem
  ReferralSent: 'referrals.referral.sent',
  ReferralRevoked: 'referrals.referral.status-changed', // the reason code; its note stays in the service
  ReferralEnteredInError: 'referrals.referral.status-changed', // only once sent: a draft's is internal
  ReferralAcknowledged: 'referrals.referral.status-changed',
  ReferralAccepted: 'referrals.referral.status-changed',
  ReferralDeclined: 'referrals.referral.status-changed', // the reason code, never the note
  ReferralStarted: 'referrals.referral.status-changed',
  FollowUpReported: 'referrals.referral.follow-up-reported', // never the note
  ReferralCompleted: 'referrals.referral.status-changed',
  TransferRequested: 'referrals.referral.transfer-requested', // the reason code, never the note
  TransferAccepted: 'referrals.referral.transfer-decided',
  TransferDeclined: 'referrals.referral.transfer-decided', // the reason code, never the note
  ReferralReminderSent: 'referrals.referral.reminder-sent',
  ReferralEscalated: 'referrals.referral.escalated',
  ConsentWithdrawalNotified: 'referrals.referral.consent-withdrawal-notified',
  ConsentWithdrawalAcknowledged: 'referrals.referral.consent-withdrawal-acknowledged',
};

/** What the relay folds per stream: the referral's state (other streams are not read). */
export type ReferralStreamState = { kind: 'referral'; state: ReferralState } | { kind: 'other' };

/** Stream prefixes the relay reads (`referral-<id>`; not `referralCase-`, not `referralDeadlinePolicy-`). */
export const REFERRAL_RELAY_STREAM_PREFIXES = [`${REFERRAL_STREAM_CATEGORY}-`];

export const referralStreamFold: StreamFold<ReferralStreamState> = {
  initial: (streamName) =>
    parseReferralStreamName(streamName) !== null
      ? { kind: 'referral', state: initialReferralState() }
      : { kind: 'other' },
  evolve: (s, event) =>
    s.kind === 'referral'
      ? { kind: 'referral', state: evolveReferral(s.state, toDomainEvent<ReferralEvent>(event)) }
      : s,
};

/** What a mapping may need beyond the event and its stream's state before it. */
export interface ReferralMappingInput {
  before: ReferralStreamState;
  /**
   * For `ReferralSent` only: the case's indicators as they stood when it was sent (`caseIndicatorsBefore`),
   * null when unknown (then the event carries none).
   */
  caseIndicators?: CaseIndicators | null;
}

export class ReferralMappingError extends Error {
  constructor(event: RecordedEvent, reason: string) {
    super(`cannot map ${event.type} ${event.metadata.eventId} of ${event.streamName}: ${reason}`);
    this.name = 'ReferralEventMappingError';
  }
}

/**
 * The countries an event concerns: its recorded `countries` (appendToReferral sets them from the state the
 * command was decided on), else, for an event recorded without them, the parties of the state around it.
 */
function countriesOf(event: RecordedEvent, before: ReferralState, after: ReferralState): CountryCode[] {
  const recorded = event.metadata.countries.filter(isCountryCode);
  if (recorded.length > 0) return [...new Set(recorded)];
  const parties = [before, after].flatMap((s) => [
    s.from?.country,
    s.to?.country,
    s.pendingTransfer?.to.country,
    ...s.previousReceivers.map((r) => r.country),
  ]);
  return [...new Set(parties.filter(isCountryCode))];
}

/** The type and payload (without `country`) of one domain event, or null when it is not published. */
function payloadOf(
  event: RecordedEvent,
  before: ReferralState,
  after: ReferralState,
  caseIndicators: CaseIndicators | null,
): { type: ReferralContractName; data: Record<string, unknown> } | null {
  const domain = toDomainEvent<ReferralEvent>(event);
  const contract = REFERRAL_EVENT_CONTRACTS[domain.type];
  if (contract === null) return null;
  if (!after.referralId || !after.caseId || !after.from || !after.to || !after.status)
    throw new ReferralMappingError(event, 'no sent referral before it');
  const common = {
    referralId: after.referralId,
    caseRef: after.caseId,
    from: after.from,
    to: after.to,
    status: after.status,
    fhirStatus: fhirTaskStatus(after.status),
    revision: event.revision,
    actor: { subject: event.metadata.actor.subject, role: event.metadata.actor.role },
  };
  const statusChanged = (
    changedAt: string,
    extra: Record<string, unknown> = {},
    previous = before.status,
  ) => {
    if (!previous) throw new ReferralMappingError(event, 'no status before it');
    return { type: contract, data: { ...common, previousStatus: previous, changedAt, ...extra } };
  };
  switch (domain.type) {
    case 'ReferralDrafted':
    case 'ReferralDraftUpdated':
      return null;
    case 'ReferralSent': {
      if (!after.urgency) throw new ReferralMappingError(event, 'no urgency drafted before it');
      const data: Omit<ReferralSentV1, 'country'> = {
        ...common,
        servicesRequested: after.servicesRequested,
        sharedCategories: domain.data.sharedCategories,
        withheldCategories: domain.data.withheldCategories,
        basis: domain.data.basis.kind,
        urgency: after.urgency,
        sentAt: domain.data.sentAt,
        acknowledgeBy: domain.data.acknowledgeBy,
        decideBy: domain.data.decideBy,
        ...publishedIndicators(caseIndicators, domain.data.sharedCategories),
        viewPath: referralViewPath(after.referralId),
      };
      return { type: contract, data };
    }
    case 'ReferralRevoked':
      return statusChanged(
        domain.data.revokedAt,
        { revokeReason: domain.data.reason, hasNote: domain.data.note !== null },
        domain.data.previousStatus,
      );
    case 'ReferralEnteredInError':
      // a draft marked in error was never published: nothing to correct outside the service
      return domain.data.previousStatus === 'draft'
        ? null
        : statusChanged(
            domain.data.markedAt,
            { enteredInErrorReason: domain.data.reason, hasNote: domain.data.note !== null },
            domain.data.previousStatus,
          );
    case 'ReferralAcknowledged':
      return statusChanged(domain.data.acknowledgedAt);
    case 'ReferralAccepted':
      return statusChanged(domain.data.acceptedAt);
    case 'ReferralDeclined':
      return statusChanged(domain.data.declinedAt, {
        declineReason: domain.data.reason,
        hasNote: domain.data.note !== null,
      });
    case 'ReferralStarted':
      return statusChanged(domain.data.startedAt);
    case 'ReferralCompleted':
      return statusChanged(domain.data.completedAt, { outcome: domain.data.outcome });
    case 'FollowUpReported': {
      const f = domain.data;
      return {
        type: contract,
        data: {
          ...common,
          followUpId: f.followUpId,
          side: f.side,
          services: f.services,
          followUpStatus: f.status,
          hasNote: f.note !== null,
          reportedAt: f.reportedAt,
        },
      };
    }
    case 'TransferRequested': {
      const t = domain.data;
      return {
        type: contract,
        data: {
          ...common,
          transferId: t.transferId,
          transferee: t.to,
          transferReason: t.reason,
          hasNote: t.note !== null,
          categories: t.categories,
          requestedAt: t.requestedAt,
        },
      };
    }
    case 'TransferAccepted': {
      const t = domain.data;
      if (!before.status) throw new ReferralMappingError(event, 'no status before it');
      return {
        type: contract,
        data: {
          ...common,
          previousStatus: before.status,
          transferId: t.transferId,
          decision: 'accepted',
          transferee: t.receiver,
          previousReceiver: t.previousReceiver,
          categories: t.categories,
          viewPath: referralViewPath(after.referralId),
          decidedAt: t.acceptedAt,
        },
      };
    }
    case 'TransferDeclined': {
      const pending = before.pendingTransfer;
      if (!pending || !before.status) throw new ReferralMappingError(event, 'no pending transfer before it');
      return {
        type: contract,
        data: {
          ...common,
          previousStatus: before.status,
          transferId: domain.data.transferId,
          decision: 'declined',
          transferee: pending.to,
          declineReason: domain.data.reason,
          hasNote: domain.data.note !== null,
          decidedAt: domain.data.declinedAt,
        },
      };
    }
    case 'ReferralReminderSent': {
      const r = domain.data;
      return {
        type: contract,
        data: { ...common, step: r.step, dueAt: r.dueAt, count: r.count, remindedAt: r.remindedAt },
      };
    }
    case 'ReferralEscalated': {
      const e = domain.data;
      return {
        type: contract,
        data: {
          ...common,
          step: e.step,
          level: e.level,
          escalatedTo: e.escalatedTo,
          receiver: e.receiver,
          dueAt: e.dueAt,
          ...(e.nextDueAt !== null ? { nextDueAt: e.nextDueAt } : {}),
          escalatedAt: e.escalatedAt,
        },
      };
    }
    case 'ConsentWithdrawalNotified': {
      const w = domain.data;
      return {
        type: contract,
        data: {
          ...common,
          consentId: w.consentId,
          categories: w.categories,
          acknowledgeBy: w.acknowledgeBy,
          notifiedAt: w.notifiedAt,
        },
      };
    }
    case 'ConsentWithdrawalAcknowledged': {
      const w = domain.data;
      return {
        type: contract,
        data: {
          ...common,
          consentIds: w.consentIds,
          categories: w.categories,
          acknowledgedAt: w.acknowledgedAt,
        },
      };
    }
    default: {
      const unknown: never = domain;
      throw new ReferralMappingError(event, `no decision for ${(unknown as { type: string }).type}`);
    }
  }
}

/**
 * The integration messages of one referral domain event, given its stream's state before it (and, for a
 * sent referral, the case's indicators). Pure. Throws (stopping the relay, loudly) when an event cannot
 * satisfy its contract: a programming error, never published half-right.
 */
export function referralIntegrationMessages(
  event: RecordedEvent,
  input: ReferralMappingInput,
): RelayMessage[] {
  if (input.before.kind !== 'referral') return [];
  const before = input.before.state;
  const after = evolveReferral(before, toDomainEvent<ReferralEvent>(event));
  const payload = payloadOf(event, before, after, input.caseIndicators ?? null);
  if (!payload) return [];
  const countries = countriesOf(event, before, after);
  return outboundTopics(countries, 'referrals').map((topic, i) => {
    const country = countries[i] as CountryCode;
    const encoded = encodeIntegrationEvent({
      type: payload.type,
      version: 1 as VersionOf<ReferralContractName>,
      data: { country, ...payload.data },
      country,
      id: event.metadata.eventId,
      time: event.metadata.recordedAt,
      subject: event.streamName,
    } as EncodeInput<ReferralContractName, VersionOf<ReferralContractName>>);
    return { topic, key: event.streamName, ...encoded };
  });
}
