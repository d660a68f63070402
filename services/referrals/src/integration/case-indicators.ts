/**
 * The case indicators a `referrals.referral.sent.v1` carries. `ReferralSent` does not repeat them (they are
 * the case's, on `referralCase-<caseId>`), so the relay reads the case stream as it stood when the referral
 * was sent, and publishes only the NON-identifying subset the referral discloses: the registration codes
 * when the `indicators` category is shared, the international-protection needs when `protection` is. Health
 * needs and everything identifying never travel: the recipient pulls them from the disclosed view.
 */
import type { ReferralIndicatorsV1, ReferralSentV1 } from '@crm/contracts';
import { toDomainEvent } from '@crm/decider';
import type { EventStore, Position } from '@crm/event-store';
import {
  caseStreamName,
  evolveCase,
  INDICATOR_DEFINITIONS,
  initialCaseState,
  isCaseId,
  type CaseEvent,
  type CaseIndicators,
  type IndicatorField,
} from '../cases/domain';
import type { DataCategory } from '../shared/vocabulary';

/** The indicators of the event's `indicators` object: codes that identify no one (no age in years, no date, no place). */
export const PUBLISHED_INDICATOR_FIELDS = [
  'ageBand',
  'sex',
  'nationality',
  'countryOfOrigin',
  'countryOfDetection',
  'countryOfDestination',
  'migrationStage',
  'accompaniment',
  'needsInterpreter',
] as const satisfies readonly (keyof ReferralIndicatorsV1 & IndicatorField)[];

/** The protection-needs indicator, published as `protectionNeeds` under its own category. */
const PROTECTION_NEEDS_FIELD = 'internationalProtectionNeeds' satisfies IndicatorField;

/**
 * The case's indicators just before global `position` (the referral's `ReferralSent`): the same on every
 * republish, whatever was corrected since. null when the case id is not one of the case streams' or the case
 * had no indicators then.
 */
export async function caseIndicatorsBefore(
  store: Pick<EventStore, 'readStream'>,
  caseId: string,
  position: Position,
): Promise<CaseIndicators | null> {
  if (!isCaseId(caseId)) return null;
  const events = await store.readStream(caseStreamName(caseId), { direction: 'forwards', fromRevision: 0 });
  let state = initialCaseState();
  for (const e of events) {
    if (e.position >= position) break;
    state = evolveCase(state, toDomainEvent<CaseEvent>(e));
  }
  return state.indicators;
}

/** What of `indicators` the recipients of a referral sharing `shared` may receive through Kafka. */
export function publishedIndicators(
  indicators: CaseIndicators | null,
  shared: readonly DataCategory[],
): Pick<ReferralSentV1, 'indicators' | 'protectionNeeds'> {
  if (!indicators) return {};
  const sharedField = (field: IndicatorField) => shared.includes(INDICATOR_DEFINITIONS[field].category);
  const out: Pick<ReferralSentV1, 'indicators' | 'protectionNeeds'> = {};
  if (PUBLISHED_INDICATOR_FIELDS.every(sharedField)) {
    out.indicators = Object.fromEntries(
      PUBLISHED_INDICATOR_FIELDS.map((f) => [f, indicators[f]]),
    ) as ReferralIndicatorsV1;
  }
  if (sharedField(PROTECTION_NEEDS_FIELD)) out.protectionNeeds = [...indicators[PROTECTION_NEEDS_FIELD]];
  return out;
}
