import type { CountryCode, LocalizedText } from '@crm/kernel';
import type { InstitutionKind } from '../../shared/vocabulary';
import type { DeactivationReason } from './deactivation';
import type { InstitutionEvent } from './events';
import type { FocalPoint } from './focal-point';

/** `none` until registered; a deactivated institution receives no referrals until reactivated. */
export type InstitutionStatus = 'none' | 'active' | 'deactivated';

export interface InstitutionEntry {
  institutionId: string;
  country: CountryCode;
  kind: InstitutionKind;
  name: LocalizedText;
  intake: FocalPoint;
  backup: FocalPoint;
  /** The date the entry was last checked with the institution. */
  verifiedOn: string;
}

export interface InstitutionState {
  status: InstitutionStatus;
  /** Null until registered. */
  entry: InstitutionEntry | null;
  /** 0 until registered, then +1 per event. */
  version: number;
  deactivationReason: DeactivationReason | null;
  /** Time of the last change (the decision clock of its event). */
  updatedAt: string | null;
}

export function initialInstitutionState(): InstitutionState {
  return { status: 'none', entry: null, version: 0, deactivationReason: null, updatedAt: null };
}

/** Applies one event. Unknown event types leave the state as it is (forward compatibility). */
export function evolveInstitution(state: InstitutionState, event: InstitutionEvent): InstitutionState {
  switch (event.type) {
    case 'InstitutionRegistered': {
      const { institutionId, country, kind, name, intake, backup, verifiedOn, version } = event.data;
      return {
        status: 'active',
        entry: { institutionId, country, kind, name, intake, backup, verifiedOn },
        version,
        deactivationReason: null,
        updatedAt: event.data.registeredAt,
      };
    }
    case 'InstitutionUpdated':
      return withEntry(state, event.data.version, event.data.updatedAt, event.data.changes);
    case 'InstitutionVerified':
      return withEntry(state, event.data.version, event.data.recordedAt, {
        verifiedOn: event.data.verifiedOn,
      });
    case 'InstitutionDeactivated':
      return {
        ...state,
        status: 'deactivated',
        deactivationReason: event.data.reason,
        version: event.data.version,
        updatedAt: event.data.deactivatedAt,
      };
    case 'InstitutionReactivated':
      return {
        ...state,
        status: 'active',
        deactivationReason: null,
        version: event.data.version,
        updatedAt: event.data.reactivatedAt,
      };
    default:
      return state;
  }
}

function withEntry(
  state: InstitutionState,
  version: number,
  at: string,
  changes: Partial<InstitutionEntry>,
): InstitutionState {
  if (!state.entry) return state;
  return { ...state, entry: { ...state.entry, ...changes }, version, updatedAt: at };
}
