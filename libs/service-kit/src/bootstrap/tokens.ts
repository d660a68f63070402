/** The running service's short name (e.g. `plan`). */
export const SERVICE_NAME = Symbol('crm.ServiceName');
