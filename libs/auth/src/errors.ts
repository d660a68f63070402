import {
  type LocalizedText,
  UnauthenticatedError,
  ForbiddenError as ForbiddenErrorBase,
  InvalidRequestError,
  UnavailableError,
} from '@crm/kernel';

export type AuthenticationFailure =
  | 'missing_token'
  | 'malformed_token'
  | 'expired'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'invalid_claims'
  | 'unknown_key'
  | 'bad_credentials';

const AUTH_TEXT: Record<AuthenticationFailure, LocalizedText> = {
  missing_token: {
    es: 'Falta el token de acceso (encabezado Authorization: Bearer).',
    en: 'The access token is missing (Authorization: Bearer header).',
  },
  malformed_token: {
    es: 'El token de acceso no es un JWT válido.',
    en: 'The access token is not a valid JWT.',
  },
  expired: {
    es: 'El token de acceso ha expirado. Inicie sesión de nuevo.',
    en: 'The access token has expired. Sign in again.',
  },
  bad_signature: {
    es: 'La firma del token de acceso no es válida.',
    en: 'The access token signature is not valid.',
  },
  wrong_issuer: {
    es: 'El token de acceso fue emitido por un emisor no reconocido.',
    en: 'The access token was issued by an unrecognised issuer.',
  },
  wrong_audience: {
    es: 'El token de acceso no está destinado a esta plataforma.',
    en: 'The access token is not intended for this platform.',
  },
  invalid_claims: {
    es: 'El token de acceso no contiene una identidad válida (país, institución o roles).',
    en: 'The access token does not carry a valid identity (country, institution or roles).',
  },
  unknown_key: {
    es: 'El token de acceso fue firmado con una clave desconocida.',
    en: 'The access token was signed with an unknown key.',
  },
  bad_credentials: { es: 'Usuario o contraseña incorrectos.', en: 'Wrong username or password.' },
};

/** 401: no valid identity. The `reason` is machine-readable; the text never echoes the token. */
export class AuthenticationError extends UnauthenticatedError {
  constructor(
    readonly reason: AuthenticationFailure,
    details: Record<string, unknown> = {},
  ) {
    super(`auth.${reason}`, AUTH_TEXT[reason], { reason, ...details });
  }
}

/** 403: the identity is valid but the operation is not permitted on that resource. */
export class ForbiddenError extends ForbiddenErrorBase {
  constructor(
    readonly reason: string,
    text: LocalizedText,
    details: Record<string, unknown> = {},
  ) {
    super(`auth.forbidden.${reason}`, text, { reason, ...details });
  }
}

/** 400: the request does not say which resource it is about in a usable way (e.g. unknown country code). */
export class InvalidResourceError extends InvalidRequestError {
  constructor(field: string, value: unknown) {
    super(
      'auth.invalid_resource',
      {
        es: `El valor "${String(value)}" de ${field} no es un país miembro válido.`,
        en: `The value "${String(value)}" of ${field} is not a valid member country.`,
      },
      { field },
    );
  }
}

/**
 * 503: the identity provider's public keys (JWKS) cannot be fetched, so no token can be checked now: the
 * identity service (development) or the OIDC provider is not running or not reachable. Retried on the next
 * request; the text never echoes the token.
 */
export class IdentityProviderUnavailableError extends UnavailableError {
  constructor() {
    super('auth.identity_provider_unavailable', {
      es: 'No se pueden obtener las claves públicas del proveedor de identidad para comprobar el token (¿está en marcha el servicio de identidad?). Inténtelo de nuevo en unos segundos.',
      en: "The identity provider's public keys cannot be fetched to check the token (is the identity service running?). Try again in a few seconds.",
    });
  }
}
