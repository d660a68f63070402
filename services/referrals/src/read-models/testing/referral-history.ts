/**
 * Test support for the read-model specs: writes real referral and case histories to an event store by running
 * real commands through the deciders (in memory, then one append per stream, each event occurring at its
 * step's instant), encrypts the child's identifying data with the real @crm/pii protector and erases a child's
 * key the way the service does. Command shapes come from the domain's own fixtures (`cmd` of
 * referrals/domain/test-support), re-aimed at another referral id.
 */
import { randomUUID } from 'node:crypto';
import { Role, type Principal } from '@crm/auth';
import { readState, type Decider, type DomainEvent } from '@crm/decider';
import type { Actor, EventStore, NewEvent } from '@crm/event-store';
import type { Clock, CountryCode } from '@crm/kernel';
import { KekRing, LocalKeyEncryptionKey, MemoryKeyStore, PersonalDataProtector } from '@crm/pii';
import {
  caseDecider,
  caseStreamName,
  childSubject,
  type Accompaniment,
  type AgeBand,
  type CaseCommand,
  type CaseIndicators,
  type ChildIdentifyingData,
} from '../../cases/domain';
import { indicators as sampleIndicators } from '../../cases/domain/test-support';
import type { DirectoryView } from '../../directory/domain/directory-view';
import {
  DEADLINE_RUNNER_SUBJECT,
  DEFAULT_DEADLINE_POLICY,
  deadlinesFor,
  referralDecider,
  referralStreamName,
  SYSTEM_ROLE,
  type DeadlineStep,
  type InstitutionRef,
  type ReferralCommand,
} from '../../referrals/domain';
import { cmd } from '../../referrals/domain/test-support';

export interface Step<C> {
  command: C;
  at: string;
  actor: Actor;
}

/** A protection case worker of `institution` (its country is the id's prefix). */
export function worker(institution: InstitutionRef): Actor {
  return {
    subject: `dev|${institution.country.toLowerCase()}.protection_case_worker`,
    role: 'protection_case_worker',
    country: institution.country,
    institution: institution.institutionId,
  };
}

export const SYSTEM_ACTOR: Actor = { subject: DEADLINE_RUNNER_SUBJECT, role: SYSTEM_ROLE, country: 'ST' };

/** Decides `steps` one after another on the stream's current state and appends every event in one append. */
export async function appendDecided<C, E extends DomainEvent, S>(
  store: EventStore,
  streamName: string,
  decider: Decider<C, E, S>,
  steps: readonly Step<C>[],
  countries: CountryCode[],
): Promise<void> {
  const loaded = await readState(store, streamName, decider);
  let state = loaded.state;
  const events: NewEvent[] = [];
  for (const step of steps) {
    const decided = decider.decide(step.command, state, { now: new Date(step.at), actor: step.actor });
    for (const event of decided) {
      state = decider.evolve(state, event);
      events.push({
        eventId: randomUUID(),
        type: event.type,
        schemaVersion: event.schemaVersion ?? 1,
        data: event.data,
        occurredAt: step.at,
        actor: step.actor,
        countries,
        correlationId: randomUUID(),
      });
    }
  }
  if (events.length === 0) return;
  await store.appendToStream(streamName, events, {
    expectedRevision: loaded.revision < 0 ? 'no_stream' : loaded.revision,
  });
}

/** A protector like the service's: a per-child key store in memory, a generated KEK, the access log in `store`. */
export function testProtector(store: EventStore, clock?: Clock): PersonalDataProtector {
  return new PersonalDataProtector({
    keys: new MemoryKeyStore(),
    kek: new KekRing(LocalKeyEncryptionKey.generate()),
    accessLog: store,
    ...(clock ? { clock } : {}),
  });
}

/** The child's names and date of birth, encrypted under the child's own key. */
export async function encryptedIdentity(
  protector: PersonalDataProtector,
  caseId: string,
  names: { givenNames: string; familyNames: string; dateOfBirth: string },
): Promise<ChildIdentifyingData> {
  const fields = await protector.protect(childSubject(caseId), names, [
    'givenNames',
    'familyNames',
    'dateOfBirth',
  ]);
  return { subject: childSubject(caseId), fields } as unknown as ChildIdentifyingData;
}

const ACTIVE: DirectoryView = { statusOf: () => 'active' } as unknown as DirectoryView;

export interface CaseSpec {
  caseId: string;
  institution: InstitutionRef;
  at: string;
  ageBand: AgeBand;
  sex: CaseIndicators['sex'];
  accompaniment: Accompaniment;
  identifying: ChildIdentifyingData;
}

/** Complete, valid indicators with the three the aggregates read (travelling companions made consistent). */
export function caseIndicators(
  spec: Pick<CaseSpec, 'at' | 'ageBand' | 'sex' | 'accompaniment'> & { country: CountryCode },
): CaseIndicators {
  const { ageYears: _ageYears, ...base } = sampleIndicators();
  return {
    ...base,
    ageBand: spec.ageBand,
    sex: spec.sex,
    accompaniment: spec.accompaniment,
    nationality: spec.country,
    countryOfOrigin: spec.country,
    travellingWith:
      spec.accompaniment === 'accompanied'
        ? ['parent_or_legal_caregiver']
        : spec.accompaniment === 'separated'
          ? ['adult_relative']
          : ['alone'],
    detectedOn: spec.at.slice(0, 10),
  };
}

/** Registers a child's case (RegisterCase through the case decider). */
export async function registerCase(store: EventStore, spec: CaseSpec): Promise<void> {
  const command: CaseCommand = {
    type: 'RegisterCase',
    caseId: spec.caseId,
    country: spec.institution.country,
    institutionId: spec.institution.institutionId,
    indicators: caseIndicators({ ...spec, country: spec.institution.country }),
    identifying: spec.identifying,
    directory: ACTIVE,
  };
  await appendDecided(
    store,
    caseStreamName(spec.caseId),
    caseDecider,
    [{ command, at: spec.at, actor: worker(spec.institution) }],
    [spec.institution.country],
  );
}

/** Replaces the case's indicators with a corrected set (UpdateIndicators through the case decider). */
export async function correctIndicators(
  store: EventStore,
  spec: Pick<CaseSpec, 'caseId' | 'institution' | 'ageBand' | 'sex' | 'accompaniment'> & {
    at: string;
    registeredAt: string;
  },
): Promise<void> {
  const indicators = caseIndicators({ ...spec, at: spec.registeredAt, country: spec.institution.country });
  await appendDecided(
    store,
    caseStreamName(spec.caseId),
    caseDecider,
    [
      {
        command: { type: 'UpdateIndicators', caseId: spec.caseId, indicators },
        at: spec.at,
        actor: worker(spec.institution),
      },
    ],
    [spec.institution.country],
  );
}

/** A step of a referral's life, at an instant. */
export type ReferralAction =
  | { kind: 'send'; at: string }
  | { kind: 'acknowledge'; at: string }
  | { kind: 'accept'; at: string }
  | { kind: 'decline'; at: string }
  | { kind: 'start'; at: string }
  | { kind: 'complete'; at: string }
  | { kind: 'revoke'; at: string }
  | { kind: 'enteredInError'; at: string }
  | { kind: 'remind'; at: string; step: DeadlineStep; dueAt: string }
  | { kind: 'escalate'; at: string; step: DeadlineStep; dueAt: string };

export interface ReferralSpec {
  referralId: string;
  caseId: string;
  from: InstitutionRef;
  to: InstitutionRef;
  draftedAt: string;
  actions: ReferralAction[];
}

/** The command of an action, re-aimed at the referral, with the side that sends it. */
function stepOf(spec: ReferralSpec, action: ReferralAction): Step<ReferralCommand> {
  const id = { referralId: spec.referralId };
  const receiver = worker(spec.to);
  switch (action.kind) {
    case 'send':
      return {
        command: cmd.send({ ...id, deadlines: deadlinesFor(DEFAULT_DEADLINE_POLICY, action.at) }),
        at: action.at,
        actor: worker(spec.from),
      };
    case 'acknowledge':
      return { command: { ...cmd.acknowledge(), ...id }, at: action.at, actor: receiver };
    case 'accept':
      return { command: { ...cmd.accept(), ...id }, at: action.at, actor: receiver };
    case 'decline':
      return { command: { ...cmd.decline(), ...id }, at: action.at, actor: receiver };
    case 'start':
      return { command: { ...cmd.followUp(), ...id }, at: action.at, actor: receiver };
    case 'complete':
      return { command: { ...cmd.close(), ...id }, at: action.at, actor: receiver };
    case 'revoke':
      return { command: { ...cmd.revoke(), ...id }, at: action.at, actor: worker(spec.from) };
    case 'enteredInError':
      return { command: { ...cmd.enteredInError(), ...id }, at: action.at, actor: worker(spec.from) };
    case 'remind':
      return {
        command: { ...cmd.remind(action.step, action.dueAt), ...id },
        at: action.at,
        actor: SYSTEM_ACTOR,
      };
    case 'escalate':
      return {
        command: { ...cmd.escalate(action.step, action.dueAt), ...id },
        at: action.at,
        actor: SYSTEM_ACTOR,
      };
  }
}

/** Drafts the referral and runs its actions (every command through the referral decider), in one append. */
export async function writeReferral(store: EventStore, spec: ReferralSpec): Promise<void> {
  const draft: Step<ReferralCommand> = {
    command: cmd.draft({ referralId: spec.referralId, caseId: spec.caseId, from: spec.from, to: spec.to }),
    at: spec.draftedAt,
    actor: worker(spec.from),
  };
  await appendDecided(
    store,
    referralStreamName(spec.referralId),
    referralDecider,
    [draft, ...spec.actions.map((a) => stepOf(spec, a))],
    [spec.from.country, spec.to.country],
  );
}

/** The owning country's case worker (the child's data controller), who may erase the child's key. */
export function eraser(country: CountryCode): Principal {
  return {
    subject: `dev|${country.toLowerCase()}.protection_case_worker`,
    country,
    institution: `${country}/PROTECCION`,
    roles: [Role.ProtectionCaseWorker],
  };
}

/** Crypto-shredding of the child's key: `PersonalDataErased` on `piiErasure-child-<caseId>`. */
export async function eraseChild(protector: PersonalDataProtector, caseId: string): Promise<void> {
  const country = caseId.slice(0, 2) as CountryCode;
  await protector.erase({
    principal: eraser(country),
    subjectId: childSubject(caseId),
    reason: 'Solicitud de supresión 2020/17 (derecho al olvido).',
    caseCountry: country,
  });
}
