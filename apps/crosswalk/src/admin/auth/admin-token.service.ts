import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type AdminToken } from '@crosswalk/config';
import { CROSSWALK_CONFIG } from '../../boot/boot-options';
import { type AppConfig } from '../../boot/config.provider';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The configured admin tokens, and who presents which. */
@Injectable()
export class AdminTokenService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminApi');
  private readonly tokens: readonly { name: string; digest: Buffer }[];

  constructor(@Inject(CROSSWALK_CONFIG) config: AppConfig) {
    this.tokens = tokenDigests(config.http.adminTokens);
  }

  onApplicationBootstrap(): void {
    if (this.tokens.length === 0) {
      this.logger.warn(
        'no http.adminTokens configured: the admin API under /api answers 401 to every request',
      );
    }
  }

  /** The token's name for an `Authorization: Bearer ...` header; null when it matches none. */
  identify(authorization: string | undefined): string | null {
    const presented = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
    if (presented === undefined) return null;
    return matchToken(this.tokens, presented);
  }
}

export function tokenDigests(tokens: readonly AdminToken[]): { name: string; digest: Buffer }[] {
  return tokens.map((entry) => ({ name: entry.name, digest: digest(entry.token) }));
}

/**
 * Compares digests (equal lengths whatever the input) in constant time, and every token
 * each time, so neither the length nor the position of a match shows in the response time.
 */
export function matchToken(
  tokens: readonly { name: string; digest: Buffer }[],
  presented: string,
): string | null {
  const candidate = digest(presented);
  let found: string | null = null;
  for (const token of tokens) {
    if (timingSafeEqual(token.digest, candidate) && found === null) found = token.name;
  }
  return found;
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
