import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { LocalizedText } from '@crm/kernel';

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs/openapi.json';
export const BEARER_SCHEME = 'bearer';

/** What every service's document says about errors and authentication, after its own description. */
const COMMON: LocalizedText = {
  es: 'Errores: `{ code, message: { es, en }, details }`. Autenticación: token Bearer (en desarrollo, `POST /auth/login` del servicio de identidad).',
  en: 'Errors: `{ code, message: { es, en }, details }`. Authentication: Bearer token (in development, `POST /auth/login` of the identity service).',
};

/** The service's OpenAPI 3 document, built from the controllers' decorators. */
export function buildOpenApiDocument(
  app: INestApplication,
  service: { title: LocalizedText; description: LocalizedText },
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`CRM · ${service.title.es} / ${service.title.en}`)
    .setDescription(
      [`ES: ${service.description.es} ${COMMON.es}`, '', `EN: ${service.description.en} ${COMMON.en}`].join(
        '\n',
      ),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves the UI at /docs and the JSON document at /docs/openapi.json (no token needed). */
export function setupOpenApi(
  app: INestApplication,
  service: { title: LocalizedText; description: LocalizedText },
): OpenAPIObject {
  const document = buildOpenApiDocument(app, service);
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
  return document;
}
