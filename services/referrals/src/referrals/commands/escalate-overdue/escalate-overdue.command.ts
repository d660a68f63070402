import { ServiceCommand } from '@crm/service-kit';
import type { ReferralView } from '../../referral-view';
import type { OverdueInput } from '../remind-overdue/remind-overdue.command';

/**
 * System (the deadline runner): a step's due instant passed; escalate one level (`ReferralEscalated`: level 1 to
 * the receiving institution's backup focal point with the same window again, level 2 to the Secretariat, the
 * last). Sent only as REFERRALS_SYSTEM_PRINCIPAL (403 `referral.system_only` otherwise); `options.commandId` is
 * the deadline key and `options.expectedRevision` the revision the timer was scheduled at (412 when stale).
 */
export class EscalateOverdueCommand extends ServiceCommand<OverdueInput, ReferralView> {}
