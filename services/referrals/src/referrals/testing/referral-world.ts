import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { AUDIT_SINK, demoAccounts, MemoryAuditSink, type Principal } from '@crm/auth';
import { handleCommand, toDomainEvent, type Decider, type DomainEvent } from '@crm/decider';
import { MemoryEventStore, type Actor } from '@crm/event-store';
import { fixedClock, type CountryCode } from '@crm/kernel';
import { KekRing, LocalKeyEncryptionKey, MemoryKeyStore, PersonalDataProtector } from '@crm/pii';
import { CLOCK, EVENT_STORE } from '@crm/platform';
import { PERSONAL_DATA } from '@crm/service-kit';
import {
  caseDecider,
  caseStreamName,
  childSubject,
  type CaseCommand,
  type ConsentScope,
  type BestInterestsRecord,
  type ChildIdentifyingData,
  type ChildIdentifyingField,
} from '../../cases/domain';
import { indicators } from '../../cases/domain/test-support';
import {
  directoryViewOf,
  institutionDecider,
  institutionStreamName,
  type InstitutionCommand,
  type InstitutionState,
} from '../../directory/domain';
import { focalPoint } from '../../directory/domain/test-support';
import { deadlinePolicyDecider, deadlinePolicyStreamName } from '../../deadline-policy/domain';
import type { DeadlinePolicy } from '../domain';
import { readInstitution } from '../readers/institution-reader';
import { ReferralLifecycleModule } from '../referral-lifecycle.module';

/**
 * The referral use cases as the service wires them (the kit's CqrsModule and ReferralLifecycleModule with every
 * handler), on a memory event store, a real PersonalDataProtector (memory key store, a generated KEK, the
 * access log in the same store) and an audit sink for denials, at 1 July 2020 12:00 UTC by default. Specs
 * dispatch through the real CommandBus and QueryBus, as the HTTP controllers and the Kafka adapter do.
 *
 * The other contexts a referral needs (the child's case, the directory) are set up by running their own
 * deciders on the store (`registerInstitution`, `registerCase`, `caseCommand`): their use cases are another
 * module's.
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

@Module({})
class MemoryPortsModule {
  static of(ports: {
    store: MemoryEventStore;
    clock: () => Date;
    audit: MemoryAuditSink;
    protector: PersonalDataProtector;
  }): DynamicModule {
    return {
      module: MemoryPortsModule,
      global: true,
      providers: [
        { provide: EVENT_STORE, useValue: ports.store },
        { provide: CLOCK, useValue: ports.clock },
        { provide: AUDIT_SINK, useValue: ports.audit },
        { provide: PERSONAL_DATA, useValue: ports.protector },
      ],
      exports: [EVENT_STORE, CLOCK, AUDIT_SINK, PERSONAL_DATA],
    };
  }
}

function actorOf(p: Principal): Actor {
  return {
    subject: p.subject,
    role: p.roles[0]!,
    country: p.country as CountryCode,
    institution: p.institution,
  };
}

export type ReferralWorld = Awaited<ReturnType<typeof referralWorld>>;

/** The world; `modules` adds feature modules (e.g. the consent process) beside the lifecycle's. */
export async function referralWorld(now = NOW, modules: Array<Type<unknown> | DynamicModule> = []) {
  const clock = fixedClock(now);
  const store = new MemoryEventStore({ clock });
  const audit = new MemoryAuditSink();
  const protector = new PersonalDataProtector({
    keys: new MemoryKeyStore(),
    kek: new KekRing(LocalKeyEncryptionKey.generate()),
    accessLog: store,
    audit,
    clock,
  });
  const app = await NestFactory.createApplicationContext(
    {
      module: class ReferralWorld {},
      imports: [
        MemoryPortsModule.of({ store, clock, audit, protector }),
        CqrsModule.forRoot(),
        ReferralLifecycleModule,
        ...modules,
      ],
    },
    { logger: false },
  );
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

  const world = {
    app,
    clock,
    store,
    audit,
    protector,
    commandBus: app.get(CommandBus),
    queryBus: app.get(QueryBus),
    close: () => app.close(),
    /** Every event of a stream, as domain events (`[]`: no stream). */
    async events(stream: string) {
      return (await store.readStream(stream)).map((e) => toDomainEvent(e));
    },
    /** The number of events of a stream (0: none): what a refused command must leave unchanged. */
    async count(stream: string) {
      return (await store.readStream(stream)).length;
    },
    /** A directory entry of the institution's own country, active (`deactivate` to deactivate it after). */
    async registerInstitution(
      institutionId: string,
      country: CountryCode,
      options: { deactivate?: boolean } = {},
    ) {
      const by = principal(`${country.toLowerCase()}.protection_supervisor`);
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
      await run(institutionDecider, institutionStreamName(institutionId), register, by);
      if (options.deactivate) {
        const deactivate: InstitutionCommand = {
          type: 'DeactivateInstitution',
          institutionId,
          reason: 'closed',
        };
        await run(institutionDecider, institutionStreamName(institutionId), deactivate, by);
      }
    },
    /** Registers `caseId` (owned by its id's country, handled by `institutionId`) with the child's data encrypted. */
    async registerCase(caseId = CASE_ID, institutionId: string = FROM.institutionId, child = CHILD) {
      const country = caseId.slice(0, 2) as CountryCode;
      const subject = childSubject(caseId);
      const fields = await protector.protect<Record<string, unknown>>(subject, child, Object.keys(child));
      const institutions: InstitutionState[] = [await readInstitution(store, institutionId)];
      const register: CaseCommand = {
        type: 'RegisterCase',
        caseId,
        country,
        institutionId,
        indicators: indicators(),
        identifying: { subject, fields } as ChildIdentifyingData,
        directory: directoryViewOf(institutions),
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
      const country = command.caseId.slice(0, 2).toLowerCase();
      await run(
        caseDecider,
        caseStreamName(command.caseId),
        command,
        principal(`${country}.protection_case_worker`),
      );
    },
    async recordConsent(consentId = CONSENT_ID, scope: ConsentScope = consentScope(), caseId = CASE_ID) {
      await world.caseCommand({
        type: 'RecordConsent',
        caseId,
        consentId,
        givenBy: 'child',
        form: 'consent',
        scope,
      });
    },
    async recordAssessment(recordId: string, recommendations: string, caseId = CASE_ID) {
      const subject = childSubject(caseId);
      const fields = await protector.protect<Record<string, unknown>>(subject, { recommendations }, [
        'recommendations',
      ]);
      await world.caseCommand({
        type: 'RecordBestInterests',
        caseId,
        recordId,
        kind: 'assessment',
        conductedBy: { institutionId: FROM.institutionId, role: 'social_worker' },
        conductedOn: '2020-06-25',
        outcome: 'family_reunification_third_country',
        recommendations: { subject, fields } as BestInterestsRecord['recommendations'],
      });
    },
    async recordInterview(interviewId: string, caseId = CASE_ID) {
      await world.caseCommand({
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
        await world.registerInstitution(id, country);
      await world.registerCase();
      if (options.consent !== false) await world.recordConsent();
    },
  };
  return world;
}
