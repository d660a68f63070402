import type { Provider } from '@nestjs/common';
import { AUDIT_SINK, type AuditSink } from '@crm/auth';
import type { EventStore } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import { CLOCK, EVENT_STORE } from '@crm/platform';

/** What every command handler needs: the event store, the clock and where denials are recorded. */
export interface CommandDeps {
  store: EventStore;
  clock: Clock;
  audit?: AuditSink;
}

/** Nest token of the handlers' CommandDeps: `@Inject(COMMAND_DEPS) deps: CommandDeps`. */
export const COMMAND_DEPS = Symbol('crm.CommandDeps');

/** The platform's store and clock and the auth module's audit sink (optional: unit worlds may have none). */
export const commandDepsProvider: Provider = {
  provide: COMMAND_DEPS,
  inject: [EVENT_STORE, CLOCK, { token: AUDIT_SINK, optional: true }],
  useFactory: (store: EventStore, clock: Clock, audit?: AuditSink): CommandDeps => ({
    store,
    clock,
    ...(audit ? { audit } : {}),
  }),
};
