import { Module } from '@nestjs/common';
import { CatalogueModule } from './catalogue/catalogue.module';
import { ReportsModule } from './reports/reports.module';
import { WindowsModule } from './windows/windows.module';

/**
 * The plan's use cases: one module per context (reports, catalogue, windows), each registering its command and
 * query handlers and their HTTP controllers. The service kit's `CqrsModule` (global, imported once by
 * `ServiceKitModule`) gives every module the CommandBus and QueryBus; HTTP controllers, the Kafka inbound adapter, the start-up import and tests all dispatch through
 * them (`commandBus.execute(new SaveDraftCommand(principal, input, options))`). The in-memory event bus,
 * sagas and AggregateRoot of @nestjs/cqrs are not used: events are stored by the command handlers in the
 * event store and published by the relay.
 *
 * Needs the platform's EVENT_STORE and CLOCK (PlatformModule) and, optionally, the AUDIT_SINK (AuthModule).
 */
@Module({
  imports: [ReportsModule, CatalogueModule, WindowsModule],
})
export class PlanModule {}
