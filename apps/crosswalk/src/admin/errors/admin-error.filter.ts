import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { CodedError } from '@crosswalk/model';
import { type Response } from 'express';
import { httpStatusOfCode } from './http-status.table';

/** The body of every admin API error. */
export interface AdminErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  /** The use case's error code, when it raised one. */
  code?: string;
}

/**
 * The one place where the admin API turns failures into statuses: coded errors by their code,
 * Nest's own HTTP exceptions as they are, anything else a 500 that is logged, not shown.
 */
@Catch()
export class AdminErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('AdminApi');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.bodyOf(error);
    response.status(body.statusCode).json(body);
  }

  private bodyOf(error: unknown): AdminErrorBody {
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const answer = error.getResponse();
      const message =
        typeof answer === 'object' && 'message' in answer
          ? (answer.message as string | string[])
          : error.message;
      return { statusCode: status, error: reasonOf(status), message };
    }
    if (error instanceof CodedError) {
      const code: string = (error as CodedError).code;
      const status: number = httpStatusOfCode(code);
      if (status >= 500) this.logger.error(`${error.message} [${code}]`, error.stack);
      return {
        statusCode: status,
        error: reasonOf(status),
        message: status >= 500 ? 'internal error' : error.message,
        code,
      };
    }
    this.logger.error(
      error instanceof Error ? error.message : String(error),
      error instanceof Error ? error.stack : undefined,
    );
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: reasonOf(HttpStatus.INTERNAL_SERVER_ERROR),
      message: 'internal error',
    };
  }
}

function reasonOf(status: number): string {
  const name = (HttpStatus as unknown as Record<number, string | undefined>)[status];
  return name === undefined
    ? 'Error'
    : name
        .toLowerCase()
        .split('_')
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join(' ');
}
