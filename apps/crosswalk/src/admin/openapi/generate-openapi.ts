import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CrosswalkServiceModule } from '../../crosswalk-service.module';
import { buildAdminOpenApi } from './admin-openapi';

/** Where the document is committed, relative to the repository root. */
export const OPENAPI_FILE = 'docs/openapi.json';

/**
 * The admin API's OpenAPI document, from the service's own module in preview mode: the
 * module graph is built, but no provider runs, so no config, store or port is needed.
 */
export async function renderAdminOpenApi(): Promise<string> {
  const app = await NestFactory.create(
    CrosswalkServiceModule.forRoot({ configDir: '.', env: {} }),
    { preview: true, logger: false, abortOnError: false },
  );
  try {
    return `${JSON.stringify(buildAdminOpenApi(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

export async function writeAdminOpenApi(repositoryRoot: string): Promise<string> {
  const file = resolve(repositoryRoot, OPENAPI_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, await renderAdminOpenApi());
  return file;
}

if (require.main === module) {
  writeAdminOpenApi(process.cwd()).then(
    (file) => process.stdout.write(`wrote ${file}\n`),
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
