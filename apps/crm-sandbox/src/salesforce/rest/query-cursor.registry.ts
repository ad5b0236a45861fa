import { Inject, Injectable } from '@nestjs/common';
import { type SandboxClock } from '../../common/sandbox-clock';
import { salesforceId } from '../data/salesforce-id';
import { SalesforceApiError, SalesforceErrorCode } from '../errors/salesforce-api.error';
import { SANDBOX_CLOCK } from '../salesforce.tokens';
import { type BoundQuery } from '../soql/soql-binder';

export interface QueryCursor {
  readonly id: string;
  readonly owner: string;
  readonly query: BoundQuery;
  readonly indexes: readonly number[];
  readonly batchSize: number;
  lastUsedMs: number;
}

// Salesforce keeps at most 10 open cursors per user (the oldest closes) and drops idle ones after 15 minutes
const MAX_CURSORS_PER_USER = 10;
const IDLE_LIMIT_MS = 15 * 60_000;

/** Open query cursors behind `nextRecordsUrl` locators (`<cursor id>-<offset>`). */
@Injectable()
export class QueryCursorRegistry {
  private readonly cursors = new Map<string, QueryCursor>();
  private sequence = 0;

  constructor(@Inject(SANDBOX_CLOCK) private readonly clock: SandboxClock) {}

  open(
    owner: string,
    query: BoundQuery,
    indexes: readonly number[],
    batchSize: number,
  ): QueryCursor {
    const cursor: QueryCursor = {
      id: salesforceId('01g', ++this.sequence),
      owner,
      query,
      indexes,
      batchSize,
      lastUsedMs: this.clock.nowMs(),
    };
    this.cursors.set(cursor.id, cursor);
    const owned = [...this.cursors.values()].filter((candidate) => candidate.owner === owner);
    for (const stale of owned.slice(0, Math.max(0, owned.length - MAX_CURSORS_PER_USER)))
      this.cursors.delete(stale.id);
    return cursor;
  }

  /** The cursor and offset a locator names, or INVALID_QUERY_LOCATOR. */
  resolve(locator: string): { cursor: QueryCursor; offset: number } {
    const match = /^(01g[A-Za-z0-9]{15})-(\d+)$/.exec(locator);
    const cursor = match ? this.cursors.get(match[1] ?? '') : undefined;
    const offset = Number(match?.[2]);
    if (
      !cursor ||
      cursor.lastUsedMs + IDLE_LIMIT_MS < this.clock.nowMs() ||
      offset > cursor.indexes.length
    ) {
      if (cursor) this.cursors.delete(cursor.id);
      throw SalesforceApiError.badRequest(
        SalesforceErrorCode.InvalidQueryLocator,
        'invalid query locator',
      );
    }
    cursor.lastUsedMs = this.clock.nowMs();
    return { cursor, offset };
  }

  close(cursor: QueryCursor): void {
    this.cursors.delete(cursor.id);
  }

  static locator(cursor: QueryCursor, offset: number): string {
    return `${cursor.id}-${offset}`;
  }
}
