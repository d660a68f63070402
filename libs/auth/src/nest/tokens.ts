/** Nest injection tokens of the auth module. */
export const TOKEN_VERIFIER = Symbol('crm.auth.TokenVerifier');
export const AUDIT_SINK = Symbol('crm.auth.AuditSink');
export const AUTH_CLOCK = Symbol('crm.auth.Clock');
