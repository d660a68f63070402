/** The running service's short name (e.g. `plan`). */
export const SERVICE_NAME = Symbol('crm.ServiceName');

/** The service's OperationsConfig (readiness lag bound, rate limits, CORS). */
export const OPERATIONS = Symbol('crm.Operations');
