import { ValidationError, type LocalizedText } from '@crm/kernel';
import type { CaseState } from './state';

/**
 * Every interview is one more time a child retells what happened; the network's registration form exists to
 * avoid that re-victimisation (plan VI.1.1.4). The handling institutions see a warning once a child has
 * been interviewed `threshold` times, so that they read the recorded assessments before asking again.
 */
export const DEFAULT_INTERVIEW_THRESHOLD = 3;

/** How many interviews are recorded on the case. */
export function interviewCount(state: CaseState): number {
  return state.interviews.length;
}

/** Interviews per institution, in the order each institution first interviewed the child. */
export function interviewsByInstitution(state: CaseState): Array<{ institutionId: string; count: number }> {
  const counts = new Map<string, number>();
  for (const i of state.interviews) counts.set(i.institutionId, (counts.get(i.institutionId) ?? 0) + 1);
  return [...counts].map(([institutionId, count]) => ({ institutionId, count }));
}

export interface InterviewWarning {
  count: number;
  threshold: number;
  byInstitution: Array<{ institutionId: string; count: number }>;
  text: LocalizedText;
}

/**
 * The warning once the child has been interviewed at least `threshold` times (default 3), else null.
 * `threshold` must be a positive integer (422 otherwise).
 */
export function interviewWarning(
  state: CaseState,
  threshold: number = DEFAULT_INTERVIEW_THRESHOLD,
): InterviewWarning | null {
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new ValidationError(
      'referral.case.invalid_interview_threshold',
      {
        es: `El umbral de entrevistas debe ser un entero positivo (recibido: ${String(threshold)}).`,
        en: `The interview threshold must be a positive integer (got: ${String(threshold)}).`,
      },
      { threshold },
    );
  }
  const count = interviewCount(state);
  if (count < threshold) return null;
  return {
    count,
    threshold,
    byInstitution: interviewsByInstitution(state),
    text: {
      es: `Esta niña, niño o adolescente ya fue entrevistada/o ${count} veces (umbral: ${threshold}). Antes de otra entrevista, consulte las evaluaciones y entrevistas registradas para no revictimizarla/o.`,
      en: `This child has already been interviewed ${count} times (threshold: ${threshold}). Before another interview, read the recorded assessments and interviews so as not to re-victimise them.`,
    },
  };
}
