/**
 * Base of every error Crosswalk raises on purpose. Each module declares its own code enum;
 * one handler (in sync for runs, in the HTTP layer for requests) decides retry and status
 * from the code, never from the message.
 */
export class CodedError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
