/** Events of a plan-catalogue stream. Every event bumps the catalogue version and carries a reason. */
import type { DomainEvent } from '@crm/decider';
import type { LocalizedText } from '@crm/kernel';
import type { Activity, PlanCatalogue, ScheduleValue } from './catalogue.types';
import type { Reason } from './commands';

/** Fields every catalogue event carries. `version` is the catalogue version the event produces. */
export interface Stamp {
  planId: string;
  version: number;
  reason: Reason;
  at: string;
  by: string;
}

export type CatalogueImported = DomainEvent<'CatalogueImported', Stamp & { catalogue: PlanCatalogue }>;
export type ActivityAdded = DomainEvent<'ActivityAdded', Stamp & { activity: Activity }>;
export type ActivityReworded = DomainEvent<
  'ActivityReworded',
  Stamp & { activityId: string; previous: LocalizedText; text: LocalizedText }
>;
export type ActivityRetired = DomainEvent<'ActivityRetired', Stamp & { activityId: string }>;
export type ScheduleChanged = DomainEvent<
  'ScheduleChanged',
  Stamp & { activityId: string; year: number; previous: ScheduleValue | null; value: ScheduleValue | null }
>;

export type CatalogueEvent =
  CatalogueImported | ActivityAdded | ActivityReworded | ActivityRetired | ScheduleChanged;
