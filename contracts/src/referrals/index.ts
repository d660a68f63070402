import { referralFollowUpReportedV1, referralSentV1, referralStatusChangedV1 } from './referral-events';
import { referralEscalatedV1, referralReminderSentV1 } from './deadline-events';
import { referralTransferDecidedV1, referralTransferRequestedV1 } from './transfer-events';
import {
  referralConsentWithdrawalAcknowledgedV1,
  referralConsentWithdrawalNotifiedV1,
} from './withdrawal-events';
import { referralResponseOutcomeV1, referralResponseRequestedV1 } from './response';

export * from './codes';
export { referralViewPath, VIEW_PATH_PATTERN } from './blocks';
export * from './referral-events';
export * from './deadline-events';
export * from './transfer-events';
export * from './withdrawal-events';
export * from './response';

/** The referral service's contracts (every one free of child personal data: PERSONAL_DATA_FIELDS `[]`). */
export const REFERRALS_CONTRACTS = [
  referralSentV1,
  referralStatusChangedV1,
  referralFollowUpReportedV1,
  referralReminderSentV1,
  referralEscalatedV1,
  referralTransferRequestedV1,
  referralTransferDecidedV1,
  referralConsentWithdrawalNotifiedV1,
  referralConsentWithdrawalAcknowledgedV1,
  referralResponseRequestedV1,
  referralResponseOutcomeV1,
] as const;
