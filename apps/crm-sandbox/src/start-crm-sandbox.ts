import 'reflect-metadata';
import { type AddressInfo } from 'node:net';
import { type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { SandboxClock } from './common/sandbox-clock';
import { CrmSandboxModule } from './crm-sandbox.module';
import { SalesforceSandboxControl } from './salesforce/control/salesforce-sandbox.control';
import {
  resolveSalesforceOptions,
  type SalesforceSandboxOptions,
} from './salesforce/salesforce-sandbox.options';

export interface CrmSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seed of every generated value. Default 1. */
  seed?: number;
  /** The sandbox clock's start (default: the real time). Seeded timestamps end a minute before it. */
  startTime?: Date;
  salesforce?: SalesforceSandboxOptions;
  /** Nest log levels; default errors only. */
  logLevels?: LogLevel[];
}

export interface CrmSandbox {
  /** Base URL, e.g. http://127.0.0.1:41234: the Salesforce login URL and instance URL. */
  readonly url: string;
  readonly salesforce: SalesforceSandboxControl;
  close(): Promise<void>;
}

/** Starts the sandbox in this process and resolves once it listens. */
export async function startCrmSandbox(options: CrmSandboxOptions = {}): Promise<CrmSandbox> {
  const clock = new SandboxClock(options.startTime);
  const salesforce = resolveSalesforceOptions(options.seed ?? 1, options.salesforce ?? {});
  const app = await NestFactory.create<NestExpressApplication>(
    CrmSandboxModule.forRoot({ clock, salesforce }),
    {
      logger: options.logLevels ?? ['error'],
    },
  );
  // jsforce sends the Bulk job body as JSON; Salesforce answers sobject writes of up to a few MB
  app.useBodyParser('json', { limit: '10mb' });
  const host = options.host ?? '127.0.0.1';
  await app.listen(options.port ?? 0, host);
  const address = app.getHttpServer().address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    salesforce: app.get(SalesforceSandboxControl),
    close: async () => {
      const server = app.getHttpServer() as { closeAllConnections?: () => void };
      server.closeAllConnections?.();
      await app.close();
    },
  };
}
