import type { Principal } from '@crm/auth';
import { demoAccounts } from '@crm/auth';
import { handleCommand, type Decider, type DomainEvent } from '@crm/decider';
import type { Actor, EventStore } from '@crm/event-store';
import type { Clock, CountryCode } from '@crm/kernel';
import type { PersonalDataProtector } from '@crm/pii';
import {
  caseDecider,
  caseStreamName,
  childSubject,
  BEST_INTERESTS_PERSONAL_FIELDS,
  CHILD_IDENTIFYING_FIELDS,
  type CaseCommand,
  type ChildIdentifyingField,
  type ConsentScope,
} from '../../cases/domain';
import { indicators } from '../../cases/domain/test-support';
import { deadlinePolicyDecider, deadlinePolicyStreamName } from '../../deadline-policy/domain';
import { institutionDecider, institutionStreamName, type InstitutionCommand } from '../../directory/domain';
import { focalPoint } from '../../directory/domain/test-support';
import { protectRecord } from '../../shared/personal-data';
import type { DeadlinePolicy } from '../domain';
import { directoryViewOf } from '../../directory/directory-reader';

/**
 * The referral specs' cast and setting: demo-account principals, Mexico's case referred to Honduras, and a
 * seeder that sets up what a referral needs from the other contexts (directory entries, the child's case with
 * its identifying data encrypted, consents, assessments, interviews, a deadline policy) by running those
 * contexts' own deciders on any event store, with the service's protector: in the memory world and on a
 * running service alike.
 */

/** A demo account's principal (`mx.protection_case_worker`, `hn.national_system`, `st.coordinator`, ...). */
export function principal(username: string): Principal {
  const account = demoAccounts().find((a) => a.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  return account.principal;
}

export const MX_WORKER = principal('mx.protection_case_worker');
export const MX_SUPERVISOR = principal('mx.protection_supervisor');
export const MX_SYSTEM = principal('mx.national_system');
export const HN_WORKER = principal('hn.protection_case_worker');
export const HN_SYSTEM = principal('hn.national_system');
export const HN_CONSUL = principal('hn.consular_officer');
export const GT_WORKER = principal('gt.protection_case_worker');
export const CR_WORKER = principal('cr.protection_case_worker');
export const COORDINATOR = principal('st.coordinator');
/** A Mexican case worker of another institution than the sender's. */
export const MX_OTHER_WORKER: Principal = { ...MX_WORKER, subject: 'dev|mx.dif', institution: 'MX/DIF' };

/** Mexico refers its case to Honduras; Guatemala is the transfer target; Costa Rica a third country. */
export const FROM = { country: 'MX', institutionId: 'MX-PROTECCION' } as const;
export const TO = { country: 'HN', institutionId: 'HN-PROTECCION' } as const;
export const TRANSFER_TO = { country: 'GT', institutionId: 'GT-PROTECCION' } as const;
export const CASE_ID = 'MX-3f0c8a1e-5b2d-4c6f-9a7e-1d2b3c4d5e6f';
export const REFERRAL_ID = '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b';
export const CONSENT_ID = 'consent-1';
export const NOW = '2020-07-01T12:00:00.000Z';

/** The child's identifying data as the registering official typed it (encrypted before it is stored). */
export const CHILD: Partial<Record<ChildIdentifyingField, string>> = {
  givenNames: 'María José',
  familyNames: 'Pérez López',
  dateOfBirth: '2005-04-05',
  familyContacts: 'Tía en San Pedro Sula, +504 5555 1234',
  notes: 'Viaja con su hermano menor.',
};

/** A consent of the child for Honduras: identity, family, indicators, health; psychosocial and family tracing. */
export function consentScope(over: Partial<ConsentScope> = {}): ConsentScope {
  return {
    categories: ['identity', 'family', 'indicators', 'health', 'assessments'],
    countries: ['HN'],
    institutions: [],
    purpose: ['psychosocial', 'family_tracing'],
    validUntil: '2020-12-31',
    ...over,
  };
}

function actorOf(p: Principal): Actor {
  return {
    subject: p.subject,
    role: p.roles[0]!,
    country: p.country as CountryCode,
    institution: p.institution,
  };
}

/** Seeds the other contexts a referral needs on `store` (data encrypted with `protector`). */
export function referralSeeder(ports: { store: EventStore; clock: Clock; protector: PersonalDataProtector }) {
  const { store, clock, protector } = ports;
  let seq = 0;
  const run = async <C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    stream: string,
    command: C,
    by: Principal,
    countries: CountryCode[] = [by.country as CountryCode],
  ) => {
    seq += 1;
    await handleCommand({
      store,
      decider,
      streamName: stream,
      command,
      context: {
        envelope: {
          commandId: `seed-${seq}-${stream}`,
          actor: actorOf(by),
          countries,
          correlationId: `seed-${seq}`,
        },
        clock,
      },
    });
  };
  const seed = {
    /** A directory entry of the institution's own country, active (`deactivate` to deactivate it after). */
    async registerInstitution(
      institutionId: string,
      country: CountryCode,
      options: { deactivate?: boolean } = {},
    ) {
      const by = principal(`${country.toLowerCase()}.protection_supervisor`);
      const stream = institutionStreamName(institutionId);
      const register: InstitutionCommand = {
        type: 'RegisterInstitution',
        institutionId,
        country,
        kind: 'child_protection',
        name: { es: `Protección de la niñez ${country}`, en: `Child protection ${country}` },
        intake: focalPoint(`fp-${institutionId.toLowerCase()}-a`),
        backup: focalPoint(`fp-${institutionId.toLowerCase()}-b`),
        verifiedOn: '2020-06-01',
      };
      await run(institutionDecider, stream, register, by);
      if (options.deactivate) {
        const deactivate: InstitutionCommand = {
          type: 'DeactivateInstitution',
          institutionId,
          reason: 'closed',
        };
        await run(institutionDecider, stream, deactivate, by);
      }
    },
    /** Registers `caseId` (owned by its id's country, handled by `institutionId`), the child's data encrypted. */
    async registerCase(caseId = CASE_ID, institutionId: string = FROM.institutionId, child = CHILD) {
      const country = caseId.slice(0, 2) as CountryCode;
      const identifying = await protectRecord(
        protector,
        childSubject(caseId),
        child,
        CHILD_IDENTIFYING_FIELDS,
      );
      const register: CaseCommand = {
        type: 'RegisterCase',
        caseId,
        country,
        institutionId,
        indicators: indicators(),
        identifying,
        directory: await directoryViewOf(store, institutionId),
      };
      await run(
        caseDecider,
        caseStreamName(caseId),
        register,
        principal(`${country.toLowerCase()}.protection_case_worker`),
      );
    },
    /** Runs one case command as the owning country's case worker. */
    async caseCommand(command: CaseCommand) {
      const worker = principal(`${command.caseId.slice(0, 2).toLowerCase()}.protection_case_worker`);
      await run(caseDecider, caseStreamName(command.caseId), command, worker);
    },
    async recordConsent(consentId = CONSENT_ID, scope: ConsentScope = consentScope(), caseId = CASE_ID) {
      await seed.caseCommand({
        type: 'RecordConsent',
        caseId,
        consentId,
        givenBy: 'child',
        form: 'consent',
        scope,
      });
    },
    async recordAssessment(recordId: string, recommendations: string, caseId = CASE_ID) {
      const protectedRecommendations = await protectRecord(
        protector,
        childSubject(caseId),
        { recommendations },
        BEST_INTERESTS_PERSONAL_FIELDS,
      );
      await seed.caseCommand({
        type: 'RecordBestInterests',
        caseId,
        recordId,
        kind: 'assessment',
        conductedBy: { institutionId: FROM.institutionId, role: 'social_worker' },
        conductedOn: '2020-06-25',
        outcome: 'family_reunification_third_country',
        recommendations: protectedRecommendations,
      });
    },
    async recordInterview(interviewId: string, caseId = CASE_ID) {
      await seed.caseCommand({
        type: 'RecordInterview',
        caseId,
        interviewId,
        institutionId: FROM.institutionId,
        conductedOn: '2020-06-21',
        purpose: 'registration',
      });
    },
    /** The Secretariat coordinator configures the deadlines of referrals from `from` to `to`. */
    async configureDeadlines(from: CountryCode, to: CountryCode, policy: DeadlinePolicy) {
      await run(
        deadlinePolicyDecider,
        deadlinePolicyStreamName({ from, to }),
        { type: 'ConfigureDeadlines', from, to, policy },
        COORDINATOR,
        [from, to],
      );
    },
    /** The directory (MX, HN, GT, CR protection institutions) and the Mexican case with the child's consent. */
    async standardSetup(options: { consent?: boolean } = {}) {
      for (const [id, country] of [
        [FROM.institutionId, 'MX'],
        [TO.institutionId, 'HN'],
        [TRANSFER_TO.institutionId, 'GT'],
        ['CR-PROTECCION', 'CR'],
      ] as const)
        await seed.registerInstitution(id, country);
      await seed.registerCase();
      if (options.consent !== false) await seed.recordConsent();
    },
  };
  return seed;
}
