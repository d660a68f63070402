/**
 * The referral contracts repeat the service's code lists (a contract cannot import a service): this spec
 * fails when they drift apart, in either direction, so a new code is added to the contract (and its schema
 * regenerated) in the same change, and the relay can never publish a code the contract refuses.
 */
import * as contracts from '@crm/contracts';
import {
  ACCOMPANIMENTS,
  AGE_BANDS,
  INDICATOR_DEFINITIONS,
  INTERNATIONAL_PROTECTION_NEEDS,
  MIGRATION_STAGES,
  SEXES,
} from '../cases/domain';
import {
  CLOSE_OUTCOMES,
  DECLINE_REASONS,
  DEADLINE_STEPS,
  ENTERED_IN_ERROR_REASONS,
  ESCALATION_TARGETS,
  FOLLOW_UP_STATUSES,
  REFERRAL_STATUSES,
  REVOKE_REASONS,
  TRANSFER_REASONS,
  URGENCIES,
} from '../referrals/domain';
import { DATA_CATEGORIES, FOLLOW_UP_SERVICES } from '../shared/vocabulary';
import { PUBLISHED_INDICATOR_FIELDS } from './case-indicators';

const codes = (list: object) => Object.keys(list);

describe('the referral contracts publish exactly the service codes', () => {
  it.each([
    ['statuses', contracts.REFERRAL_STATUS_CODES, codes(REFERRAL_STATUSES)],
    [
      'FHIR Task statuses',
      contracts.FHIR_TASK_STATUS_CODES,
      Object.values(REFERRAL_STATUSES).map((s) => s.fhir),
    ],
    ['data categories', contracts.DATA_CATEGORY_CODES, codes(DATA_CATEGORIES)],
    ['follow-up services', contracts.FOLLOW_UP_SERVICE_CODES, codes(FOLLOW_UP_SERVICES)],
    ['urgencies', contracts.URGENCY_CODES, codes(URGENCIES)],
    ['decline reasons', contracts.DECLINE_REASON_CODES, codes(DECLINE_REASONS)],
    ['revoke reasons', contracts.REVOKE_REASON_CODES, codes(REVOKE_REASONS)],
    ['entered-in-error reasons', contracts.ENTERED_IN_ERROR_REASON_CODES, codes(ENTERED_IN_ERROR_REASONS)],
    ['transfer reasons', contracts.TRANSFER_REASON_CODES, codes(TRANSFER_REASONS)],
    ['follow-up statuses', contracts.FOLLOW_UP_STATUS_CODES, codes(FOLLOW_UP_STATUSES)],
    ['close outcomes', contracts.CLOSE_OUTCOME_CODES, codes(CLOSE_OUTCOMES)],
    ['deadline steps', contracts.DEADLINE_STEP_CODES, codes(DEADLINE_STEPS)],
    ['escalation targets', contracts.ESCALATION_TARGET_CODES, codes(ESCALATION_TARGETS)],
    ['age bands', contracts.AGE_BAND_CODES, codes(AGE_BANDS)],
    ['sexes', contracts.SEX_CODES, codes(SEXES)],
    ['migration stages', contracts.MIGRATION_STAGE_CODES, codes(MIGRATION_STAGES)],
    ['accompaniments', contracts.ACCOMPANIMENT_CODES, codes(ACCOMPANIMENTS)],
    [
      'protection needs',
      contracts.INTERNATIONAL_PROTECTION_NEED_CODES,
      codes(INTERNATIONAL_PROTECTION_NEEDS),
    ],
  ])('%s', (_name, published, service) => {
    expect([...published]).toEqual(service);
  });

  it('the indicators object of a sent referral holds only indicators of the non-identifying "indicators" category', () => {
    for (const field of PUBLISHED_INDICATOR_FIELDS)
      expect(INDICATOR_DEFINITIONS[field].category).toBe('indicators');
    expect(Object.keys(contracts.ReferralIndicatorsV1.properties).sort()).toEqual(
      [...PUBLISHED_INDICATOR_FIELDS].sort(),
    );
    expect(INDICATOR_DEFINITIONS.internationalProtectionNeeds.category).toBe('protection');
  });
});
