import {
  KafkaJSAggregateError,
  KafkaJSBrokerNotFound,
  KafkaJSConnectionError,
  KafkaJSError,
  KafkaJSMetadataNotLoaded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
  KafkaJSSASLAuthenticationError,
  KafkaJSTimeout,
} from 'kafkajs';
import { EventsError, EventsErrorCode } from '../../events-error';

/** Broker error types that mean "not allowed": retrying with the same credentials will not help. */
const AUTH_TYPES = new Set([
  'SASL_AUTHENTICATION_FAILED',
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'ILLEGAL_SASL_STATE',
  'UNSUPPORTED_SASL_MECHANISM',
]);

/** Broker error types that reject the records or the request themselves. */
const REJECT_TYPES = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TOPIC_EXCEPTION',
  'POLICY_VIOLATION',
  'UNSUPPORTED_FOR_MESSAGE_FORMAT',
  'INVALID_REQUIRED_ACKS',
]);

/**
 * Maps whatever kafkajs threw to a coded error: temporary (the relay retries the batch later)
 * or fatal (an operator must act). kafkajs wraps the failure that exhausted its retries in
 * `cause`, so the whole chain is inspected.
 */
export function classifyKafkaError(error: unknown, action: string): EventsError {
  if (error instanceof EventsError) return error;
  const chain = causeChain(error);
  const code = codeOf(chain);
  const message = error instanceof Error ? error.message : String(error);
  const protocolType = chain.find((e) => e instanceof KafkaJSProtocolError)?.type;
  return new EventsError(
    code,
    `Kafka ${action} failed: ${message}`,
    protocolType === undefined ? {} : { kafkaErrorType: protocolType },
    { cause: error },
  );
}

function codeOf(chain: readonly unknown[]): EventsErrorCode {
  const types = chain.flatMap((e) => (e instanceof KafkaJSProtocolError ? [e.type] : []));
  if (
    chain.some((e) => e instanceof KafkaJSSASLAuthenticationError) ||
    types.some((t) => AUTH_TYPES.has(t))
  ) {
    return EventsErrorCode.SinkAuth;
  }
  if (types.some((t) => REJECT_TYPES.has(t))) return EventsErrorCode.MessageRejected;
  const temporary = chain.some(
    (e) =>
      e instanceof KafkaJSConnectionError ||
      e instanceof KafkaJSRequestTimeoutError ||
      e instanceof KafkaJSBrokerNotFound ||
      e instanceof KafkaJSMetadataNotLoaded ||
      e instanceof KafkaJSTimeout ||
      (e instanceof KafkaJSProtocolError && e.retriable),
  );
  if (temporary) return EventsErrorCode.SinkUnavailable;
  // A bare KafkaJSError that kafkajs itself calls retriable (e.g. leader changes).
  const innermost = chain[chain.length - 1];
  if (innermost instanceof KafkaJSError && innermost.retriable) {
    return EventsErrorCode.SinkUnavailable;
  }
  return EventsErrorCode.SinkFailed;
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  const pending: unknown[] = [error];
  while (pending.length > 0 && chain.length < 20) {
    const current = pending.shift();
    if (current === undefined || current === null || chain.includes(current)) continue;
    chain.push(current);
    if (current instanceof KafkaJSAggregateError) {
      pending.push(...current.errors);
    }
    if (current instanceof Error && current.cause !== undefined) pending.push(current.cause);
  }
  return chain;
}
