/**
 * Test support of the referral integration specs (this folder's and `../*.spec.ts` only): a memory store, a
 * clock the test moves, a registered case whose identifying data and notes (ciphertexts: the domain holds no
 * plaintext) carry marker strings, and
 * histories that run the real referral decider through `appendToReferral` (so the events carry the
 * countries the service records) until every referral domain event type has been recorded at least once.
 */
import { randomUUID } from 'node:crypto';
import type { Actor, EventStore } from '@crm/event-store';
import { MemoryEventStore } from '@crm/event-store';
import type { CountryCode } from '@crm/kernel';
import type { FieldCiphertext } from '@crm/pii';
import { caseStreamName, childSubject, type CaseIndicators } from '../../cases/domain';
import {
  DEADLINE_RUNNER_SUBJECT,
  DEFAULT_DEADLINE_POLICY,
  deadlinesFor,
  SYSTEM_ROLE,
  withdrawalDeadlineFor,
  type InstitutionRef,
  type ReferralCommand,
  type ReferralNote,
} from '../../referrals/domain';
import { appendToReferral } from '../../referrals/referral-command';

/** Strings that must never appear in an integration message (plaintext markers and their ciphertexts). */
export const MARKERS = {
  givenNames: 'MARCADOR-NOMBRE Ana Lucía',
  familyNames: 'MARCADOR-APELLIDO Hernández',
  dateOfBirth: '2008-04-17',
  declineNote: 'MARCADOR-NOTA-RECHAZO',
  followUpNote: 'MARCADOR-NOTA-SEGUIMIENTO',
  revokeReason: 'MARCADOR-REVOCACION la familia fue localizada',
  transferReason: 'MARCADOR-TRASLADO la familia se mudó',
  declineTransferReason: 'MARCADOR-RECHAZO-TRASLADO sin cupo',
  overrideReason: 'MARCADOR-EXCEPCION riesgo inminente para la niña',
  errorReason: 'MARCADOR-ERROR caso equivocado',
} as const;

/** A fake libs/pii ciphertext whose `ct` is the base64 of `label` (neither must travel). */
export function ciphertext(label: string): FieldCiphertext {
  return { v: 1, kid: 'test-key', iv: 'aXY=', ct: Buffer.from(label).toString('base64'), tag: 'dGFn' };
}

/** Every string a message must not contain: each marker, and the ciphertext text of each. */
export function forbiddenStrings(): string[] {
  return Object.values(MARKERS).flatMap((m) => [m, Buffer.from(m).toString('base64')]);
}

/** A 13-year-old Honduran girl, unaccompanied, detected in Chiapas (Mexico); some fields are identifying-adjacent. */
export function caseIndicators(over: Partial<CaseIndicators> = {}): CaseIndicators {
  return {
    ageBand: '12-14',
    ageYears: 13,
    ageAssessment: 'declared',
    sex: 'female',
    nationality: 'HN',
    countryOfOrigin: 'HN',
    countryOfDetection: 'MX',
    countryOfDestination: 'US',
    transitCountries: ['GT', 'MX'],
    migrationStage: 'in_transit',
    accompaniment: 'unaccompanied',
    travellingWith: ['alone'],
    detectedOn: '2020-06-20',
    detectionPlaceType: 'border_post',
    detectionAdminArea: 'MX-CHP',
    internationalProtectionNeeds: ['violence_victim'],
    documentation: ['birth_certificate'],
    healthNeeds: ['malnutrition_dehydration'],
    psychosocialNeeds: ['trauma_symptoms'],
    disability: 'no',
    pregnancyOrParenthood: ['none'],
    reasonsForMigrating: ['violence'],
    languages: ['es'],
    needsInterpreter: false,
    indigenousPeople: 'no',
    schoolingBeforeMigrating: 'enrolled',
    previousReturns: 2,
    ...over,
  };
}

export const caseWorker = (country: CountryCode): Actor => ({
  subject: `${country.toLowerCase()}-case-worker-01`,
  role: 'protection_case_worker',
  country,
  institution: `${country}/DINAF`,
});
export const SYSTEM: Actor = { subject: DEADLINE_RUNNER_SUBJECT, role: SYSTEM_ROLE, country: 'ST' };

export const institution = (country: CountryCode): InstitutionRef => ({
  country,
  institutionId: `${country}-DINAF`,
});

/** A memory store whose clock the test moves (`at(iso)`). */
export class ReferralWorld {
  now = '2020-07-01T08:00:00.000Z';
  readonly clock = () => new Date(this.now);
  readonly store: EventStore;

  constructor(store?: EventStore) {
    this.store = store ?? new MemoryEventStore({ clock: this.clock });
  }

  at(iso: string): this {
    this.now = iso;
    return this;
  }

  later(hours: number): this {
    return this.at(new Date(Date.parse(this.now) + hours * 3_600_000).toISOString());
  }

  /** Registers a case of `country` (the CaseRegistered event as the case handler records it). */
  async registerCase(country: CountryCode, indicators = caseIndicators()): Promise<string> {
    const caseId = `${country}-${randomUUID()}`;
    await this.appendCase(caseId, 'CaseRegistered', {
      caseId,
      country,
      institutionId: `${country}-DINAF`,
      indicators,
      identifying: {
        subject: childSubject(caseId),
        fields: {
          givenNames: ciphertext(MARKERS.givenNames),
          familyNames: ciphertext(MARKERS.familyNames),
          dateOfBirth: ciphertext(MARKERS.dateOfBirth),
        },
      },
      registeredAt: this.now,
      registeredBy: caseWorker(country).subject,
    });
    return caseId;
  }

  /** The case's indicators corrected (IndicatorsUpdated). */
  async updateIndicators(caseId: string, indicators: CaseIndicators): Promise<void> {
    await this.appendCase(caseId, 'IndicatorsUpdated', {
      caseId,
      indicators,
      changed: ['sex'],
      updatedAt: this.now,
      updatedBy: 'x',
    });
  }

  private async appendCase(caseId: string, type: string, data: unknown): Promise<void> {
    const country = caseId.slice(0, 2) as CountryCode;
    await this.store.appendToStream(
      caseStreamName(caseId),
      [
        {
          eventId: randomUUID(),
          type,
          schemaVersion: 1,
          data,
          occurredAt: this.now,
          actor: caseWorker(country),
          countries: [country],
          correlationId: randomUUID(),
        },
      ],
      { expectedRevision: 'any' },
    );
  }

  /** One command through the service's shared handler steps (refusals throw). */
  act(actor: Actor, command: ReferralCommand) {
    return appendToReferral(
      { store: this.store, clock: this.clock },
      { useCase: command.type, actor, command, options: {} },
    );
  }
}

export interface Parties {
  sender: CountryCode;
  receiver: CountryCode;
  transferee: CountryCode;
}

/** The ids of the referrals `representativeHistory` recorded. */
export interface History {
  caseId: string;
  /** sent, reminded, escalated, acknowledged, accepted, followed up, transfers, withdrawal, closed by the transferee. */
  full: string;
  declined: string;
  /** Sent under an override, then revoked. */
  revoked: string;
  /** Drafted, updated, marked in error as a draft: nothing published. */
  draftInError: string;
  /** Sent, then marked in error. */
  sentInError: string;
}

/**
 * Every referral domain event type, for one sender, receiver and transferee, one hour apart (the deadline
 * timers at their instants). The full referral shares indicators, identity and protection (health withheld).
 */
export async function representativeHistory(world: ReferralWorld, parties: Parties): Promise<History> {
  const { sender, receiver, transferee } = parties;
  const S = caseWorker(sender);
  const R = caseWorker(receiver);
  const T = caseWorker(transferee);
  const caseId = await world.registerCase(sender);
  const draft = (referralId: string): ReferralCommand => ({
    type: 'DraftReferral',
    referralId,
    caseId,
    from: institution(sender),
    to: institution(receiver),
    servicesRequested: ['family_reunification', 'psychosocial'],
    categories: ['indicators', 'identity', 'protection', 'health'],
    urgency: 'urgent',
  });
  const send = (referralId: string, override = false): ReferralCommand => ({
    type: 'SendReferral',
    referralId,
    consent: override
      ? {
          kind: 'override',
          reason: 'other',
          note: note(MARKERS.overrideReason),
          authorisedBy: 'protection_supervisor',
        }
      : { kind: 'consent', consentIds: ['consent-1'], covered: ['indicators', 'identity', 'protection'] },
    deadlines: deadlinesFor(DEFAULT_DEADLINE_POLICY, world.now),
  });
  const id = () => randomUUID();
  const note = (text: string): ReferralNote => ({
    subject: childSubject(caseId),
    fields: { text: ciphertext(text) },
  });
  const history: History = {
    caseId,
    full: id(),
    declined: id(),
    revoked: id(),
    draftInError: id(),
    sentInError: id(),
  };

  const full = history.full;
  await world.later(1).act(S, draft(full));
  await world.later(1).act(S, send(full));
  const sentAt = world.now;
  const acknowledgeBy = deadlinesFor(DEFAULT_DEADLINE_POLICY, sentAt).acknowledgeBy;
  await world
    .later(24)
    .act(SYSTEM, { type: 'RemindOverdue', referralId: full, step: 'acknowledge', dueAt: acknowledgeBy });
  await world
    .at(acknowledgeBy)
    .act(SYSTEM, { type: 'EscalateOverdue', referralId: full, step: 'acknowledge', dueAt: acknowledgeBy });
  await world.later(1).act(R, { type: 'AcknowledgeReferral', referralId: full });
  await world.later(1).act(R, { type: 'AcceptReferral', referralId: full });
  await world.later(1).act(R, {
    type: 'ReportFollowUp',
    referralId: full,
    followUpId: 'fu-1',
    services: ['psychosocial'],
    status: 'provided',
    note: note(MARKERS.followUpNote),
  });
  await world.later(1).act(S, {
    type: 'ReportFollowUp',
    referralId: full,
    followUpId: 'fu-2',
    services: ['family_reunification'],
    status: 'planned',
  });
  await world.later(1).act(R, {
    type: 'RequestTransfer',
    referralId: full,
    transferId: 'transfer-1',
    to: institution(transferee),
    reason: 'other',
    note: note(MARKERS.transferReason),
  });
  await world.later(1).act(T, {
    type: 'DeclineTransfer',
    referralId: full,
    transferId: 'transfer-1',
    reason: 'other',
    note: note(MARKERS.declineTransferReason),
  });
  await world.later(1).act(SYSTEM, {
    type: 'NotifyConsentWithdrawal',
    referralId: full,
    consentId: 'consent-1',
    categories: ['identity'],
    acknowledgeBy: withdrawalDeadlineFor(DEFAULT_DEADLINE_POLICY, world.now),
  });
  await world.later(1).act(R, { type: 'AcknowledgeConsentWithdrawal', referralId: full });
  await world.later(1).act(R, {
    type: 'RequestTransfer',
    referralId: full,
    transferId: 'transfer-2',
    to: institution(transferee),
    reason: 'family_located',
  });
  await world.later(1).act(T, { type: 'AcceptTransfer', referralId: full, transferId: 'transfer-2' });
  await world.later(1).act(T, { type: 'CloseReferral', referralId: full, outcome: 'reunified' });

  await world.later(1).act(S, draft(history.declined));
  await world.later(1).act(S, send(history.declined));
  await world.later(1).act(R, {
    type: 'DeclineReferral',
    referralId: history.declined,
    reason: 'no_capacity',
    note: note(MARKERS.declineNote),
  });

  await world.later(1).act(S, draft(history.revoked));
  await world.later(1).act(S, send(history.revoked, true));
  await world.later(1).act(S, {
    type: 'RevokeReferral',
    referralId: history.revoked,
    reason: 'other',
    note: note(MARKERS.revokeReason),
  });

  await world.later(1).act(S, draft(history.draftInError));
  await world.later(1).act(S, { type: 'UpdateDraft', referralId: history.draftInError, urgency: 'routine' });
  await world.later(1).act(S, {
    type: 'MarkEnteredInError',
    referralId: history.draftInError,
    reason: 'wrong_case',
  });

  await world.later(1).act(S, draft(history.sentInError));
  await world.later(1).act(S, send(history.sentInError));
  await world.later(1).act(S, {
    type: 'MarkEnteredInError',
    referralId: history.sentInError,
    reason: 'other',
    note: note(MARKERS.errorReason),
  });
  return history;
}
