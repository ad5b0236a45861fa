import { type CustomerFacts, type CustomerKind, type SourceKey } from '@crosswalk/model';
import { emailKey, identifierParts, phoneKey } from '../support/value-keys';

/** Which values are trusted enough to link two records outright. */
export interface MatchKeyPolicy {
  /**
   * Identifier schemes that name one customer. A scheme also counts when it is a listed one
   * followed by `-<qualifier>` (`erp-customer-number-nordics`): customer numbers are unique
   * within one ERP only, so a deployment with several ERPs qualifies the scheme per ERP.
   */
  strongIdentifierSchemes: readonly string[];
  /**
   * Local parts of role mailboxes (`info@`, `sales@`) that several people share: they give a
   * person no key. An organization keeps them: `info@acme.example` does name Acme.
   */
  sharedMailboxLocalParts: readonly string[];
}

export const DEFAULT_MATCH_KEY_POLICY: MatchKeyPolicy = {
  strongIdentifierSchemes: [
    'vat',
    'vat-id',
    'tax-id',
    'tin',
    'ein',
    'national-id',
    'erp-customer-number',
    'duns',
    'lei',
  ],
  sharedMailboxLocalParts: [
    'accounting',
    'accounts',
    'admin',
    'billing',
    'contact',
    'customerservice',
    'do-not-reply',
    'donotreply',
    'enquiries',
    'finance',
    'hello',
    'help',
    'hr',
    'info',
    'inquiries',
    'invoice',
    'invoices',
    'kontakt',
    'mail',
    'marketing',
    'no-reply',
    'noreply',
    'office',
    'order',
    'orders',
    'post',
    'reception',
    'sales',
    'service',
    'support',
    'team',
  ],
};

const SOURCE_KEY_PREFIX = 'src:';

/** The `src:` key of a source record: links a record to its own cluster while reconciling. */
export function sourceMatchKey(key: SourceKey): string {
  return `${SOURCE_KEY_PREFIX}${key.connector}/${key.object}/${key.externalId}`;
}

/**
 * Whether a key is a record's own `src:` key. The store's key index leaves these out: its
 * customer links already say which customer holds each record.
 */
export function isSourceMatchKey(key: string): boolean {
  return key.startsWith(SOURCE_KEY_PREFIX);
}

export function isStrongScheme(scheme: string, policy: MatchKeyPolicy): boolean {
  const normalised = scheme.trim().toLowerCase();
  return policy.strongIdentifierSchemes.some(
    (strong) => normalised === strong || normalised.startsWith(`${strong}-`),
  );
}

/**
 * The deterministic match keys of a source record, sorted and unique:
 * `<kind>:email:<address>`, `<kind>:phone:<e164>`, `<kind>:id:<scheme>:<value>` and
 * `src:<connector>/<object>/<externalId>`. The kind prefix keeps a person and an
 * organization apart even when they share a switchboard number or a tax id.
 * Facts arrive normalised; the light clean-up here only makes keys robust to case and
 * decorative punctuation.
 */
export function matchKeysOf(
  facts: CustomerFacts,
  key: SourceKey,
  policy: MatchKeyPolicy = DEFAULT_MATCH_KEY_POLICY,
): string[] {
  const keys = new Set<string>([sourceMatchKey(key)]);
  for (const email of facts.emails) {
    const address = emailKeyValue(email, facts.kind, policy);
    if (address !== null) keys.add(`${facts.kind}:email:${address}`);
  }
  for (const phone of facts.phones) {
    const e164 = phoneKey(phone);
    // Anything not already in E.164 was not normalised and cannot be trusted to link.
    if (/^\+[1-9]\d{1,14}$/.test(e164)) keys.add(`${facts.kind}:phone:${e164}`);
  }
  for (const identifier of facts.identifiers) {
    if (!isStrongScheme(identifier.scheme, policy)) continue;
    const { scheme, value } = identifierParts(identifier);
    if (value !== '') keys.add(`${facts.kind}:id:${scheme}:${value}`);
  }
  return [...keys].sort();
}

function emailKeyValue(email: string, kind: CustomerKind, policy: MatchKeyPolicy): string | null {
  const address = emailKey(email);
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return null;
  if (kind === 'person' && policy.sharedMailboxLocalParts.includes(address.slice(0, at))) {
    return null;
  }
  return address;
}
