import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs/openapi.json';
export const BEARER_SCHEME = 'bearer';

/** The service's OpenAPI 3 document, built from the controllers' decorators. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('CRM · Planes estratégicos de la Red / Strategic plans of the Network')
    .setDescription(
      [
        'ES: Catálogo del plan de la Red de Funcionarios de Enlace, informes de avance por país y su revisión por la Secretaría Técnica (ST-CRM). ' +
          'Errores: `{ code, message: { es, en }, details }`. Autenticación: token Bearer (en desarrollo, `POST /auth/login`).',
        '',
        'EN: Catalogue of the Liaison Officers Network plan, country progress reports and their review by the Technical Secretariat (ST-CRM). ' +
          'Errors: `{ code, message: { es, en }, details }`. Authentication: Bearer token (in development, `POST /auth/login`).',
      ].join('\n'),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves the UI at /docs and the JSON document at /docs/openapi.json (no token needed). */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
  return document;
}
