import { isDeepStrictEqual } from 'node:util';
import { ConflictError, ValidationError, type LocalizedText } from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import { validateInstitutionId } from '../../directory/domain/institution-id';
import { validateProtectedRecord } from '../../shared/protected-record';
import { BEST_INTERESTS_PERSONAL_FIELDS } from './best-interests';
import { validateCaseId } from './case-id';
import {
  BEST_INTERESTS_CONDUCTOR_ROLES,
  BEST_INTERESTS_KINDS,
  BEST_INTERESTS_OUTCOMES,
  INTERVIEW_PURPOSES,
} from './case-codes';
import { requireCase, validateCode, validateEntryId, validatePastDate } from './checks';
import type { RecordBestInterests, RecordInterview } from './commands';
import type { CaseEvent } from './events';
import { childSubject } from './identifying';
import type { CaseState } from './state';

/** A date of something done with the child: not in the future, not before the child was detected (422). */
function dateInCase(value: unknown, state: CaseState, context: DecisionContext, what: LocalizedText): string {
  const date = validatePastDate(value, context.now, what);
  const detectedOn = state.indicators?.detectedOn;
  if (detectedOn !== undefined && date < detectedOn) {
    throw new ValidationError(
      'referral.case.date_before_detection',
      {
        es: `${what.es}: la fecha ${date} es anterior a la detección de la niña, niño o adolescente (${detectedOn}).`,
        en: `${what.en}: the date ${date} is before the child was detected (${detectedOn}).`,
      },
      { date, detectedOn },
    );
  }
  return date;
}

/** Records an assessment or a determination; the same record again records nothing, a different one under its id is refused. */
export function recordBestInterests(
  command: RecordBestInterests,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const what = { es: 'Interés superior', en: 'Best interests' };
  const caseId = validateCaseId(command.caseId);
  const recordId = validateEntryId(command.recordId, what);
  const kind = validateCode(BEST_INTERESTS_KINDS, command.kind, 'referral.case.invalid_best_interests', what);
  const outcome = validateCode(
    BEST_INTERESTS_OUTCOMES,
    command.outcome,
    'referral.case.invalid_best_interests',
    what,
  );
  if (kind === 'determination' && outcome === 'further_assessment_needed') {
    throw new ValidationError('referral.case.invalid_best_interests', {
      es: 'Una determinación del interés superior decide una solución: "se requiere más evaluación" es el resultado de una evaluación.',
      en: 'A best-interests determination decides a solution: "further assessment needed" is an assessment outcome.',
    });
  }
  const conductedBy = {
    institutionId: validateInstitutionId(command.conductedBy?.institutionId),
    role: validateCode(
      BEST_INTERESTS_CONDUCTOR_ROLES,
      command.conductedBy?.role,
      'referral.case.invalid_best_interests',
      what,
    ),
  };
  const recommendations = validateProtectedRecord(
    command.recommendations,
    { subject: childSubject(caseId), allowed: BEST_INTERESTS_PERSONAL_FIELDS, required: ['recommendations'] },
    'referral.case.invalid_best_interests',
    { es: 'Las recomendaciones', en: 'The recommendations' },
  );
  requireCase(caseId, state);
  const conductedOn = dateInCase(command.conductedOn, state, context, what);
  const record = { recordId, kind, conductedBy, conductedOn, outcome, recommendations };
  const existing = state.bestInterests.find((r) => r.recordId === recordId);
  if (existing) {
    const { recordedAt: _at, recordedBy: _by, ...same } = existing;
    if (isDeepStrictEqual(same, record)) return [];
    throw new ConflictError(
      'referral.case.record_exists',
      {
        es: `Ya hay un registro de interés superior con el identificador ${recordId}, con otro contenido; use un identificador nuevo.`,
        en: `A best-interests record with id ${recordId} already exists with other content; use a new id.`,
      },
      { recordId },
    );
  }
  if (
    kind === 'determination' &&
    !state.bestInterests.some((r) => r.kind === 'assessment' && r.conductedOn <= conductedOn)
  ) {
    throw new ConflictError(
      'referral.case.assessment_required',
      {
        es: 'Una determinación del interés superior requiere al menos una evaluación previa registrada en el caso; registre primero la evaluación.',
        en: 'A best-interests determination needs at least one prior assessment recorded on the case; record the assessment first.',
      },
      { conductedOn },
    );
  }
  return [
    {
      type: 'BestInterestsRecorded',
      data: { caseId, ...record, recordedAt: context.now.toISOString(), recordedBy: context.actor.subject },
    },
  ];
}

/** Records an interview of the child; the same interview again records nothing, a different one under its id is refused. */
export function recordInterview(
  command: RecordInterview,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const what = { es: 'Entrevista', en: 'Interview' };
  const caseId = validateCaseId(command.caseId);
  const interviewId = validateEntryId(command.interviewId, what);
  const institutionId = validateInstitutionId(command.institutionId);
  const purpose = validateCode(INTERVIEW_PURPOSES, command.purpose, 'referral.case.invalid_interview', what);
  requireCase(caseId, state);
  const conductedOn = dateInCase(command.conductedOn, state, context, what);
  const interview = { interviewId, institutionId, conductedOn, purpose };
  const existing = state.interviews.find((i) => i.interviewId === interviewId);
  if (existing) {
    const { recordedAt: _at, recordedBy: _by, ...same } = existing;
    if (isDeepStrictEqual(same, interview)) return [];
    throw new ConflictError(
      'referral.case.interview_exists',
      {
        es: `Ya hay una entrevista con el identificador ${interviewId}, con otros datos; use un identificador nuevo.`,
        en: `An interview with id ${interviewId} already exists with other details; use a new id.`,
      },
      { interviewId },
    );
  }
  return [
    {
      type: 'InterviewRecorded',
      data: {
        caseId,
        ...interview,
        recordedAt: context.now.toISOString(),
        recordedBy: context.actor.subject,
      },
    },
  ];
}
