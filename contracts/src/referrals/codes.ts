/**
 * The code lists the referral contracts publish. They are the referral service's stable codes
 * (`services/referrals/src/shared/vocabulary.ts`, `.../referrals/domain/codes.ts` and `status.ts`, the cases'
 * `indicator-values.ts`), repeated here because a contract cannot import a service; the service's
 * `referral-contract-codes.spec.ts` fails when the two lists drift apart. Codes only: labels are the
 * service's (es/en), documented in docs/referrals.md and docs/referrals-indicators.md.
 */

export const REFERRAL_STATUS_CODES = [
  'draft',
  'requested',
  'acknowledged',
  'accepted',
  'in_progress',
  'completed',
  'declined',
  'revoked',
  'entered_in_error',
] as const;

/** HL7 FHIR R4 `Task.status` of each referral status. */
export const FHIR_TASK_STATUS_CODES = [
  'draft',
  'requested',
  'received',
  'accepted',
  'in-progress',
  'completed',
  'rejected',
  'cancelled',
  'entered-in-error',
] as const;

export const DATA_CATEGORY_CODES = [
  'identity',
  'family',
  'indicators',
  'health',
  'protection',
  'assessments',
  'narrative',
] as const;

export const FOLLOW_UP_SERVICE_CODES = [
  'psychosocial',
  'health',
  'education',
  'documentation',
  'legal',
  'family_reunification',
  'shelter',
  'family_tracing',
  'consular_assistance',
  'safe_return',
  'international_protection',
] as const;

export const URGENCY_CODES = ['routine', 'urgent'] as const;

export const DECLINE_REASON_CODES = [
  'outside_mandate',
  'no_capacity',
  'child_not_found',
  'duplicate',
  'other',
] as const;

/** Why the sending institution revoked a sent referral. */
export const REVOKE_REASON_CODES = [
  'child_located_elsewhere',
  'family_reunified',
  'no_longer_needed',
  'wrong_institution',
  'came_of_age',
  'other',
] as const;

/** Why a referral should never have existed. */
export const ENTERED_IN_ERROR_REASON_CODES = [
  'wrong_case',
  'wrong_institution',
  'duplicate',
  'test_record',
  'other',
] as const;

/** Why the receiving institution proposes a transfer to a third country. */
export const TRANSFER_REASON_CODES = [
  'child_moved',
  'family_located',
  'services_available',
  'other',
] as const;

export const FOLLOW_UP_STATUS_CODES = ['planned', 'provided', 'not_available'] as const;

export const CLOSE_OUTCOME_CODES = [
  'services_delivered',
  'reunified',
  'returned_safely',
  'locally_integrated',
  'transferred',
  'lost_contact',
  'came_of_age',
  'other',
] as const;

export const DEADLINE_STEP_CODES = ['acknowledge', 'decide', 'withdrawal'] as const;

export const ESCALATION_TARGET_CODES = ['backup_focal_point', 'secretariat'] as const;

/** The non-identifying registration indicators a referral event carries (docs/referrals-indicators.md). */
export const AGE_BAND_CODES = ['0-5', '6-11', '12-14', '15-17'] as const;
export const SEX_CODES = ['female', 'male', 'other', 'unknown'] as const;
export const MIGRATION_STAGE_CODES = ['in_transit', 'at_destination', 'returned', 'unknown'] as const;
export const ACCOMPANIMENT_CODES = ['unaccompanied', 'separated', 'accompanied'] as const;
export const INTERNATIONAL_PROTECTION_NEED_CODES = [
  'asylum_seeker',
  'refugee',
  'stateless',
  'trafficking_victim',
  'violence_victim',
  'none_identified',
  'not_yet_assessed',
] as const;

/** What a national system may answer on `crm.<C>.in.referrals`, one action per message. */
export const RESPONSE_ACTIONS = [
  'acknowledge',
  'accept',
  'decline',
  'update',
  'close',
  'acknowledge_withdrawal',
] as const;
export type ResponseAction = (typeof RESPONSE_ACTIONS)[number];
