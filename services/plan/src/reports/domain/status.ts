import type { LocalizedText } from '@crm/kernel';

/** What a country says about an activity in a period. */
export const IMPLEMENTATION_STATUSES = [
  'not_started',
  'in_progress',
  'completed',
  'delayed',
  'not_applicable',
  'suspended',
] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

export const IMPLEMENTATION_STATUS_LABELS: Record<ImplementationStatus, LocalizedText> = {
  not_started: { es: 'No iniciada', en: 'Not started' },
  in_progress: { es: 'En proceso', en: 'In progress' },
  completed: { es: 'Completada', en: 'Completed' },
  delayed: { es: 'Retrasada', en: 'Delayed' },
  not_applicable: { es: 'No aplica', en: 'Not applicable' },
  suspended: { es: 'Suspendida', en: 'Suspended' },
};

export function isImplementationStatus(value: unknown): value is ImplementationStatus {
  return typeof value === 'string' && (IMPLEMENTATION_STATUSES as readonly string[]).includes(value);
}

/**
 * Where a report is in the review workflow. `none` = no event yet. A reopened report is a `draft`
 * with `changedAfterApproval = true`.
 */
export const WORKFLOW_STATES = ['none', 'draft', 'submitted', 'approved', 'returned'] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

export const WORKFLOW_STATE_LABELS: Record<WorkflowState, LocalizedText> = {
  none: { es: 'sin informe', en: 'no report' },
  draft: { es: 'borrador', en: 'draft' },
  submitted: { es: 'enviado', en: 'submitted' },
  approved: { es: 'aprobado', en: 'approved' },
  returned: { es: 'devuelto con observaciones', en: 'returned with comments' },
};
