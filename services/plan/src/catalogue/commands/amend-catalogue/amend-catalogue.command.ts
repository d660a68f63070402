import type { LocalizedText } from '@crm/kernel';
import { ServiceCommand } from '@crm/service-kit';
import type { CatalogueSummary } from '../../catalogue-view';
import type { Activity, Reason, ScheduleValue } from '../../domain';

/** One amendment of a plan's catalogue. */
export type AmendmentInput =
  | { type: 'add'; activity: Activity; reason: Reason }
  | { type: 'reword'; activityId: string; text: LocalizedText; reason: Reason }
  | { type: 'retire'; activityId: string; reason: Reason }
  | { type: 'changeSchedule'; activityId: string; year: number; value: ScheduleValue | null; reason: Reason };

/** The amendment, and the plan whose catalogue it amends (default: the plan imported at start, DEFAULT_PLAN_ID). */
export type AmendCatalogueInput = AmendmentInput & { planId?: string };

/**
 * Secretariat coordinator: add, reword, retire an activity or change its schedule in a plan's catalogue.
 * Operation `plan.catalogue.amend`.
 */
export class AmendCatalogueCommand extends ServiceCommand<AmendCatalogueInput, CatalogueSummary> {}
