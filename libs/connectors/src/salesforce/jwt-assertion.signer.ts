import { sign } from 'jsonwebtoken';

/** Lifetime of a JWT bearer assertion: Salesforce accepts at most a few minutes. */
export const JWT_LIFETIME_SECONDS = 180;

export interface JwtAssertionClaims {
  clientId: string;
  username: string;
  /** The login URL (login.salesforce.com, test.salesforce.com or the My Domain). */
  audience: string;
}

/** The RS256-signed assertion of the OAuth 2.0 JWT bearer flow (iss = client, sub = user). */
export function signJwtAssertion(
  claims: JwtAssertionClaims,
  privateKey: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): string {
  return sign(
    {
      iss: claims.clientId,
      sub: claims.username,
      aud: claims.audience.replace(/\/+$/, ''),
      exp: nowSeconds + JWT_LIFETIME_SECONDS,
    },
    privateKey,
    { algorithm: 'RS256' },
  );
}
