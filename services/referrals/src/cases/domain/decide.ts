import { isDeepStrictEqual } from 'node:util';
import { ConflictError, isCountryCode, ValidationError } from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import { institutionCountry, validateInstitutionId } from '../../directory/domain/institution-id';
import { calendarDateOf } from '../../shared/formats';
import { caseCountry, validateCaseId } from './case-id';
import { CASE_CLOSURE_OUTCOMES } from './case-codes';
import { requireCase, validateCode } from './checks';
import type {
  CaseCommand,
  CloseCase,
  CorrectIdentifyingData,
  RegisterCase,
  UpdateIndicators,
} from './commands';
import { narrowConsent, recordConsent, withdrawConsent } from './decide-consent';
import { recordBestInterests, recordInterview } from './decide-records';
import type { CaseEvent } from './events';
import { CHILD_IDENTIFYING_FIELDS, validateIdentifying, type ChildIdentifyingField } from './identifying';
import { validateIndicators } from './indicator-validation';
import { INDICATOR_FIELDS } from './indicators';
import type { CaseState } from './state';

/**
 * One function per case command (the consent commands in decide-consent.ts, best interests and interviews
 * in decide-records.ts). Each checks the payload first (422), then the case's state (404 not registered, 409
 * already registered / closed), then its own rule. A refusal throws before anything is returned, so a
 * refused command stores nothing.
 */

/** Opens the case: owning country = the case id's prefix, handling institution of that country and active. */
export function registerCase(command: RegisterCase, state: CaseState, context: DecisionContext): CaseEvent[] {
  const caseId = validateCaseId(command.caseId);
  if (!isCountryCode(command.country) || caseCountry(caseId) !== command.country) {
    throw new ValidationError(
      'referral.case.country_mismatch',
      {
        es: `El caso ${caseId} debe ser del país que lo registra (${String(command.country)}): su identificador empieza por el código de ese país.`,
        en: `Case ${caseId} must belong to the registering country (${String(command.country)}): its id starts with that country's code.`,
      },
      { caseId, country: String(command.country) },
    );
  }
  const country = command.country;
  const institutionId = validateInstitutionId(command.institutionId);
  if (institutionCountry(institutionId) !== country) {
    throw new ValidationError(
      'referral.case.institution_country_mismatch',
      {
        es: `La institución que atiende el caso (${institutionId}) debe ser del país que lo registra (${country}).`,
        en: `The institution handling the case (${institutionId}) must be of the registering country (${country}).`,
      },
      { institutionId, country },
    );
  }
  const indicators = validateIndicators(command.indicators, calendarDateOf(context.now));
  const identifying = validateIdentifying(command.identifying, caseId);
  if (typeof command.directory?.statusOf !== 'function') {
    throw new ValidationError('referral.case.directory_required', {
      es: 'Falta la consulta al directorio de instituciones para verificar la institución que atiende el caso.',
      en: 'The institutions directory lookup needed to check the handling institution is missing.',
    });
  }
  if (state.status !== 'none') {
    throw new ConflictError(
      'referral.case.already_registered',
      {
        es: `El caso ${state.caseId} ya está registrado; para cambiarlo use los comandos de actualización.`,
        en: `Case ${state.caseId} is already registered; use the update commands to change it.`,
      },
      { caseId: state.caseId },
    );
  }
  const status = command.directory.statusOf(institutionId);
  if (status === 'none') {
    throw new ValidationError(
      'referral.case.unknown_institution',
      {
        es: `La institución ${institutionId} no está en el directorio de instituciones; regístrela antes de asignarle casos.`,
        en: `Institution ${institutionId} is not in the institutions directory; register it before assigning it cases.`,
      },
      { institutionId },
    );
  }
  if (status === 'deactivated') {
    throw new ConflictError(
      'referral.case.institution_deactivated',
      {
        es: `La institución ${institutionId} está desactivada en el directorio; asigne el caso a una institución activa.`,
        en: `Institution ${institutionId} is deactivated in the directory; assign the case to an active institution.`,
      },
      { institutionId },
    );
  }
  return [
    {
      type: 'CaseRegistered',
      data: {
        caseId,
        country,
        institutionId,
        indicators,
        identifying,
        registeredAt: context.now.toISOString(),
        registeredBy: context.actor.subject,
      },
    },
  ];
}

/** Replaces the indicators; the same set again records nothing. */
export function updateIndicators(
  command: UpdateIndicators,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const caseId = validateCaseId(command.caseId);
  const indicators = validateIndicators(command.indicators, calendarDateOf(context.now));
  requireCase(caseId, state);
  const before = state.indicators as unknown as Record<string, unknown>;
  const after = indicators as unknown as Record<string, unknown>;
  const changed = INDICATOR_FIELDS.filter((f) => !isDeepStrictEqual(before?.[f], after[f]));
  if (changed.length === 0) return [];
  return [
    {
      type: 'IndicatorsUpdated',
      data: {
        caseId,
        indicators,
        changed,
        updatedAt: context.now.toISOString(),
        updatedBy: context.actor.subject,
      },
    },
  ];
}

/** Sets and removes identifying fields (encrypted); nothing different records nothing. Also on a closed case. */
export function correctIdentifyingData(
  command: CorrectIdentifyingData,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const caseId = validateCaseId(command.caseId);
  const identifying = validateIdentifying(command.identifying, caseId);
  const remove = command.remove ?? [];
  if (
    !Array.isArray(remove) ||
    !remove.every((f) => (CHILD_IDENTIFYING_FIELDS as readonly string[]).includes(f))
  ) {
    throw new ValidationError(
      'referral.case.invalid_identifying_data',
      {
        es: `Los campos a borrar deben ser de: ${CHILD_IDENTIFYING_FIELDS.join(', ')}.`,
        en: `The fields to remove must be among: ${CHILD_IDENTIFYING_FIELDS.join(', ')}.`,
      },
      { remove },
    );
  }
  const both = remove.filter((f) => identifying.fields[f] !== undefined);
  if (both.length > 0) {
    throw new ValidationError(
      'referral.case.invalid_identifying_data',
      {
        es: `No puede a la vez corregir y borrar ${both.join(', ')}.`,
        en: `You cannot both correct and remove ${both.join(', ')}.`,
      },
      { fields: both },
    );
  }
  requireCase(caseId, state, { closedToo: true });
  const current = state.identifying?.fields ?? {};
  const set = Object.fromEntries(
    Object.entries(identifying.fields).filter(
      ([f, v]) => !isDeepStrictEqual(current[f as ChildIdentifyingField], v),
    ),
  );
  const removed = CHILD_IDENTIFYING_FIELDS.filter((f) => remove.includes(f) && current[f] !== undefined);
  if (Object.keys(set).length === 0 && removed.length === 0) return [];
  return [
    {
      type: 'IdentifyingDataCorrected',
      data: {
        caseId,
        identifying: { subject: identifying.subject, fields: set },
        removed,
        correctedAt: context.now.toISOString(),
        correctedBy: context.actor.subject,
      },
    },
  ];
}

/** Closes the case with an outcome; closing again with the same outcome records nothing. */
export function closeCase(command: CloseCase, state: CaseState, context: DecisionContext): CaseEvent[] {
  const caseId = validateCaseId(command.caseId);
  const outcome = validateCode(
    CASE_CLOSURE_OUTCOMES,
    command.outcome,
    'referral.case.invalid_closure_outcome',
    {
      es: 'Resultado del cierre',
      en: 'Closure outcome',
    },
  );
  requireCase(caseId, state, { closedToo: state.closure?.outcome === outcome });
  if (state.status === 'closed') return [];
  return [
    {
      type: 'CaseClosed',
      data: { caseId, outcome, closedAt: context.now.toISOString(), closedBy: context.actor.subject },
    },
  ];
}

/** Decides a case command; the compiler checks that every command has its case. */
export function decideCase(command: CaseCommand, state: CaseState, context: DecisionContext): CaseEvent[] {
  switch (command.type) {
    case 'RegisterCase':
      return registerCase(command, state, context);
    case 'UpdateIndicators':
      return updateIndicators(command, state, context);
    case 'CorrectIdentifyingData':
      return correctIdentifyingData(command, state, context);
    case 'RecordBestInterests':
      return recordBestInterests(command, state, context);
    case 'RecordConsent':
      return recordConsent(command, state, context);
    case 'NarrowConsent':
      return narrowConsent(command, state, context);
    case 'WithdrawConsent':
      return withdrawConsent(command, state, context);
    case 'RecordInterview':
      return recordInterview(command, state, context);
    case 'CloseCase':
      return closeCase(command, state, context);
    default: {
      const _never: never = command;
      throw unknownCaseCommand(_never);
    }
  }
}

function unknownCaseCommand(command: never): ValidationError {
  const type = String((command as { type?: unknown }).type);
  return new ValidationError(
    'referral.case.unknown_command',
    { es: `Comando desconocido: ${type}.`, en: `Unknown command: ${type}.` },
    { type },
  );
}
