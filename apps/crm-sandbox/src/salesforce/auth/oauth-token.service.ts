import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { type SandboxClock } from '../../common/sandbox-clock';
import { OAuthError, OAuthErrorCode } from '../errors/oauth.error';
import {
  type ConnectedAppSpec,
  type ResolvedSalesforceOptions,
} from '../salesforce-sandbox.options';
import { SALESFORCE_OPTIONS, SANDBOX_CLOCK } from '../salesforce.tokens';
import { identityUrl, userIdAt } from './org-identity';
import { SessionRegistry } from './session-registry.service';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  instance_url: string;
  id: string;
  token_type: 'Bearer';
  issued_at: string;
  signature: string;
  scope: string;
}

export type TokenRequest = Readonly<Record<string, unknown>>;

/** The token endpoint's grants: JWT bearer, refresh token, username-password (sandbox orgs), client credentials. */
@Injectable()
export class OAuthTokenService {
  constructor(
    @Inject(SALESFORCE_OPTIONS) private readonly options: ResolvedSalesforceOptions,
    @Inject(SANDBOX_CLOCK) private readonly clock: SandboxClock,
    private readonly sessions: SessionRegistry,
  ) {}

  issue(request: TokenRequest, baseUrl: string): TokenResponse {
    switch (text(request, 'grant_type') ?? '') {
      case JWT_BEARER_GRANT:
        return this.jwtBearer(request, baseUrl);
      case 'refresh_token':
        return this.refresh(request, baseUrl);
      case 'password':
        return this.password(request, baseUrl);
      case 'client_credentials':
        return this.clientCredentials(request, baseUrl);
      default:
        throw new OAuthError(OAuthErrorCode.UnsupportedGrantType, 'grant type not supported');
    }
  }

  /** A refresh token as the web-server flow would have handed it out (the sandbox has no login page). */
  grantRefreshToken(username?: string, consumerKey?: string): string {
    const user = username ?? this.options.users[0]?.username;
    const app = consumerKey ?? this.options.connectedApps[0]?.consumerKey;
    if (!user || !app)
      throw new OAuthError(OAuthErrorCode.InvalidRequest, 'no user or connected app configured');
    return this.sessions.issueRefreshToken(user, app);
  }

  private jwtBearer(request: TokenRequest, baseUrl: string): TokenResponse {
    const assertion = text(request, 'assertion');
    if (!assertion) throw new OAuthError(OAuthErrorCode.InvalidRequest, 'assertion is required');
    const decoded = jwt.decode(assertion, { json: true });
    if (!decoded) throw new OAuthError(OAuthErrorCode.InvalidGrant, 'invalid assertion');
    const app = this.options.connectedApps.find(
      (candidate) => candidate.consumerKey === decoded.iss,
    );
    if (!app) throw new OAuthError(OAuthErrorCode.InvalidClientId, 'client identifier invalid');
    if (!app.certificate) throw new OAuthError(OAuthErrorCode.InvalidGrant, 'invalid assertion');
    const audiences = [baseUrl, `${baseUrl}/`, ...this.options.jwtAudiences];
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(assertion, app.certificate, {
        algorithms: ['RS256'],
        clockTimestamp: Math.floor(this.clock.nowMs() / 1000),
      }) as jwt.JwtPayload;
    } catch (error: unknown) {
      if (error instanceof jwt.TokenExpiredError)
        throw new OAuthError(OAuthErrorCode.InvalidGrant, 'expired assertion');
      throw new OAuthError(OAuthErrorCode.InvalidGrant, 'invalid assertion');
    }
    if (claims.exp === undefined)
      throw new OAuthError(OAuthErrorCode.InvalidGrant, 'invalid assertion: exp is required');
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.some((value) => value !== undefined && audiences.includes(value))) {
      throw new OAuthError(OAuthErrorCode.InvalidGrant, 'audience is invalid');
    }
    const user = this.options.users.find((candidate) => candidate.username === claims.sub);
    if (!user)
      throw new OAuthError(OAuthErrorCode.InvalidGrant, "user hasn't approved this consumer");
    return this.respond(user.username, app, baseUrl);
  }

  private refresh(request: TokenRequest, baseUrl: string): TokenResponse {
    const token = text(request, 'refresh_token');
    const grant = token ? this.sessions.findRefreshGrant(token) : undefined;
    if (!token || !grant)
      throw new OAuthError(OAuthErrorCode.InvalidGrant, 'expired access/refresh token');
    const app = this.appFor(request);
    if (app.consumerKey !== grant.consumerKey) {
      throw new OAuthError(OAuthErrorCode.InvalidGrant, 'expired access/refresh token');
    }
    const secret = text(request, 'client_secret');
    if (secret !== undefined && !sameSecret(secret, app.consumerSecret)) {
      throw new OAuthError(OAuthErrorCode.InvalidClient, 'invalid client credentials');
    }
    const response = this.respond(grant.username, app, baseUrl);
    if (!this.options.rotateRefreshTokens) return response;
    this.sessions.revokeRefreshToken(token);
    return {
      ...response,
      refresh_token: this.sessions.issueRefreshToken(grant.username, app.consumerKey),
    };
  }

  private password(request: TokenRequest, baseUrl: string): TokenResponse {
    if (this.options.orgType !== 'sandbox') {
      throw new OAuthError(OAuthErrorCode.UnsupportedGrantType, 'grant type not supported');
    }
    const app = this.authenticatedApp(request);
    const user = this.options.users.find(
      (candidate) => candidate.username === text(request, 'username'),
    );
    if (!user || !sameSecret(text(request, 'password') ?? '', user.password)) {
      throw new OAuthError(OAuthErrorCode.InvalidGrant, 'authentication failure');
    }
    return this.respond(user.username, app, baseUrl);
  }

  private clientCredentials(request: TokenRequest, baseUrl: string): TokenResponse {
    const app = this.authenticatedApp(request);
    const username = app.runAsUsername ?? this.options.users[0]?.username;
    if (!username)
      throw new OAuthError(OAuthErrorCode.InvalidGrant, 'no client credentials user enabled');
    return this.respond(username, app, baseUrl);
  }

  private appFor(request: TokenRequest): ConnectedAppSpec {
    const app = this.options.connectedApps.find(
      (candidate) => candidate.consumerKey === text(request, 'client_id'),
    );
    if (!app) throw new OAuthError(OAuthErrorCode.InvalidClientId, 'client identifier invalid');
    return app;
  }

  private authenticatedApp(request: TokenRequest): ConnectedAppSpec {
    const app = this.appFor(request);
    if (!sameSecret(text(request, 'client_secret') ?? '', app.consumerSecret)) {
      throw new OAuthError(OAuthErrorCode.InvalidClient, 'invalid client credentials');
    }
    return app;
  }

  private respond(username: string, app: ConnectedAppSpec, baseUrl: string): TokenResponse {
    const position = this.options.users.findIndex((user) => user.username === username);
    const id = identityUrl(baseUrl, userIdAt(Math.max(0, position)));
    const issuedAt = String(this.clock.nowMs());
    return {
      access_token: this.sessions.issueAccessToken(username, app.consumerKey),
      instance_url: baseUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
      // Salesforce signs id + issued_at with the consumer secret so a client can check the response
      signature: createHmac('sha256', app.consumerSecret)
        .update(id + issuedAt)
        .digest('base64'),
      scope: 'api refresh_token',
    };
  }
}

function text(request: TokenRequest, key: string): string | undefined {
  const value = request[key];
  return typeof value === 'string' ? value : undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
