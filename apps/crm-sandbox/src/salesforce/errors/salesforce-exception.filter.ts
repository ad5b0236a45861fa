import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { type Response } from 'express';
import { OAuthError } from './oauth.error';
import { SalesforceApiError, SalesforceErrorCode } from './salesforce-api.error';

export function sendSalesforceError(response: Response, error: SalesforceApiError): void {
  response.status(error.status).json(error.toBody());
}

/** Renders every failure of a Salesforce route in Salesforce's error shape. */
@Catch()
export class SalesforceExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (exception instanceof OAuthError) {
      response.status(exception.status).json(exception.toBody());
      return;
    }
    sendSalesforceError(response, toSalesforceError(exception));
  }
}

function toSalesforceError(exception: unknown): SalesforceApiError {
  if (exception instanceof SalesforceApiError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return SalesforceApiError.notFound();
    // body-parser failures surface as 400 HttpExceptions
    if (status === 400) {
      return SalesforceApiError.badRequest(SalesforceErrorCode.JsonParserError, exception.message);
    }
    return new SalesforceApiError(status, SalesforceErrorCode.UnknownException, exception.message);
  }
  const message = exception instanceof Error ? exception.message : 'An unexpected error occurred';
  return new SalesforceApiError(500, SalesforceErrorCode.UnknownException, message);
}
