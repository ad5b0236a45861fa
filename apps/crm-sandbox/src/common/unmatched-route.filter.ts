import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { type Request, type Response } from 'express';

/**
 * Routes no vendor module claims. Under /services/ the answer takes Salesforce's error shape,
 * since clients there parse `[{ message, errorCode }]`.
 */
@Catch()
export class UnmatchedRouteFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const message =
      status === 404
        ? 'The requested resource does not exist'
        : exception instanceof Error
          ? exception.message
          : 'error';
    if (request.path.startsWith('/services/')) {
      response
        .status(status)
        .json([{ message, errorCode: status === 404 ? 'NOT_FOUND' : 'UNKNOWN_EXCEPTION' }]);
      return;
    }
    response.status(status).json({ statusCode: status, message });
  }
}
