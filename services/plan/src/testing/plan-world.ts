import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule, CommandBus, QueryBus } from '@nestjs/cqrs';
import { AUDIT_SINK, MemoryAuditSink, Role, type Principal } from '@crm/auth';
import { MemoryEventStore } from '@crm/event-store';
import { fixedClock, type Clock } from '@crm/kernel';
import { CLOCK, EVENT_STORE } from '@crm/platform';
import { PLAN_2017_2022_FILE, loadCatalogueFile } from '../../catalogue/load';
import { ImportCatalogueCommand } from '../catalogue/commands/import-catalogue/import-catalogue.command';
import { PlanModule } from '../plan.module';
import { SaveDraftCommand } from '../reports/commands/save-draft/save-draft.command';
import { SubmitReportCommand } from '../reports/commands/submit-report/submit-report.command';
import type { ReportRef } from '../reports/report-command';

export const HN_OFFICER: Principal = {
  subject: 'hn-reporting-officer-01',
  country: 'HN',
  institution: 'HN/SRECI',
  roles: [Role.ReportingOfficer],
};
export const COORDINATOR: Principal = {
  subject: 'st-coordinator-01',
  country: 'ST',
  institution: 'ST-CRM',
  roles: [Role.SecretariatCoordinator],
};

/** The ports the plan's handlers inject, in memory: event store, clock and audit sink (no database, no HTTP). */
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
 * The plan's use cases as the service wires them (the kit's CqrsModule and PlanModule with every handler), on a memory store
 * with the 2017-2022 catalogue imported (unless `catalogue: false`), at 10 July 2020 by default; denials go to
 * `audit`. Unit tests dispatch through the real CommandBus and QueryBus, as the HTTP controllers and the Kafka
 * inbound adapter do. `close()` ends the Nest context.
 */
export async function planWorld(now = '2020-07-10T15:00:00.000Z', options: { catalogue?: boolean } = {}) {
  const clock = fixedClock(now);
  const store = new MemoryEventStore({ clock });
  const audit = new MemoryAuditSink();
  const app = await NestFactory.createApplicationContext(
    {
      module: class PlanWorld {},
      imports: [MemoryPortsModule.of(store, clock, audit), CqrsModule.forRoot(), PlanModule],
    },
    { logger: false },
  );
  const commandBus = app.get(CommandBus);
  const queryBus = app.get(QueryBus);
  if (options.catalogue !== false) {
    const imported = loadCatalogueFile(PLAN_2017_2022_FILE);
    await commandBus.execute(
      new ImportCatalogueCommand(
        COORDINATOR,
        { catalogue: imported.catalogue, reason: imported.reason },
        { commandId: 'import' },
      ),
    );
  }
  return { clock, store, audit, commandBus, queryBus, close: () => app.close() };
}

/** Honduras' officer drafts and submits `report` (default I.1.1.1 of 2020-S1), as the Secretariat's commands need. */
export async function draftAndSubmit(
  commandBus: CommandBus,
  report: ReportRef = { country: 'HN', activityId: 'I.1.1.1', period: '2020-S1' },
): Promise<void> {
  const content = { status: 'completed' as const, narrative: { es: 'Se realizaron dos talleres.' } };
  await commandBus.execute(new SaveDraftCommand(HN_OFFICER, { ...report, content }));
  await commandBus.execute(new SubmitReportCommand(HN_OFFICER, report));
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
