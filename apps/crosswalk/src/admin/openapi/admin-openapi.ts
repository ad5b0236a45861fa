import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AdminModule } from '../admin.module';

/** Swagger UI; the document itself is at `${ADMIN_DOCS_PATH}/openapi.json`. */
export const ADMIN_DOCS_PATH = 'api/docs';

/** The OpenAPI document of the admin API, from the controllers' decorators. */
export function buildAdminOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Crosswalk admin API')
    .setDescription(
      'Explain golden records, decide match reviews, pin field values, split and unmerge ' +
        'customers. Every route needs a bearer token from http.adminTokens (docs/admin-api.md).',
    )
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque',
      description: 'a token of http.adminTokens',
    })
    .build();
  return SwaggerModule.createDocument(app, config, { include: [AdminModule] });
}

/** Serves Swagger UI and the JSON document; neither holds data, so neither needs a token. */
export function serveAdminDocs(app: INestApplication): void {
  SwaggerModule.setup(ADMIN_DOCS_PATH, app, buildAdminOpenApi(app), {
    jsonDocumentUrl: `${ADMIN_DOCS_PATH}/openapi.json`,
    yamlDocumentUrl: `${ADMIN_DOCS_PATH}/openapi.yaml`,
  });
}
