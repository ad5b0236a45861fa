import { CodedError } from '@crosswalk/model';

/** The reason a command failed, for a terminal: code and message, no stack. */
export function describeFailure(error: unknown): string {
  if (error instanceof CodedError) return `${error.message} [${error.code}]`;
  if (error instanceof Error) return error.message;
  return String(error);
}
