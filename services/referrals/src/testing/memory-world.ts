import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { AUDIT_SINK, MemoryAuditSink } from '@crm/auth';
import { MemoryEventStore } from '@crm/event-store';
import { fixedClock, type Clock } from '@crm/kernel';
import { CLOCK, EVENT_STORE } from '@crm/platform';

/** The ports the handlers inject, in memory: event store, clock and audit sink (no database, no HTTP). */
@Module({})
class MemoryPortsModule {
  static of(store: MemoryEventStore, clock: Clock, audit: MemoryAuditSink): DynamicModule {
    return {
      module: MemoryPortsModule,
      global: true,
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: CLOCK, useValue: clock },
        { provide: AUDIT_SINK, useValue: audit },
      ],
      exports: [EVENT_STORE, CLOCK, AUDIT_SINK],
    };
  }
}

/**
 * Test support: some of the referral service's modules as the service wires them (the kit's CqrsModule as the
 * dispatcher), on a memory event store at the fixed instant `now`; denials go to `audit`. Unit tests dispatch
 * through the real CommandBus and QueryBus, as the controllers and the deadline runner do.
 */
export async function memoryWorld(modules: Array<Type<unknown>>, now = '2020-07-01T08:00:00.000Z') {
  const clock = fixedClock(now);
  const store = new MemoryEventStore({ clock });
  const audit = new MemoryAuditSink();
  const app = await NestFactory.createApplicationContext(
    {
      module: class ReferralsMemoryWorld {},
      imports: [MemoryPortsModule.of(store, clock, audit), CqrsModule.forRoot(), ...modules],
    },
    { logger: false },
  );
  return {
    clock,
    store,
    audit,
    deps: { store, clock },
    commandBus: app.get(CommandBus),
    queryBus: app.get(QueryBus),
    close: () => app.close(),
  };
}
