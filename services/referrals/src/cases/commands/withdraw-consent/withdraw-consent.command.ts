import { ServiceCommand } from '@crm/service-kit';
import type { CaseView } from '../../case-view';

export interface WithdrawConsentInput {
  caseId: string;
  consentId: string;
  /** A code of WITHDRAWAL_REASONS (never free text about the child). */
  reason?: string;
}

/** Withdraw a consent for good (always allowed, also on a closed case: the child's right). Operation `referrals.case.consent`. */
export class WithdrawConsentCommand extends ServiceCommand<WithdrawConsentInput, CaseView> {}
