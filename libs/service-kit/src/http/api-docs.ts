import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { BEARER_SCHEME } from './swagger';

export interface BilingualDoc {
  es: string;
  en: string;
  /** Longer explanation (optional), per language. */
  detail?: { es: string; en: string };
}

/** An operation's summary and description in Spanish and English. */
export function ApiBilingual(doc: BilingualDoc): MethodDecorator {
  const description = doc.detail
    ? `**ES**: ${doc.detail.es}\n\n**EN**: ${doc.detail.en}`
    : `**ES**: ${doc.es}\n\n**EN**: ${doc.en}`;
  return applyDecorators(ApiOperation({ summary: `${doc.es} / ${doc.en}`, description }));
}

const ERROR_SHAPE = 'Cuerpo / body: `{ code, message: { es, en }, details }`';

/** The error responses every authenticated route can give (plus those listed). */
export function ApiStandardErrors(...statuses: number[]): MethodDecorator {
  const text: Record<number, string> = {
    400: 'Entrada mal formada / malformed input',
    401: 'Sin token válido / no valid token',
    403: 'Operación no permitida para su rol o país / operation not allowed for your role or country',
    404: 'No existe / not found',
    409: 'Transición no válida en el estado actual / invalid transition in the current state',
    422: 'Contenido rechazado por las reglas del dominio / content refused by the domain rules',
  };
  const all = [...new Set([400, 401, 403, ...statuses])].sort();
  return applyDecorators(
    ApiBearerAuth(BEARER_SCHEME),
    ...all.map((s) => ApiResponse({ status: s, description: `${text[s] ?? ''}. ${ERROR_SHAPE}` })),
  );
}

/** The optional Idempotency-Key header of command routes. */
export function ApiIdempotencyKey(): MethodDecorator {
  return ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'ES: clave elegida por el cliente; repetir la misma orden con la misma clave no registra nada nuevo. EN: client-chosen key; repeating the same command with the same key records nothing new. [A-Za-z0-9_.:-]{1,128}',
  });
}
