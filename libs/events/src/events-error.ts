import { CodedError } from '@crosswalk/model';

/** Failures of the event path. The relay retries temporary ones on its next tick. */
export enum EventsErrorCode {
  /** Broker unreachable, timed out, not enough in-sync replicas, disk momentarily full. */
  SinkUnavailable = 'EVENTS_SINK_UNAVAILABLE',
  /** Authentication or authorization refused by the broker. */
  SinkAuth = 'EVENTS_SINK_AUTH',
  /** The broker refused the records themselves (too large, invalid, policy). */
  MessageRejected = 'EVENTS_MESSAGE_REJECTED',
  /** An existing topic's configuration contradicts what the topic is for. */
  TopicMisconfigured = 'EVENTS_TOPIC_MISCONFIGURED',
  /** Any other sink failure that retrying will not cure. */
  SinkFailed = 'EVENTS_SINK_FAILED',
  /** Publish after close. */
  SinkClosed = 'EVENTS_SINK_CLOSED',
  /** A message or an envelope input that breaks the contract (bad JSON value, empty source). */
  InvalidMessage = 'EVENTS_INVALID_MESSAGE',
}

const TEMPORARY_CODES: ReadonlySet<EventsErrorCode> = new Set([EventsErrorCode.SinkUnavailable]);

export class EventsError extends CodedError<EventsErrorCode> {
  /** True when the same publish may succeed later without anyone changing anything. */
  get temporary(): boolean {
    return TEMPORARY_CODES.has(this.code);
  }
}

export function isTemporaryEventsError(error: unknown): boolean {
  return error instanceof EventsError && error.temporary;
}
