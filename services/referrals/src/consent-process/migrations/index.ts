import { CreateCaseReferrals1767225600000 } from './1767225600000-create-case-referrals';

/** The consent process's migrations (schema `referrals_read`), oldest first. */
export const CONSENT_PROCESS_MIGRATIONS = [CreateCaseReferrals1767225600000];
