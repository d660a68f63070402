import { CreateReferralPipelineTables1765000000000 } from './1765000000000-create-referral-pipeline-tables';

/** The referral pipeline read models' migrations (schema `referrals_read`), oldest first. */
export const REFERRAL_PIPELINE_MIGRATIONS = [CreateReferralPipelineTables1765000000000];
