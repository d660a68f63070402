import type { EventStore } from '@crm/event-store';
import type { CountryCode, LocalizedText } from '@crm/kernel';
import { calendarDateOf } from '../shared/formats';
import { isErasedSubject } from '../shared/personal-data';
import { INSTITUTION_KINDS, type InstitutionKind } from '../shared/vocabulary';
import {
  DEACTIVATION_REASONS,
  focalPointSubject,
  staleSince,
  type DeactivationReason,
  type FocalPoint,
  type FocalPointRole,
  type InstitutionState,
  type InstitutionStatus,
} from './domain';
import type { LoadedInstitution } from './directory-reader';

/**
 * What the directory's API answers about an entry. No focal point's name, email or phone (an adult's personal
 * data, kept encrypted): those only through `GET /referrals/institutions/:id/contacts?purpose=`, recorded in
 * the access log. `contactErased` says the person's contact was erased (its key destroyed): the institution
 * should name another focal point.
 */
export interface InstitutionView {
  stream: string;
  /** The stream's last revision: what to send as `If-Match`. */
  revision: number;
  institutionId: string;
  country: CountryCode;
  kind: InstitutionKind;
  kindLabel: LocalizedText;
  name: LocalizedText;
  status: Exclude<InstitutionStatus, 'none'>;
  /** The entry's version (1 at registration, +1 per change). */
  version: number;
  verifiedOn: string;
  /** The first day the entry counts as stale (last verification older than `maxAgeDays`), or null. */
  staleSince: string | null;
  maxAgeDays: number;
  deactivationReason: DeactivationReason | null;
  deactivationReasonLabel: LocalizedText | null;
  focalPoints: FocalPointView[];
  updatedAt: string | null;
}

export interface FocalPointView {
  role: FocalPointRole;
  focalPointId: string;
  languages: string[];
  contactErased: boolean;
}

/** One line of a directory list (no focal point at all beyond their working languages). */
export type InstitutionSummary = Omit<InstitutionView, 'focalPoints' | 'stream'> & {
  /** The languages the institution's focal points work in. */
  languages: string[];
};

/** What a view is built from: an entry's stream name, last revision and fold. */
export type EntryStream = Pick<LoadedInstitution, 'streamName' | 'revision' | 'state'>;

/** Days after its last verification an entry counts as stale unless the request says otherwise. */
export const DEFAULT_DIRECTORY_MAX_AGE_DAYS = 180;

export interface ViewOptions {
  now: Date;
  maxAgeDays?: number;
}

/** The two focal points of an entry with their roles, intake first. */
export function focalPointsOf(state: InstitutionState): Array<{ role: FocalPointRole; point: FocalPoint }> {
  if (!state.entry) return [];
  return [
    { role: 'intake', point: state.entry.intake },
    { role: 'backup', point: state.entry.backup },
  ];
}

function summaryOf(loaded: EntryStream, options: ViewOptions): Omit<InstitutionSummary, 'languages'> {
  const { state } = loaded;
  const entry = state.entry;
  if (!entry || state.status === 'none') throw new Error('summaryOf: the entry is not registered');
  const maxAgeDays = options.maxAgeDays ?? DEFAULT_DIRECTORY_MAX_AGE_DAYS;
  return {
    revision: loaded.revision,
    institutionId: entry.institutionId,
    country: entry.country,
    kind: entry.kind,
    kindLabel: INSTITUTION_KINDS[entry.kind],
    name: entry.name,
    status: state.status,
    version: state.version,
    verifiedOn: entry.verifiedOn,
    staleSince: staleSince(state, calendarDateOf(options.now), maxAgeDays),
    maxAgeDays,
    deactivationReason: state.deactivationReason,
    deactivationReasonLabel: state.deactivationReason ? DEACTIVATION_REASONS[state.deactivationReason] : null,
    updatedAt: state.updatedAt,
  };
}

/** A list line: the entry without its focal points, with the languages they work in. */
export function toInstitutionSummary(loaded: EntryStream, options: ViewOptions): InstitutionSummary {
  const languages = [...new Set(focalPointsOf(loaded.state).flatMap((f) => f.point.languages))];
  return { ...summaryOf(loaded, options), languages };
}

/** The full view of one entry; whether each focal point's contact was erased is read from its erasure record. */
export async function toInstitutionView(
  store: Pick<EventStore, 'readStream'>,
  loaded: EntryStream,
  options: ViewOptions,
): Promise<InstitutionView> {
  const focalPoints = await Promise.all(
    focalPointsOf(loaded.state).map(async ({ role, point }) => ({
      role,
      focalPointId: point.focalPointId,
      languages: point.languages,
      contactErased: await isErasedSubject(store, focalPointSubject(point.focalPointId)),
    })),
  );
  return { stream: loaded.streamName, ...summaryOf(loaded, options), focalPoints };
}
