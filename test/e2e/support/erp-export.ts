import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const ERP_CSV_HEADER = 'CUSTNO;NAME;EMAIL;PHONE;COUNTRY;VAT_NO;CHANGED_AT';

/**
 * A deterministic ERP customer export of `rows` organisations. Every 10th customer repeats the
 * e-mail of the one before (a duplicate to merge) and every 500th has a broken e-mail
 * (quarantined); the rest are distinct.
 */
export async function writeErpCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  out.write(`${ERP_CSV_HEADER}\n`);
  for (let index = 1; index <= rows; index += 1) {
    const shared = index % 10 === 0 ? index - 1 : index;
    const email =
      index % 500 === 0 ? `broken-${index}.example.test` : `billing${shared}@firm${shared}.example`;
    const phone = `070-${String(10_000_000 + index).slice(1)}`;
    const line = [
      `C${String(index).padStart(6, '0')}`,
      `Firm ${index} AB`,
      email,
      phone,
      index % 3 === 0 ? 'Sverige' : 'SE',
      `SE${String(100_000_000 + index)}01`,
      `2026-01-${String(1 + (index % 28)).padStart(2, '0')} 10:00:00`,
    ].join(';');
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export const ERP_CSV_MAPPING = `objects:
  customers:
    kind: organization
    externalId: CUSTNO
    modifiedAt: { from: CHANGED_AT, format: "yyyy-MM-dd HH:mm:ss" }
    fields:
      legalName: { from: NAME, transforms: [trim] }
      emails: { from: EMAIL }
      phones: { from: PHONE }
      addresses[0].country: { from: COUNTRY }
      identifiers.vat: { from: VAT_NO }
      identifiers.erp-customer-number: { from: CUSTNO }
`;
