import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type SandboxClock } from '../../common/sandbox-clock';
import { type ResolvedSalesforceOptions } from '../salesforce-sandbox.options';
import { SALESFORCE_OPTIONS, SANDBOX_CLOCK } from '../salesforce.tokens';

export interface Session {
  readonly username: string;
  readonly consumerKey: string;
  readonly expiresAtMs: number;
}

export interface RefreshGrant {
  readonly username: string;
  readonly consumerKey: string;
}

const ORG_ID_15 = '00D8d0000000001';

/** Access and refresh tokens the sandbox issued; tokens expire on the sandbox clock. */
@Injectable()
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();

  constructor(
    @Inject(SALESFORCE_OPTIONS) private readonly options: ResolvedSalesforceOptions,
    @Inject(SANDBOX_CLOCK) private readonly clock: SandboxClock,
  ) {}

  issueAccessToken(username: string, consumerKey: string): string {
    // Salesforce session ids start with the org id and an exclamation mark
    const token = `${ORG_ID_15}!${randomBytes(48).toString('base64url')}`;
    this.sessions.set(token, {
      username,
      consumerKey,
      expiresAtMs: this.clock.nowMs() + this.options.accessTokenTtlSeconds * 1000,
    });
    return token;
  }

  /** The live session of a bearer token, or undefined when unknown or expired. */
  resolve(token: string): Session | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (session.expiresAtMs <= this.clock.nowMs()) {
      this.sessions.delete(token);
      return undefined;
    }
    return session;
  }

  expireAll(): number {
    const count = this.sessions.size;
    this.sessions.clear();
    return count;
  }

  issueRefreshToken(username: string, consumerKey: string): string {
    const token = `5Aep8${randomBytes(40).toString('base64url')}`;
    this.refreshGrants.set(token, { username, consumerKey });
    return token;
  }

  findRefreshGrant(token: string): RefreshGrant | undefined {
    return this.refreshGrants.get(token);
  }

  revokeRefreshToken(token: string): void {
    this.refreshGrants.delete(token);
  }

  revokeAllRefreshTokens(): void {
    this.refreshGrants.clear();
  }
}
