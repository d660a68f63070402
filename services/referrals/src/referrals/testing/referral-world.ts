import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { AUDIT_SINK, MemoryAuditSink } from '@crm/auth';
import { toDomainEvent } from '@crm/decider';
import { MemoryEventStore } from '@crm/event-store';
import { fixedClock } from '@crm/kernel';
import { KekRing, LocalKeyEncryptionKey, MemoryKeyStore, PersonalDataProtector } from '@crm/pii';
import { CLOCK, EVENT_STORE } from '@crm/platform';
import { PERSONAL_DATA } from '@crm/service-kit';
import { ReferralLifecycleModule } from '../referral-lifecycle.module';
import { NOW, referralSeeder } from './seed';

export * from './seed';

/** The ports the handlers inject, in memory: event store, clock, audit sink, personal-data protector. */
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

export type ReferralWorld = Awaited<ReturnType<typeof referralWorld>>;

/**
 * The referral use cases as the service wires them (the kit's CqrsModule and ReferralLifecycleModule with every
 * handler), on a memory event store, a real PersonalDataProtector (memory key store, a generated KEK, the
 * access log in the same store) and an audit sink for denials, at 1 July 2020 12:00 UTC by default. Specs
 * dispatch through the real CommandBus and QueryBus, as the HTTP controllers and the Kafka adapter do.
 *
 * The other contexts a referral needs (the child's case, the directory) are set up by running their own
 * deciders on the store (`registerInstitution`, `registerCase`, `caseCommand`): their use cases are another
 * module's. `modules` adds modules beside the lifecycle's (e.g. the settings).
 */
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
  const seed = referralSeeder({ store, clock, protector });

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
    ...seed,
    /** The directory (MX, HN, GT, CR protection institutions) and the Mexican case with the child's consent. */
  };
  return world;
}
