/** Commands of a plan-catalogue stream: import the whole plan once, then amend it activity by activity. */
import type { LocalizedText } from '@crm/kernel';
import type { Activity, PlanCatalogue, ScheduleValue } from './catalogue.types';

/** Why a change is made: free text in Spanish and/or English (at least one). */
export type Reason = Partial<LocalizedText>;

export interface ImportCatalogue {
  type: 'ImportCatalogue';
  catalogue: PlanCatalogue;
  reason: Reason;
}

export interface AddActivity {
  type: 'AddActivity';
  planId: string;
  activity: Activity;
  reason: Reason;
}

export interface RewordActivity {
  type: 'RewordActivity';
  planId: string;
  activityId: string;
  text: LocalizedText;
  reason: Reason;
}

export interface RetireActivity {
  type: 'RetireActivity';
  planId: string;
  activityId: string;
  reason: Reason;
}

export interface ChangeSchedule {
  type: 'ChangeSchedule';
  planId: string;
  activityId: string;
  year: number;
  value: ScheduleValue | null;
  reason: Reason;
}

export type CatalogueCommand =
  ImportCatalogue | AddActivity | RewordActivity | RetireActivity | ChangeSchedule;
