/**
 * The generated customers the sources share. A pool index always yields the same
 * organisation, so two sources holding one index hold the same customer (same VAT id and
 * e-mail) and reconcile into one golden record.
 */
export interface PoolCustomer {
  index: number;
  number: string;
  name: string;
  email: string;
  phone: string;
  country: string;
  vat: string;
}

/** Every 50th customer shares the e-mail of the one before it: a duplicate to merge. */
const DUPLICATE_EVERY = 50;

export function poolCustomer(index: number): PoolCustomer {
  const mailbox = index % DUPLICATE_EVERY === 0 ? index - 1 : index;
  return {
    index,
    number: `C${String(index).padStart(8, '0')}`,
    name: `Firm ${index} AB`,
    email: `billing${mailbox}@firm${mailbox}.example`,
    phone: `070-${String(10_000_000 + (index % 10_000_000)).slice(1)}`,
    country: index % 3 === 0 ? 'Sverige' : 'SE',
    vat: `SE${String(1_000_000_000 + index).slice(1)}01`,
  };
}

/**
 * Splits `records` source records among `sources` sources: the first holds fresh customers;
 * each further one holds `overlap` of its records in customers the first also holds, the
 * rest fresh. Returns the pool indexes of each source.
 */
export function sharePool(records: number, sources: number, overlap: number): number[][] {
  const sizes = Array.from(
    { length: sources },
    (_, s) => Math.floor(records / sources) + (s < records % sources ? 1 : 0),
  );
  const first = sizes[0] ?? 0;
  const shares: number[][] = [Array.from({ length: first }, (_, i) => i + 1)];
  let next = first + 1;
  for (const size of sizes.slice(1)) {
    const shared = Math.round(size * overlap);
    const indexes: number[] = [];
    // Shared customers spread over the first source's range rather than its head.
    const stride = shared > 0 ? Math.max(1, Math.floor(first / shared)) : 1;
    for (let i = 0; i < shared; i += 1) indexes.push(1 + ((i * stride) % Math.max(1, first)));
    for (let i = shared; i < size; i += 1) indexes.push(next++);
    shares.push(indexes);
  }
  return shares;
}
