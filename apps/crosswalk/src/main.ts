import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { serveAdminDocs } from './admin/openapi/admin-openapi';
import { bootOptionsFrom } from './boot/boot-options.factory';
import { CROSSWALK_CONFIG } from './boot/boot-options';
import { type AppConfig } from './boot/config.provider';
import { CrosswalkServiceModule } from './crosswalk-service.module';
import { describeFailure } from './cli/describe-failure';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(
    CrosswalkServiceModule.forRoot(bootOptionsFrom(process.env)),
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoLogger));
  // Finish the batch in flight, close the store and the sink, then exit 0: a deliberate stop.
  const stop = (signal: NodeJS.Signals) => {
    new Logger('Crosswalk').log(`${signal}: stopping`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`crosswalk: ${describeFailure(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop).once('SIGINT', stop);
  const config = app.get<AppConfig>(CROSSWALK_CONFIG);
  serveAdminDocs(app);
  await app.listen(config.http.port);
  new Logger('Crosswalk').log(`listening on :${config.http.port}, config ${config.file}`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`crosswalk: ${describeFailure(error)}\n`);
  process.exit(1);
});
