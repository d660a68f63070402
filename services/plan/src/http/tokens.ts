/** The development issuer (embedded default, AUTH_MODE=dev) or null (OIDC). */
export const DEV_ISSUER = Symbol('crm.plan.DevIssuer');
