import { fold, readState, toDomainEvent } from '@crm/decider';
import type { EventStore, RecordedEvent } from '@crm/event-store';
import type { CountryCode } from '@crm/kernel';
import {
  directoryViewOf as viewOfStates,
  INSTITUTION_STREAM_CATEGORY,
  institutionDecider,
  institutionStreamName,
  validateInstitutionId,
  type DirectoryView,
  type InstitutionEvent,
  type InstitutionState,
} from './domain';
import { institutionNotFound } from './errors';

/**
 * Reading the institutions directory from the event store, for the directory's queries and for the handlers
 * of other contexts (a case's handling institution, a referral's institutions). No read model: an entry is
 * one short `referralInstitution-<id>` stream, and the whole directory (a few hundred entries of a handful of
 * events each) is one `readAll` on the stream category, which the PostgreSQL store answers from its
 * `(category, position)` index (and its per-country indexes when a country is given).
 */

/** One entry as stored: its stream, its last revision (-1: none) and its fold. */
export interface LoadedInstitution {
  streamName: string;
  revision: number;
  state: InstitutionState;
  /** The stream's events, oldest first. */
  events: InstitutionEvent[];
}

/** The entry `institutionId` (422 on a malformed id), registered or not. */
export async function loadInstitution(
  store: Pick<EventStore, 'readStream'>,
  institutionId: string,
): Promise<LoadedInstitution> {
  const streamName = institutionStreamName(validateInstitutionId(institutionId));
  const { state, revision, events } = await readState(store, streamName, institutionDecider);
  return { streamName, revision, state, events };
}

/** The registered entry `institutionId`, else 404 `referral.institution.not_registered`. */
export async function requireInstitution(
  store: Pick<EventStore, 'readStream'>,
  institutionId: string,
): Promise<
  LoadedInstitution & { state: InstitutionState & { entry: NonNullable<InstitutionState['entry']> } }
> {
  const loaded = await loadInstitution(store, institutionId);
  if (loaded.revision < 0 || !loaded.state.entry) throw institutionNotFound(institutionId);
  return loaded as LoadedInstitution & {
    state: InstitutionState & { entry: NonNullable<InstitutionState['entry']> };
  };
}

/**
 * Every registered entry (of `country` when given), each folded from its stream, in institution-id order.
 * The directory's events concern exactly the institution's country, so the country filter is the store's.
 */
export async function listInstitutions(
  store: Pick<EventStore, 'readAll'>,
  filter: { country?: CountryCode } = {},
): Promise<LoadedInstitution[]> {
  const recorded = await store.readAll({
    filter: {
      categories: [INSTITUTION_STREAM_CATEGORY],
      ...(filter.country ? { country: filter.country } : {}),
    },
  });
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of recorded) {
    const events = byStream.get(event.streamName) ?? [];
    events.push(event);
    byStream.set(event.streamName, events);
  }
  return [...byStream.entries()]
    .map(([streamName, recordedEvents]) => {
      const events = recordedEvents.map((e) => toDomainEvent<InstitutionEvent>(e));
      return {
        streamName,
        revision: recordedEvents[recordedEvents.length - 1].revision,
        state: fold(institutionDecider, events),
        events,
      };
    })
    .filter((loaded) => loaded.state.entry !== null)
    .sort((a, b) => (a.streamName < b.streamName ? -1 : a.streamName > b.streamName ? 1 : 0));
}

/**
 * The DirectoryView another context's decider takes (e.g. RegisterCase: the handling institution must be
 * active), resolved from the entries of `institutionIds` before deciding, so that decider stays pure: each
 * loaded id answers its status, any other id `none`. Malformed ids: 422.
 */
export async function directoryViewOf(
  store: Pick<EventStore, 'readStream'>,
  institutionIds: string | readonly string[],
): Promise<DirectoryView> {
  const ids = [...new Set(typeof institutionIds === 'string' ? [institutionIds] : institutionIds)];
  const loaded = await Promise.all(ids.map((id) => loadInstitution(store, id)));
  return viewOfStates(loaded.map((l) => l.state));
}

/** Every focal point the entry ever named (at registration or in an update), current ones included. */
export function focalPointIdsEver(events: readonly InstitutionEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    const points =
      event.type === 'InstitutionRegistered'
        ? [event.data.intake, event.data.backup]
        : event.type === 'InstitutionUpdated'
          ? [event.data.changes.intake, event.data.changes.backup]
          : [];
    for (const point of points) if (point) ids.add(point.focalPointId);
  }
  return [...ids];
}
