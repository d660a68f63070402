import { readState } from '@crm/decider';
import { DEADLINE_MIGRATIONS, Deadlines } from '@crm/deadlines';
import type { EventStore } from '@crm/event-store';
import type { Projection } from '@crm/projection';
import { parseReferralStreamName, referralDecider, REFERRAL_STREAM_CATEGORY } from '../referrals/domain';
import { referralDeadlines } from './referral-timers';

/** The referral service's own schema: its deadlines table and the projection's checkpoint live there. */
export const REFERRALS_SCHEMA = 'referrals';

/** The projection's name (its checkpoint), also the deadline runner's (logs, readiness, metrics). */
export const REFERRAL_DEADLINES = 'referrals.deadlines';

/**
 * Keeps `referrals.deadlines` equal to what each referral's state needs: on every event of a `referral-<id>`
 * stream it folds the stream with the referral decider (`readState`: the stream as stored now, so a projection
 * that is behind reconciles the newest state at once) and reconciles the stream's pending deadlines to
 * `pendingTimers(state)` at that revision, in the transaction that also records the event and the checkpoint.
 * So the acknowledgement that closes a step cancels its reminder and escalation in the same transaction that
 * records the acknowledgement here, a closed or revoked referral has no pending timer left, and an escalation
 * schedules the timers of its new due instant.
 *
 * Replays are harmless: every row carries the revision it was computed from, an older one never moves or
 * cancels a newer one, and fired or cancelled keys stay closed. The deadlines table is therefore NOT among
 * `tables`: a rebuild must not truncate it (every past timer would fire again).
 */
export function referralDeadlinesProjection(store: Pick<EventStore, 'readStream'>): Projection {
  const deadlines = new Deadlines(REFERRALS_SCHEMA);
  return {
    name: REFERRAL_DEADLINES,
    filter: { streamPrefixes: [`${REFERRAL_STREAM_CATEGORY}-`] },
    tables: [],
    migrations: DEADLINE_MIGRATIONS,
    async handle(event, manager) {
      if (parseReferralStreamName(event.streamName) === null) return;
      const { state, revision } = await readState(store, event.streamName, referralDecider);
      await deadlines.reconcile(
        manager,
        event.streamName,
        referralDeadlines(event.streamName, state, revision),
        {
          revision,
        },
      );
    },
  };
}
