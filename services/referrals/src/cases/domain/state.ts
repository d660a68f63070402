import type { CountryCode } from '@crm/kernel';
import type { BestInterestsRecord } from './best-interests';
import type {
  CaseClosureOutcome,
  ConsentForm,
  ConsentGiver,
  InterviewPurpose,
  WithdrawalReason,
} from './case-codes';
import type { ConsentScope } from './consent-scope';
import type { CaseEvent } from './events';
import type { ChildIdentifyingData } from './identifying';
import type { CaseIndicators } from './indicators';

/** A consent as it stands, with the scope it was given with (what was shared on its basis). */
export interface ConsentRecord {
  consentId: string;
  givenBy: ConsentGiver;
  form: ConsentForm;
  /** The scope now, after any narrowing. */
  scope: ConsentScope;
  /** The scope as first recorded. */
  originalScope: ConsentScope;
  /** The UTC date it was recorded: it covers nothing before. */
  recordedOn: string;
  recordedAt: string;
  narrowings: number;
  withdrawal: { reason: WithdrawalReason | null; withdrawnAt: string; withdrawnBy: string } | null;
}

export interface InterviewRecord {
  interviewId: string;
  institutionId: string;
  conductedOn: string;
  purpose: InterviewPurpose;
  recordedAt: string;
  recordedBy: string;
}

export type CaseStatus = 'none' | 'open' | 'closed';

export interface CaseState {
  status: CaseStatus;
  caseId: string | null;
  /** The owning (registering) country. */
  country: CountryCode | null;
  /** The handling institution, of the owning country. */
  institutionId: string | null;
  indicators: CaseIndicators | null;
  identifying: ChildIdentifyingData | null;
  /** In the order recorded. */
  bestInterests: BestInterestsRecord[];
  consents: ConsentRecord[];
  interviews: InterviewRecord[];
  closure: { outcome: CaseClosureOutcome; closedAt: string; closedBy: string } | null;
  registeredAt: string | null;
  updatedAt: string | null;
}

export function initialCaseState(): CaseState {
  return {
    status: 'none',
    caseId: null,
    country: null,
    institutionId: null,
    indicators: null,
    identifying: null,
    bestInterests: [],
    consents: [],
    interviews: [],
    closure: null,
    registeredAt: null,
    updatedAt: null,
  };
}

/** Applies one event. Unknown event types leave the state as it is (forward compatibility). */
export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'CaseRegistered': {
      const { caseId, country, institutionId, indicators, identifying, registeredAt } = event.data;
      return {
        ...initialCaseState(),
        status: 'open',
        caseId,
        country,
        institutionId,
        indicators,
        identifying,
        registeredAt,
        updatedAt: registeredAt,
      };
    }
    case 'IndicatorsUpdated':
      return { ...state, indicators: event.data.indicators, updatedAt: event.data.updatedAt };
    case 'IdentifyingDataCorrected': {
      const fields = { ...state.identifying?.fields, ...event.data.identifying.fields };
      for (const f of event.data.removed) delete fields[f];
      return {
        ...state,
        identifying: { subject: event.data.identifying.subject, fields },
        updatedAt: event.data.correctedAt,
      };
    }
    case 'BestInterestsRecorded': {
      const { caseId: _caseId, ...record } = event.data;
      return { ...state, bestInterests: [...state.bestInterests, record], updatedAt: record.recordedAt };
    }
    case 'ConsentRecorded': {
      const { consentId, givenBy, form, scope, recordedAt } = event.data;
      const consent: ConsentRecord = {
        consentId,
        givenBy,
        form,
        scope,
        originalScope: scope,
        recordedOn: recordedAt.slice(0, 10),
        recordedAt,
        narrowings: 0,
        withdrawal: null,
      };
      return { ...state, consents: [...state.consents, consent], updatedAt: recordedAt };
    }
    case 'ConsentNarrowed':
      return {
        ...withConsent(state, event.data.consentId, (c) => ({
          ...c,
          scope: event.data.scope,
          narrowings: c.narrowings + 1,
        })),
        updatedAt: event.data.narrowedAt,
      };
    case 'ConsentWithdrawn': {
      const { reason, withdrawnAt, withdrawnBy } = event.data;
      return {
        ...withConsent(state, event.data.consentId, (c) => ({
          ...c,
          withdrawal: { reason, withdrawnAt, withdrawnBy },
        })),
        updatedAt: withdrawnAt,
      };
    }
    case 'InterviewRecorded': {
      const { caseId: _caseId, ...interview } = event.data;
      return { ...state, interviews: [...state.interviews, interview], updatedAt: interview.recordedAt };
    }
    case 'CaseClosed': {
      const { outcome, closedAt, closedBy } = event.data;
      return { ...state, status: 'closed', closure: { outcome, closedAt, closedBy }, updatedAt: closedAt };
    }
    default:
      return state;
  }
}

function withConsent(
  state: CaseState,
  consentId: string,
  change: (consent: ConsentRecord) => ConsentRecord,
): CaseState {
  return { ...state, consents: state.consents.map((c) => (c.consentId === consentId ? change(c) : c)) };
}

/** The consent with this id, or undefined. */
export function findConsent(state: CaseState, consentId: string): ConsentRecord | undefined {
  return state.consents.find((c) => c.consentId === consentId);
}
