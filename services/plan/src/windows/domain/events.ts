import type { DomainEvent } from '@crm/decider';
import type { MultilingualText } from '../../reports/domain/text';
import type { ReportingWindow } from './window';

export type WindowScheduled = DomainEvent<
  'WindowScheduled',
  ReportingWindow & { reason: MultilingualText | null; scheduledAt: string; scheduledBy: string }
>;
export type WindowChanged = DomainEvent<
  'WindowChanged',
  ReportingWindow & {
    previous: { opensAt: string; closesAt: string };
    reason: MultilingualText;
    changedAt: string;
    changedBy: string;
  }
>;

export type WindowEvent = WindowScheduled | WindowChanged;
