import { salesforceId } from '../data/salesforce-id';

export const ORG_ID = salesforceId('00D', 1);

export function userIdAt(position: number): string {
  return salesforceId('005', position + 1);
}

/** The identity URL token responses carry: `<instance>/id/<orgId>/<userId>`. */
export function identityUrl(baseUrl: string, userId: string): string {
  return `${baseUrl}/id/${ORG_ID}/${userId}`;
}
