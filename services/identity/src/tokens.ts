/** The development issuer of this identity service (`DevIssuer` of @crm/auth). */
export const DEV_ISSUER = Symbol('crm.identity.DevIssuer');
