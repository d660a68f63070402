import { ServiceCommand } from '@crm/service-kit';
import type { ReferralView } from '../../referral-view';

export interface AcknowledgeReferralInput {
  referralId: string;
}

/**
 * The receiving institution acknowledges the sent referral (FHIR: received); closes the acknowledgement deadline. Role: case worker of the receiving institution or its country's national system.
 * Operation `referrals.referral.act` on the referral.
 */
export class AcknowledgeReferralCommand extends ServiceCommand<AcknowledgeReferralInput, ReferralView> {}
