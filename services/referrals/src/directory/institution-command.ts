import type { Principal } from '@crm/auth';
import { handleCommand } from '@crm/decider';
import type { Actor } from '@crm/event-store';
import type { CountryCode } from '@crm/kernel';
import type { PersonalDataProtector } from '@crm/pii';
import type { CommandDeps, CommandOptions } from '@crm/service-kit';
import { enforceActor, type ReferralsOperation } from '../referrals.policy';
import { envelopeFor } from '../shared/envelope';
import { protectRecord } from '../shared/personal-data';
import { loadInstitution } from './directory-reader';
import {
  FOCAL_POINT_ID_PATTERN,
  FOCAL_POINT_PERSONAL_FIELDS,
  focalPointSubject,
  institutionCountry,
  institutionDecider,
  institutionStreamName,
  validateFocalPoint,
  validateInstitutionId,
  type FocalPoint,
  type FocalPointContact,
  type FocalPointRole,
  type InstitutionCommand,
  type InstitutionEntry,
} from './domain';
import { toInstitutionView, type InstitutionView } from './institution-view';

/**
 * The steps every directory command handler takes, in this order:
 * 1. `authorizeInstitution`: the id is well formed (422), the principal may manage the entries of the
 *    institution's country (the id's prefix; 403 + audit row);
 * 2. `protectFocalPoint` (register, update): each focal point's name, email and phone are encrypted under
 *    the person's own key `focalPoint-<focalPointId>` BEFORE the decider sees them;
 * 3. `appendToInstitution`: load → decide → append on `referralInstitution-<id>` with `countries: [country]`,
 *    event ids from the command id, the caller's expected revision (412 when stale); a refusal stores nothing.
 */

/** A focal point as an official types it: the contact in clear (over HTTPS), encrypted by the handler. */
export interface FocalPointInput {
  focalPointId: string;
  languages: string[];
  /** Required for a new focal point; on an update, absent keeps the contact on file for that person. */
  contact?: { name: string; email?: string; phone?: string };
}

export async function authorizeInstitution(
  deps: CommandDeps,
  principal: Principal,
  institutionId: string,
  operation: ReferralsOperation,
  via: string,
): Promise<{ institutionId: string; country: CountryCode; actor: Actor }> {
  const id = validateInstitutionId(institutionId);
  const country = institutionCountry(id) as CountryCode;
  const actor = await enforceActor({ ...deps, via }, principal, operation, { country });
  return { institutionId: id, country, actor };
}

/**
 * The focal point with its contact encrypted under `focalPoint-<focalPointId>` (the domain's FocalPoint).
 * Without a contact, the one on file for the same person in `entry` (either role) is kept as it is; a new
 * person without a contact is left for the decider to refuse (422). A malformed id is refused before any
 * key is made.
 */
export async function protectFocalPoint(
  protector: Pick<PersonalDataProtector, 'protect'>,
  input: FocalPointInput,
  role: FocalPointRole,
  entry: InstitutionEntry | null = null,
): Promise<FocalPoint> {
  if (typeof input?.focalPointId !== 'string' || !FOCAL_POINT_ID_PATTERN.test(input.focalPointId)) {
    return validateFocalPoint(input, role); // throws the domain's 422 for the id
  }
  const subject = focalPointSubject(input.focalPointId);
  const onFile = [entry?.intake, entry?.backup].find((f) => f?.focalPointId === input.focalPointId);
  const contact: FocalPointContact = input.contact
    ? await protectRecord(protector, subject, input.contact, FOCAL_POINT_PERSONAL_FIELDS)
    : (onFile?.contact ?? { subject, fields: {} });
  return { focalPointId: input.focalPointId, languages: input.languages, contact };
}

/** Load → decide → append; answers the entry's view after the command (or as it is, when nothing changed). */
export async function appendToInstitution(
  deps: CommandDeps,
  step: {
    useCase: string;
    institutionId: string;
    country: CountryCode;
    actor: Actor;
    command: InstitutionCommand;
    options: CommandOptions;
  },
): Promise<InstitutionView> {
  const streamName = institutionStreamName(step.institutionId);
  const result = await handleCommand({
    store: deps.store,
    decider: institutionDecider,
    streamName,
    command: step.command,
    context: {
      envelope: envelopeFor(step.useCase, streamName, step.actor, [step.country], step.options),
      clock: deps.clock,
    },
    expectedRevision: step.options.expectedRevision,
  });
  return toInstitutionView(
    deps.store,
    { streamName, revision: result.nextExpectedRevision, state: result.state },
    { now: deps.clock() },
  );
}

/** The registered entry to update (null when none: the decider then refuses with 404). */
export async function currentEntry(
  deps: CommandDeps,
  institutionId: string,
): Promise<InstitutionEntry | null> {
  return (await loadInstitution(deps.store, institutionId)).state.entry;
}
