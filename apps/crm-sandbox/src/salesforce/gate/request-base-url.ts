import { type Request } from 'express';

/** Scheme, host and port the client used: the sandbox's instance URL and JWT audience. */
export function requestBaseUrl(request: Request): string {
  return `${request.protocol}://${request.get('host') ?? 'localhost'}`;
}
