import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { type SandboxClock } from '../../common/sandbox-clock';
import { SessionRegistry } from '../auth/session-registry.service';
import { SalesforceApiError, SalesforceErrorCode } from '../errors/salesforce-api.error';
import { sendSalesforceError } from '../errors/salesforce-exception.filter';
import { SANDBOX_CLOCK } from '../salesforce.tokens';
import { ApiUsageService } from './api-usage.service';
import { type FaultKind, FaultInjector } from './fault-injector.service';
import { classifyEndpoint, isPublicEndpoint, type SalesforceEndpoint } from './salesforce-endpoint';

export const SESSION_LOCAL = 'salesforceSession';
const GATE_PASSED = 'salesforceGatePassed';

/**
 * Runs before every Salesforce route, in the order Salesforce's edge would: count the call,
 * apply injected faults, check the session, take the call from the daily allowance, and put
 * `Sforce-Limit-Info` on the response. The `Date` header tells the sandbox clock, not the host's:
 * clients take it as Salesforce's "now" (replication windows, overlap).
 */
@Injectable()
export class SalesforceGateMiddleware implements NestMiddleware {
  constructor(
    private readonly usage: ApiUsageService,
    private readonly faults: FaultInjector,
    private readonly sessions: SessionRegistry,
    @Inject(SANDBOX_CLOCK) private readonly clock: SandboxClock,
  ) {}

  use(request: Request, response: Response, next: NextFunction): void {
    // Nest applies route middleware once per matching route pattern (`:object/describe` also
    // matches `:object/:id`): a request passes the gate once
    if (response.locals[GATE_PASSED] === true) {
      next();
      return;
    }
    response.locals[GATE_PASSED] = true;
    response.setHeader('Date', this.clock.now().toUTCString());
    const path = request.originalUrl.split('?')[0] ?? '';
    const endpoint = classifyEndpoint(request.method, path);
    this.usage.countCall(endpoint);
    const decision = this.faults.decide(endpoint);
    const proceed = (): void => this.admit(endpoint, decision.terminal, request, response, next);
    if (decision.latencyMs > 0) setTimeout(proceed, decision.latencyMs);
    else proceed();
  }

  private admit(
    endpoint: SalesforceEndpoint,
    fault: Exclude<FaultKind, 'latency'> | undefined,
    request: Request,
    response: Response,
    next: NextFunction,
  ): void {
    if (request.socket.destroyed) return;
    if (!isPublicEndpoint(endpoint))
      response.setHeader('Sforce-Limit-Info', this.usage.limitInfo());
    if (fault) {
      this.applyFault(fault, request, response);
      return;
    }
    if (isPublicEndpoint(endpoint)) {
      next();
      return;
    }
    const session = this.sessions.resolve(bearerToken(request) ?? '');
    if (!session) {
      sendSalesforceError(response, SalesforceApiError.invalidSession());
      return;
    }
    if (!this.usage.tryConsume()) {
      sendSalesforceError(response, SalesforceApiError.requestLimitExceeded());
      return;
    }
    response.setHeader('Sforce-Limit-Info', this.usage.limitInfo());
    response.locals[SESSION_LOCAL] = session;
    next();
  }

  private applyFault(
    fault: Exclude<FaultKind, 'latency'>,
    request: Request,
    response: Response,
  ): void {
    switch (fault) {
      case 'drop-connection':
        request.socket.destroy();
        return;
      case 'invalid-session':
        this.sessions.expireAll();
        sendSalesforceError(response, SalesforceApiError.invalidSession());
        return;
      case 'request-limit':
        sendSalesforceError(response, SalesforceApiError.requestLimitExceeded());
        return;
      case 'unavailable':
        sendSalesforceError(
          response,
          new SalesforceApiError(
            503,
            SalesforceErrorCode.ServerUnavailable,
            'Server temporarily unavailable',
          ),
        );
        return;
      case 'too-many-requests':
        response.setHeader('Retry-After', '1');
        sendSalesforceError(
          response,
          new SalesforceApiError(
            429,
            SalesforceErrorCode.RequestLimitExceeded,
            'Too many requests',
          ),
        );
        return;
      case 'server-error':
        sendSalesforceError(
          response,
          new SalesforceApiError(
            500,
            SalesforceErrorCode.UnknownException,
            'An unexpected error occurred',
          ),
        );
        return;
    }
  }
}

function bearerToken(request: Request): string | undefined {
  const header = request.get('authorization');
  const match = header ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header.trim()) : null;
  return match?.[1];
}
