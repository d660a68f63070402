import type { DomainEvent } from '@crm/decider';
import type { CountryCode } from '@crm/kernel';
import type { BestInterestsRecord } from './best-interests';
import type {
  CaseClosureOutcome,
  ConsentForm,
  ConsentGiver,
  InterviewPurpose,
  WithdrawalReason,
} from './case-codes';
import type { ConsentScope, ScopeReduction } from './consent-scope';
import type { ChildIdentifyingData, ChildIdentifyingField } from './identifying';
import type { CaseIndicators, IndicatorField } from './indicators';

/**
 * A case's events. Each carries its case id, what happened and who did it (`…By`: the actor's subject from
 * the decision context; the envelope's metadata has the rest of the actor). Identifying data and
 * recommendations are ciphertexts under the child's key, never plaintext; every free-text field is one of
 * them, every other value a code, a date or an id.
 */
interface OfCase {
  caseId: string;
}

export type CaseRegistered = DomainEvent<
  'CaseRegistered',
  OfCase & {
    country: CountryCode;
    institutionId: string;
    indicators: CaseIndicators;
    identifying: ChildIdentifyingData;
    registeredAt: string;
    registeredBy: string;
  }
>;

export type IndicatorsUpdated = DomainEvent<
  'IndicatorsUpdated',
  OfCase & { indicators: CaseIndicators; changed: IndicatorField[]; updatedAt: string; updatedBy: string }
>;

export type IdentifyingDataCorrected = DomainEvent<
  'IdentifyingDataCorrected',
  OfCase & {
    /** The fields set, encrypted. */
    identifying: ChildIdentifyingData;
    removed: ChildIdentifyingField[];
    correctedAt: string;
    correctedBy: string;
  }
>;

export type BestInterestsRecorded = DomainEvent<'BestInterestsRecorded', OfCase & BestInterestsRecord>;

export type ConsentRecorded = DomainEvent<
  'ConsentRecorded',
  OfCase & {
    consentId: string;
    givenBy: ConsentGiver;
    form: ConsentForm;
    scope: ConsentScope;
    recordedAt: string;
    recordedBy: string;
  }
>;

export type ConsentNarrowed = DomainEvent<
  'ConsentNarrowed',
  OfCase & {
    consentId: string;
    previous: ConsentScope;
    scope: ConsentScope;
    /** What the consent no longer covers. */
    removed: ScopeReduction;
    narrowedAt: string;
    narrowedBy: string;
  }
>;

export type ConsentWithdrawn = DomainEvent<
  'ConsentWithdrawn',
  OfCase & { consentId: string; reason: WithdrawalReason | null; withdrawnAt: string; withdrawnBy: string }
>;

export type InterviewRecorded = DomainEvent<
  'InterviewRecorded',
  OfCase & {
    interviewId: string;
    institutionId: string;
    conductedOn: string;
    purpose: InterviewPurpose;
    recordedAt: string;
    recordedBy: string;
  }
>;

export type CaseClosed = DomainEvent<
  'CaseClosed',
  OfCase & { outcome: CaseClosureOutcome; closedAt: string; closedBy: string }
>;

export type CaseEvent =
  | CaseRegistered
  | IndicatorsUpdated
  | IdentifyingDataCorrected
  | BestInterestsRecorded
  | ConsentRecorded
  | ConsentNarrowed
  | ConsentWithdrawn
  | InterviewRecorded
  | CaseClosed;
