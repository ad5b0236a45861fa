import {
  KafkaJSConnectionError,
  KafkaJSError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import { EventsError, EventsErrorCode } from '../../events-error';
import { classifyKafkaError } from './kafka-error.mapper';

function protocol(type: string, retriable: boolean): KafkaJSProtocolError {
  // The shape kafkajs decodes broker error codes into.
  return new KafkaJSProtocolError(
    Object.assign(new Error(`broker said ${type}`), { type, code: 1, retriable }),
  );
}

/** What kafkajs' retrier throws on a non-retriable failure (its typings omit the options). */
function nonRetriable(cause: Error): KafkaJSNonRetriableError {
  const Wrapper = KafkaJSNonRetriableError as unknown as new (
    e: Error,
    options: { cause: Error },
  ) => KafkaJSNonRetriableError;
  return new Wrapper(cause, { cause });
}

function saslFailure(message: string): KafkaJSSASLAuthenticationError {
  const Failure = KafkaJSSASLAuthenticationError as unknown as new (
    e: string,
  ) => KafkaJSSASLAuthenticationError;
  return new Failure(message);
}

function exhausted(cause: Error): KafkaJSNumberOfRetriesExceeded {
  return new KafkaJSNumberOfRetriesExceeded(cause, { retryCount: 5, retryTime: 100 });
}

describe('classifyKafkaError', () => {
  it.each([
    [
      'a refused connection',
      new KafkaJSConnectionError('connect ECONNREFUSED'),
      'EVENTS_SINK_UNAVAILABLE',
    ],
    [
      'retries exhausted on a connection',
      exhausted(new KafkaJSConnectionError('Connection timeout')),
      'EVENTS_SINK_UNAVAILABLE',
    ],
    [
      'a request timeout',
      new KafkaJSRequestTimeoutError('Request Produce timed out'),
      'EVENTS_SINK_UNAVAILABLE',
    ],
    [
      'not enough replicas',
      exhausted(protocol('NOT_ENOUGH_REPLICAS', true)),
      'EVENTS_SINK_UNAVAILABLE',
    ],
    ['a leader change', protocol('NOT_LEADER_FOR_PARTITION', true), 'EVENTS_SINK_UNAVAILABLE'],
    [
      'a plain retriable kafkajs error',
      new KafkaJSError('metadata refresh'),
      'EVENTS_SINK_UNAVAILABLE',
    ],
    ['failed SASL', saslFailure('SASL PLAIN authentication failed'), 'EVENTS_SINK_AUTH'],
    [
      'a topic ACL',
      nonRetriable(protocol('TOPIC_AUTHORIZATION_FAILED', false)),
      'EVENTS_SINK_AUTH',
    ],
    [
      'a message too large',
      nonRetriable(protocol('MESSAGE_TOO_LARGE', false)),
      'EVENTS_MESSAGE_REJECTED',
    ],
    ['a policy violation', protocol('POLICY_VIOLATION', false), 'EVENTS_MESSAGE_REJECTED'],
    [
      'an unknown non-retriable kafkajs error',
      new KafkaJSNonRetriableError('invariant'),
      'EVENTS_SINK_FAILED',
    ],
    ['a programming error', new TypeError('x is undefined'), 'EVENTS_SINK_FAILED'],
  ] as const)('classifies %s', (_, error, code) => {
    const classified = classifyKafkaError(error, 'publish');
    expect(classified).toBeInstanceOf(EventsError);
    expect(classified.code).toBe(code);
    expect(classified.temporary).toBe(code === 'EVENTS_SINK_UNAVAILABLE');
    expect(classified.message).toMatch(/^Kafka publish failed: /);
    expect(classified.cause).toBe(error);
  });

  it('keeps the broker error type in the details', () => {
    const classified = classifyKafkaError(
      exhausted(protocol('NOT_ENOUGH_REPLICAS', true)),
      'publish',
    );
    expect(classified.details).toEqual({ kafkaErrorType: 'NOT_ENOUGH_REPLICAS' });
  });

  it('passes an already coded error through', () => {
    const coded = new EventsError(EventsErrorCode.TopicMisconfigured, 'snapshot not compacted');
    expect(classifyKafkaError(coded, 'publish')).toBe(coded);
  });
});
