// Digits then upper then lower case: ASCII order, so ids sort like the indexes they encode.
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const POD = '8d0';

/** 18-character Salesforce id: key prefix, pod, 9 base-62 digits of the index, case-safe suffix. */
export function salesforceId(keyPrefix: string, index: number): string {
  let digits = '';
  let rest = index;
  for (let i = 0; i < 9; i++) {
    digits = BASE62.charAt(rest % 62) + digits;
    rest = Math.floor(rest / 62);
  }
  const id15 = `${keyPrefix}${POD}${digits}`;
  return id15 + caseSafeSuffix(id15);
}

/** The index encoded in an id of the given key prefix, or undefined when it is not one of ours. */
export function indexFromId(keyPrefix: string, id: string): number | undefined {
  if ((id.length !== 15 && id.length !== 18) || !id.startsWith(keyPrefix + POD)) return undefined;
  const id15 = id.slice(0, 15);
  if (id.length === 18 && id.slice(15) !== caseSafeSuffix(id15)) return undefined;
  let index = 0;
  for (const char of id15.slice(6)) {
    const digit = BASE62.indexOf(char);
    if (digit < 0) return undefined;
    index = index * 62 + digit;
  }
  return index;
}

export function isSalesforceIdShape(value: string): boolean {
  return /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value);
}

/** Salesforce's suffix: for each 5-character chunk, a bit per upper-case letter. */
function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const char = id15.charAt(chunk * 5 + i);
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}
