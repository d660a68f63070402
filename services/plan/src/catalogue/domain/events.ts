/** Commands, events and state of a plan-catalogue stream (one stream per plan: `planCatalogue-<planId>`). */
import type { DomainEvent } from '@crm/decider';
import type { LocalizedText } from '@crm/kernel';
import type { Activity, PlanCatalogue, ScheduleValue } from './catalogue.types';

export const CATALOGUE_STREAM_CATEGORY = 'planCatalogue';
export function catalogueStreamId(planId: string): string {
  return `${CATALOGUE_STREAM_CATEGORY}-${planId}`;
}

/** Why an amendment is made: free text in Spanish and/or English (at least one). */
export type Reason = Partial<LocalizedText>;

export type CatalogueCommand =
  | { type: 'ImportCatalogue'; catalogue: PlanCatalogue; reason: Reason }
  | { type: 'AddActivity'; planId: string; activity: Activity; reason: Reason }
  | { type: 'RewordActivity'; planId: string; activityId: string; text: LocalizedText; reason: Reason }
  | { type: 'RetireActivity'; planId: string; activityId: string; reason: Reason }
  | {
      type: 'ChangeSchedule';
      planId: string;
      activityId: string;
      year: number;
      value: ScheduleValue | null;
      reason: Reason;
    };

/** Fields every catalogue event carries. `version` is the catalogue version the event produces. */
interface Stamp {
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

/** One entry of the amendment history (every event after the import, in order). */
export interface Amendment {
  version: number;
  type: Exclude<CatalogueEvent['type'], 'CatalogueImported'>;
  activityId: string;
  reason: Reason;
  at: string;
  by: string;
  /** For rewordings and schedule changes: the value before and after. */
  change?: { year?: number; from: unknown; to: unknown };
}

export interface RetiredInfo {
  version: number;
  reason: Reason;
  at: string;
  by: string;
}

export interface CatalogueState {
  /** null until the catalogue has been imported. Retired activities stay in `catalogue.activities`. */
  catalogue: PlanCatalogue | null;
  version: number;
  importedAt: string | null;
  retired: Record<string, RetiredInfo>;
  history: Amendment[];
}
