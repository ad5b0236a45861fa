import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OpenAPIObject } from '@nestjs/swagger';
import { OPENAPI_FILE, renderAdminOpenApi } from './generate-openapi';

const REPOSITORY_ROOT = join(__dirname, '..', '..', '..', '..', '..');

describe('the admin API OpenAPI document', () => {
  let rendered: OpenAPIObject;
  beforeAll(async () => {
    rendered = JSON.parse(await renderAdminOpenApi()) as OpenAPIObject;
  });

  it('is committed up to date with the controllers (regenerate: npm run openapi)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(join(REPOSITORY_ROOT, OPENAPI_FILE), 'utf8'),
    );
    expect(committed).toEqual(rendered);
  });

  it('declares the bearer scheme and requires it on every operation', () => {
    expect(rendered.components?.securitySchemes?.['bearer']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const operations = Object.values(rendered.paths).flatMap((item) =>
      (['get', 'put', 'post', 'delete'] as const).flatMap((method) => item[method] ?? []),
    );
    expect(operations).toHaveLength(10);
    for (const operation of operations) {
      expect(operation.security).toEqual([{ bearer: [] }]);
      expect(operation.responses['401']).toBeDefined();
    }
  });

  it('lists the admin routes under /api, and not /health', () => {
    expect(Object.keys(rendered.paths).sort()).toEqual([
      '/api/customers/{id}/explain',
      '/api/customers/{id}/overrides/{field}',
      '/api/customers/{id}/split',
      '/api/customers/{id}/unmerge',
      '/api/reviews',
      '/api/reviews/{id}',
      '/api/reviews/{id}/accept',
      '/api/reviews/{id}/reject',
      '/api/status',
    ]);
  });
});
