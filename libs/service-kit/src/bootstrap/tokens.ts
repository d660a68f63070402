/** The running service's short name (e.g. `plan`). */
export const SERVICE_NAME = Symbol('crm.ServiceName');

/** The service's OperationsConfig (readiness lag bound, rate limits, CORS). */
export const OPERATIONS = Symbol('crm.Operations');

/**
 * The environment the service was started with (`StartServiceOptions.env`, else `process.env`): for the
 * service's own variables, read by its modules and checked at start by its definition's `checkEnvironment`.
 */
export const SERVICE_ENV = Symbol('crm.ServiceEnv');
