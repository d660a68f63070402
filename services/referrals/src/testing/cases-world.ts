import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { AUDIT_SINK, MemoryAuditSink, Role, type Principal } from '@crm/auth';
import { MemoryEventStore } from '@crm/event-store';
import { fixedClock } from '@crm/kernel';
import { KekRing, LocalKeyEncryptionKey, MemoryKeyStore, PersonalDataProtector } from '@crm/pii';
import { CLOCK, EVENT_STORE } from '@crm/platform';
import { PERSONAL_DATA } from '@crm/service-kit';
import { CasesModule } from '../cases/cases.module';
import { DirectoryModule } from '../directory/directory.module';
import {
  RegisterInstitutionCommand,
  type RegisterInstitutionInput,
} from '../directory/commands/register-institution/register-institution.command';
import type { ChildIdentifyingInput } from '../cases/case-command';
import {
  RegisterCaseCommand,
  type RegisterCaseInput,
} from '../cases/commands/register-case/register-case.command';
import { indicators } from '../cases/domain/test-support';

/** Demo-like principals (the identity service's `<cc>.<role>` accounts: institution `<CC>/PROTECCION`). */
function official(country: string, role: Role, institution = `${country}/PROTECCION`): Principal {
  return {
    subject: `dev|${country.toLowerCase()}.${role}`,
    country,
    institution,
    roles: [role],
  } as Principal;
}
export const MX_CASE_WORKER = official('MX', Role.ProtectionCaseWorker);
export const MX_SUPERVISOR = official('MX', Role.ProtectionSupervisor);
export const MX_CONSUL = official('MX', Role.ConsularOfficer, 'MX/CONSULADO');
export const MX_NATIONAL_SYSTEM = official('MX', Role.NationalSystem, 'MX/SISTEMA');
export const MX_REPORTING_OFFICER = official('MX', Role.ReportingOfficer, 'MX/MRE');
export const GT_CASE_WORKER = official('GT', Role.ProtectionCaseWorker);
export const GT_SUPERVISOR = official('GT', Role.ProtectionSupervisor);
export const ST_COORDINATOR = {
  subject: 'dev|st.coordinator',
  country: 'ST',
  institution: 'ST-CRM',
  roles: [Role.SecretariatCoordinator],
} as Principal;
export const PLATFORM_ADMIN = {
  subject: 'dev|platform.admin',
  country: 'ST',
  institution: 'ST-CRM/TI',
  roles: [Role.PlatformAdmin],
} as Principal;

/** The ports the handlers inject, in memory: event store, clock, audit sink and the personal-data protector. */
@Module({})
class MemoryPortsModule {
  static of(providers: Record<'store' | 'clock' | 'audit' | 'protector', unknown>): DynamicModule {
    const list = [
      { provide: EVENT_STORE, useValue: providers.store },
      { provide: CLOCK, useValue: providers.clock },
      { provide: AUDIT_SINK, useValue: providers.audit },
      { provide: PERSONAL_DATA, useValue: providers.protector },
    ];
    return {
      module: MemoryPortsModule,
      global: true,
      providers: list,
      exports: list.map((p) => p.provide),
    };
  }
}

/**
 * The directory's and the cases' use cases as the service wires them (the kit's CqrsModule, DirectoryModule,
 * CasesModule), on a memory event store, a memory key store with a fresh key-encryption key, at 10 July 2020
 * (a clock the test may move); denials go to `audit`. Specs dispatch through the real CommandBus and QueryBus,
 * as the HTTP controllers do. `close()` ends the Nest context.
 */
export async function casesWorld(now = '2020-07-10T15:00:00.000Z') {
  const clock = fixedClock(now);
  const store = new MemoryEventStore({ clock });
  const audit = new MemoryAuditSink();
  const keys = new MemoryKeyStore();
  const protector = new PersonalDataProtector({
    keys,
    kek: new KekRing(LocalKeyEncryptionKey.generate()),
    accessLog: store,
    audit,
    clock,
  });
  const modules: Type<unknown>[] = [DirectoryModule, CasesModule];
  const app = await NestFactory.createApplicationContext(
    {
      module: class CasesWorld {},
      imports: [MemoryPortsModule.of({ store, clock, audit, protector }), CqrsModule.forRoot(), ...modules],
    },
    { logger: false },
  );
  return {
    clock,
    store,
    audit,
    keys,
    protector,
    commandBus: app.get(CommandBus),
    queryBus: app.get(QueryBus),
    close: () => app.close(),
  };
}
export type CasesWorld = Awaited<ReturnType<typeof casesWorld>>;

/** Mexico's child-protection institution as the demo case worker and supervisor act for it. */
export function institutionInput(over: Partial<RegisterInstitutionInput> = {}): RegisterInstitutionInput {
  return {
    institutionId: 'MX-PROTECCION',
    country: 'MX',
    kind: 'child_protection',
    name: {
      es: 'Procuraduría Federal de Protección de Niñas, Niños y Adolescentes',
      en: 'Federal Child Protection Office',
    },
    intake: {
      focalPointId: 'fp-mx-ana',
      languages: ['es', 'en'],
      contact: { name: 'Ana Sofía Ramírez', email: 'aramirez@example.org', phone: '+52 55 5555 0101' },
    },
    backup: {
      focalPointId: 'fp-mx-luis',
      languages: ['es'],
      contact: { name: 'Luis Ortega', phone: '+52 55 5555 0102' },
    },
    verifiedOn: '2020-06-01',
    ...over,
  };
}

/** Registers `institutionInput(over)` as Mexico's supervisor. */
export function registerInstitution(world: CasesWorld, over: Partial<RegisterInstitutionInput> = {}) {
  return world.commandBus.execute(new RegisterInstitutionCommand(MX_SUPERVISOR, institutionInput(over)));
}

/** A CommandBus/QueryBus stand-in that keeps what a controller dispatches and answers `answer`. */
export function capturingBus<T extends CommandBus | QueryBus>(answer: unknown = 'dispatched') {
  const sent: unknown[] = [];
  const bus = {
    execute: async (message: unknown) => {
      sent.push(message);
      return answer;
    },
  } as unknown as T;
  return { bus, sent };
}

/** Every stored event's data and metadata as one JSON text (to check that no plaintext was stored). */
export async function storedText(world: Pick<CasesWorld, 'store'>): Promise<string> {
  return JSON.stringify(await world.store.readAll(), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
}

/** A Mexican case (registered by Mexico's case worker, handled by MX-PROTECCION). */
export const CASE_ID = 'MX-3f0c8a1e-5b2d-4c6f-9a7e-1d2b3c4d5e6f';

/** The child's identifying data as the case worker types it (plaintext that must never be stored). */
export const CHILD: ChildIdentifyingInput = {
  givenNames: 'Yeimi Marisol',
  familyNames: 'Alvarado Cruz',
  dateOfBirth: '2005-03-14',
  familyContacts: [{ relationship: 'tía materna', name: 'Dora Cruz Mejía', phone: '+504 9999 1234' }],
  notes: 'Viaja con su hermano menor desde San Pedro Sula',
};

/** Every plaintext string of CHILD. */
export const CHILD_STRINGS = [
  'Yeimi Marisol',
  'Alvarado Cruz',
  '2005-03-14',
  'Dora Cruz Mejía',
  '+504 9999 1234',
  'San Pedro Sula',
];

export function caseInput(over: Partial<RegisterCaseInput> = {}): RegisterCaseInput {
  return {
    caseId: CASE_ID,
    institutionId: 'MX-PROTECCION',
    indicators: indicators(),
    identifying: CHILD,
    ...over,
  };
}

/** Registers MX-PROTECCION (unless `institution: false`) and the case, as Mexico's case worker. */
export async function registerCase(
  world: CasesWorld,
  over: Partial<RegisterCaseInput> = {},
  options: { institution?: boolean } = {},
) {
  if (options.institution !== false) await registerInstitution(world);
  return world.commandBus.execute(new RegisterCaseCommand(MX_CASE_WORKER, caseInput(over)));
}
