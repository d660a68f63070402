import type { LoggerService } from '@nestjs/common';
import type { LogPort } from '@crm/kernel';
import { RedactingNestLogger } from '@crm/pii';

/** Injection token of the service's ServiceLogger. */
export const SERVICE_LOGGER = Symbol('crm.ServiceLogger');

/**
 * The service's logger for its libraries and its request log: the application's Nest logger (by default the
 * personal-data redacting pino logger of @crm/pii, level LOG_LEVEL), as a LogPort per component.
 */
export class ServiceLogger {
  constructor(readonly nest: LoggerService) {}

  /** A LogPort whose entries carry `context: <component>` (e.g. `relay`, `bus`, `http`). */
  for(component: string): LogPort {
    if (this.nest instanceof RedactingNestLogger) {
      const child = this.nest.pino.child({ context: component });
      return {
        warn: (fields, message) => child.warn(fields, message),
        info: (fields, message) => child.info(fields, message),
      };
    }
    const nest = this.nest;
    return {
      warn: (fields, message) => nest.warn({ ...fields, msg: message }, component),
      info: (fields, message) => nest.log({ ...fields, msg: message }, component),
    };
  }
}
