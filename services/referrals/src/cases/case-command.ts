import type { Principal } from '@crm/auth';
import { handleCommand } from '@crm/decider';
import type { Actor } from '@crm/event-store';
import type { CountryCode } from '@crm/kernel';
import type { PersonalDataProtector } from '@crm/pii';
import type { CommandDeps, CommandOptions } from '@crm/service-kit';
import { enforceActor, type ReferralsOperation } from '../referrals.policy';
import { envelopeFor } from '../shared/envelope';
import { protectRecord } from '../shared/personal-data';
import { toCaseView, type CaseView } from './case-view';
import {
  caseCountry,
  caseDecider,
  caseStreamName,
  CHILD_IDENTIFYING_FIELDS,
  childSubject,
  validateCaseId,
  type CaseCommand,
  type ChildIdentifyingData,
} from './domain';

/**
 * The steps every case command handler takes, in this order:
 * 1. `authorizeCase`: the case id is well formed (422), the principal may perform the operation on the case's
 *    owning country, the id's prefix (403 + audit row) — before anything is read;
 * 2. `protectIdentifying` (register, correct) and the recommendations of a best-interests record: the
 *    plaintext is encrypted under the child's own key `child-<caseId>` BEFORE the decider sees it;
 * 3. `appendToCase`: load → decide → append on `referralCase-<caseId>` with `countries: [owning country]`,
 *    event ids from the command id, the caller's expected revision (412 when stale); a refusal stores nothing.
 */

/**
 * A child's identifying data as an official types it into the registration form (over HTTPS): each field in
 * clear only as far as the command handler, which encrypts it. Every field optional (an infant may have no
 * known name). Never logged, never answered unless revealed.
 */
export interface ChildIdentifyingInput {
  givenNames?: string;
  familyNames?: string;
  /** `YYYY-MM-DD`, or as much of it as is known (`2008`, `2008-03`). */
  dateOfBirth?: string;
  /** A data: URL or a link to the photo in the institution's own records. */
  photo?: string;
  familyContacts?: Array<{
    relationship: string;
    name?: string;
    phone?: string;
    email?: string;
    address?: string;
  }>;
  notes?: string;
}

export async function authorizeCase(
  deps: CommandDeps,
  principal: Principal,
  caseId: string,
  operation: ReferralsOperation,
  via: string,
): Promise<{ caseId: string; country: CountryCode; actor: Actor }> {
  const id = validateCaseId(caseId);
  const country = caseCountry(id) as CountryCode;
  const actor = await enforceActor({ ...deps, via }, principal, operation, { country });
  return { caseId: id, country, actor };
}

/** The identifying fields given, encrypted under `child-<caseId>` (the domain's ChildIdentifyingData). */
export function protectIdentifying(
  protector: Pick<PersonalDataProtector, 'protect'>,
  caseId: string,
  input: ChildIdentifyingInput | undefined,
): Promise<ChildIdentifyingData> {
  return protectRecord(
    protector,
    childSubject(validateCaseId(caseId)),
    { ...input },
    CHILD_IDENTIFYING_FIELDS,
  );
}

/** Load → decide → append; answers the case's view for the acting principal. */
export async function appendToCase(
  deps: CommandDeps,
  step: {
    useCase: string;
    caseId: string;
    country: CountryCode;
    actor: Actor;
    principal: Principal;
    command: CaseCommand;
    options: CommandOptions;
  },
): Promise<CaseView> {
  const streamName = caseStreamName(step.caseId);
  const result = await handleCommand({
    store: deps.store,
    decider: caseDecider,
    streamName,
    command: step.command,
    context: {
      envelope: envelopeFor(step.useCase, streamName, step.actor, [step.country], step.options),
      clock: deps.clock,
    },
    expectedRevision: step.options.expectedRevision,
  });
  return toCaseView(
    deps.store,
    { streamName, revision: result.nextExpectedRevision, state: result.state },
    step.principal,
    deps.clock(),
  );
}
