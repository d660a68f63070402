import { isDeepStrictEqual } from 'node:util';
import { ConflictError, ValidationError } from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import {
  requireDistinctFocalPoints,
  requireRegistered,
  validateDeactivationReason,
  validateIdAndCountry,
  validateKind,
  validateName,
  validateVerifiedOn,
} from './checks';
import type {
  DeactivateInstitution,
  InstitutionCommand,
  ReactivateInstitution,
  RegisterInstitution,
  UpdateInstitution,
  VerifyInstitution,
} from './commands';
import type { InstitutionChangedField, InstitutionChanges, InstitutionEvent } from './events';
import { validateFocalPoint } from './focal-point';
import type { InstitutionState } from './state';

/**
 * One function per directory command. Each checks the payload first (422), then the entry's state (404
 * not registered, 409 already registered / deactivated), then its own rule. A refusal throws before anything
 * is returned, so a refused command stores nothing. Every event raises the entry's version by one.
 */

/** A new entry, version 1 (409 when the stream already holds one). */
export function registerInstitution(
  command: RegisterInstitution,
  state: InstitutionState,
  context: DecisionContext,
): InstitutionEvent[] {
  const { institutionId, country } = validateIdAndCountry(command.institutionId, command.country);
  const kind = validateKind(command.kind);
  const name = validateName(command.name);
  const intake = validateFocalPoint(command.intake, 'intake');
  const backup = validateFocalPoint(command.backup, 'backup');
  requireDistinctFocalPoints(intake, backup);
  const verifiedOn = validateVerifiedOn(command.verifiedOn, context.now, null);
  if (state.entry) {
    throw new ConflictError(
      'referral.institution.already_registered',
      {
        es: `La institución ${state.entry.institutionId} ya está registrada en el directorio (versión ${state.version}); use "actualizar" para cambiarla.`,
        en: `Institution ${state.entry.institutionId} is already registered in the directory (version ${state.version}); update it instead.`,
      },
      { institutionId: state.entry.institutionId, version: state.version },
    );
  }
  return [
    {
      type: 'InstitutionRegistered',
      data: {
        institutionId,
        version: 1,
        country,
        kind,
        name,
        intake,
        backup,
        verifiedOn,
        registeredAt: context.now.toISOString(),
        registeredBy: context.actor.subject,
      },
    },
  ];
}

/** Records the given fields that differ from the entry; none differing (or none given) records nothing. */
export function updateInstitution(
  command: UpdateInstitution,
  state: InstitutionState,
  context: DecisionContext,
): InstitutionEvent[] {
  const given: InstitutionChanges = {
    ...(command.name !== undefined && { name: validateName(command.name) }),
    ...(command.kind !== undefined && { kind: validateKind(command.kind) }),
    ...(command.intake !== undefined && { intake: validateFocalPoint(command.intake, 'intake') }),
    ...(command.backup !== undefined && { backup: validateFocalPoint(command.backup, 'backup') }),
  };
  const entry = requireRegistered(command.institutionId, state);
  requireDistinctFocalPoints(given.intake ?? entry.intake, given.backup ?? entry.backup);
  const changed = (Object.keys(given) as InstitutionChangedField[]).filter(
    (field) => !isDeepStrictEqual(given[field], entry[field]),
  );
  if (changed.length === 0) return [];
  const changes = Object.fromEntries(changed.map((f) => [f, given[f]])) as InstitutionChanges;
  return [
    {
      type: 'InstitutionUpdated',
      data: {
        institutionId: entry.institutionId,
        version: state.version + 1,
        changes,
        changed,
        updatedAt: context.now.toISOString(),
        updatedBy: context.actor.subject,
      },
    },
  ];
}

/** A new verification date; the same date as the last one records nothing. */
export function verifyInstitution(
  command: VerifyInstitution,
  state: InstitutionState,
  context: DecisionContext,
): InstitutionEvent[] {
  const entry = requireRegistered(command.institutionId, state);
  const verifiedOn = validateVerifiedOn(command.verifiedOn, context.now, entry.verifiedOn);
  if (verifiedOn === entry.verifiedOn) return [];
  return [
    {
      type: 'InstitutionVerified',
      data: {
        institutionId: entry.institutionId,
        version: state.version + 1,
        verifiedOn,
        previousVerifiedOn: entry.verifiedOn,
        recordedAt: context.now.toISOString(),
        recordedBy: context.actor.subject,
      },
    },
  ];
}

/** Stops referrals to the institution; an institution already deactivated stays as it is (no event). */
export function deactivateInstitution(
  command: DeactivateInstitution,
  state: InstitutionState,
  context: DecisionContext,
): InstitutionEvent[] {
  const reason = validateDeactivationReason(command.reason);
  const entry = requireRegistered(command.institutionId, state, { deactivatedToo: true });
  if (state.status === 'deactivated') return [];
  return [
    {
      type: 'InstitutionDeactivated',
      data: {
        institutionId: entry.institutionId,
        version: state.version + 1,
        reason,
        deactivatedAt: context.now.toISOString(),
        deactivatedBy: context.actor.subject,
      },
    },
  ];
}

/** Receives referrals again; an active institution stays as it is (no event). */
export function reactivateInstitution(
  command: ReactivateInstitution,
  state: InstitutionState,
  context: DecisionContext,
): InstitutionEvent[] {
  const entry = requireRegistered(command.institutionId, state, { deactivatedToo: true });
  if (state.status === 'active') return [];
  return [
    {
      type: 'InstitutionReactivated',
      data: {
        institutionId: entry.institutionId,
        version: state.version + 1,
        reactivatedAt: context.now.toISOString(),
        reactivatedBy: context.actor.subject,
      },
    },
  ];
}

/** Decides a directory command; the compiler checks that every command has its case. */
export function decideInstitution(
  command: InstitutionCommand,
  state: InstitutionState,
  context: DecisionContext,
): InstitutionEvent[] {
  switch (command.type) {
    case 'RegisterInstitution':
      return registerInstitution(command, state, context);
    case 'UpdateInstitution':
      return updateInstitution(command, state, context);
    case 'VerifyInstitution':
      return verifyInstitution(command, state, context);
    case 'DeactivateInstitution':
      return deactivateInstitution(command, state, context);
    case 'ReactivateInstitution':
      return reactivateInstitution(command, state, context);
    default: {
      const _never: never = command;
      throw unknownInstitutionCommand(_never);
    }
  }
}

function unknownInstitutionCommand(command: never): ValidationError {
  const type = String((command as { type?: unknown }).type);
  return new ValidationError(
    'referral.institution.unknown_command',
    { es: `Comando desconocido: ${type}.`, en: `Unknown command: ${type}.` },
    { type },
  );
}
