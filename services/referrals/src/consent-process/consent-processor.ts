import { fold, readState, toDomainEvent } from '@crm/decider';
import type { EventStore, RecordedEvent } from '@crm/event-store';
import { caseDecider, caseStreamName, parseCaseStreamName, type CaseEvent } from '../cases/domain';
import { NotifyConsentWithdrawalCommand } from '../referrals/commands/notify-consent-withdrawal/notify-consent-withdrawal.command';
import { referralDecider, referralStreamName, type ReferralDrafted } from '../referrals/domain';
import { calendarDateOf } from '../shared/formats';
import type { CaseReferralsTable } from './case-referrals-table';
import { withdrawalNotices } from './withdrawal-notices';

/** The events the consent process follows: which referrals a case has, and the consent changes of cases. */
export const CONSENT_PROCESS_EVENT_TYPES = ['ReferralDrafted', 'ConsentNarrowed', 'ConsentWithdrawn'];

/** How a notice is sent: the service's CommandBus (`commandBus.execute`). */
export type DispatchNotice = (command: NotifyConsentWithdrawalCommand) => Promise<unknown>;

/**
 * The consent-withdrawal process of the referral service, one event at a time:
 * - `ReferralDrafted`: remember that the referral refers the case;
 * - `ConsentNarrowed` / `ConsentWithdrawn` on `referralCase-<caseId>`: fold the case just before and just
 *   after the event, read each of the case's referrals, and dispatch `NotifyConsentWithdrawal` to every one
 *   whose basis includes that consent and loses categories (`withdrawalNotices`). Each command's id is the case
 *   event's id and the referral's id, so a redelivered or replayed event notifies nobody twice; its causation is
 *   the case event.
 */
export class ConsentProcessor {
  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly dispatch: DispatchNotice,
  ) {}

  async handle(event: RecordedEvent, table: CaseReferralsTable): Promise<void> {
    if (event.type === 'ReferralDrafted') {
      const data = (event.data ?? {}) as Partial<ReferralDrafted['data']>;
      if (data.caseId && data.referralId)
        await table.add({
          caseId: data.caseId,
          referralId: data.referralId,
          draftedAt: event.metadata.occurredAt,
        });
      return;
    }
    if (event.type !== 'ConsentNarrowed' && event.type !== 'ConsentWithdrawn') return;
    const caseId = parseCaseStreamName(event.streamName);
    if (caseId === null) return;
    const referralIds = await table.referralsOf(caseId);
    if (referralIds.length === 0) return;
    const history = (await this.store.readStream(caseStreamName(caseId)))
      .filter((e) => e.revision <= event.revision)
      .map((e) => toDomainEvent<CaseEvent>(e));
    const change = history.at(-1)!;
    const before = fold(caseDecider, history.slice(0, -1));
    const after = caseDecider.evolve(before, change);
    const referrals = await Promise.all(
      referralIds.map(
        async (id) => (await readState(this.store, referralStreamName(id), referralDecider)).state,
      ),
    );
    const on = calendarDateOf(new Date(event.metadata.occurredAt));
    for (const notice of withdrawalNotices(before, after, change, referrals, on)) {
      await this.dispatch(
        new NotifyConsentWithdrawalCommand(notice, {
          commandId: `${event.metadata.eventId}:${notice.referralId}`,
          causationId: event.metadata.eventId,
          correlationId: event.metadata.correlationId,
        }),
      );
    }
  }
}
