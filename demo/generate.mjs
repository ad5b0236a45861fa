#!/usr/bin/env node
// Writes the demo's sample ERP exports into demo/generated/: the same customers seen by four
// legacy sources, with overlaps, duplicates and the dirty values real exports carry.
// Deterministic: a fixed seed and a fixed reference date, so every run writes the same bytes.
import { Faker, base, da, de, en, fi, fr, nb_NO, sv, tr } from '@faker-js/faker';
import iconv from 'iconv-lite';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 20240301;
const REF_DATE = new Date('2025-06-01T00:00:00Z');
const OUT = join(dirname(fileURLToPath(import.meta.url)), 'generated');

/** Per market: faker locale, country names as exporters write them, phone formats, VAT. */
const MARKETS = {
  SE: {
    locale: [sv, en, base],
    names: ['SE', 'Sweden', 'Sverige', 'SWEDEN', 'se'],
    mobile: (f) => `7${f.helpers.arrayElement(['0', '2', '3', '6'])}${f.string.numeric(7)}`,
    local: (n) => `0${n.slice(0, 2)}-${n.slice(2, 5)} ${n.slice(5, 7)} ${n.slice(7)}`,
    code: '46',
    vat: (f) => `SE${f.string.numeric(10)}01`,
  },
  NO: {
    locale: [nb_NO, en, base],
    names: ['NO', 'Norway', 'Norge'],
    mobile: (f) => `${f.helpers.arrayElement(['4', '9'])}${f.string.numeric(7)}`,
    local: (n) => `${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`,
    code: '47',
    vat: (f) => `NO${f.string.numeric(9)}MVA`,
  },
  DK: {
    locale: [da, en, base],
    names: ['DK', 'Denmark', 'Danmark'],
    mobile: (f) =>
      `${f.helpers.arrayElement(['20', '21', '22', '30', '31'])}${f.string.numeric(6)}`,
    local: (n) => `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6)}`,
    code: '45',
    vat: (f) => `DK${f.string.numeric(8)}`,
  },
  FI: {
    locale: [fi, en, base],
    names: ['FI', 'Finland', 'Suomi'],
    mobile: (f) => `${f.helpers.arrayElement(['40', '50'])}${f.string.numeric(7)}`,
    local: (n) => `0${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5)}`,
    code: '358',
    vat: (f) => `FI${f.string.numeric(8)}`,
  },
  DE: {
    locale: [de, en, base],
    names: ['DE', 'Germany', 'Deutschland'],
    mobile: (f) => `${f.helpers.arrayElement(['151', '160', '170', '176'])}${f.string.numeric(8)}`,
    local: (n) => `0${n.slice(0, 3)} ${n.slice(3)}`,
    code: '49',
    vat: (f) => `DE${f.string.numeric(9)}`,
  },
  TR: {
    locale: [tr, en, base],
    names: ['TR', 'Turkey', 'Türkiye', 'Turkiye'],
    mobile: (f) => `5${f.helpers.arrayElement(['32', '33', '42', '53'])}${f.string.numeric(7)}`,
    local: (n) => `0${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6, 8)} ${n.slice(8)}`,
    code: '90',
    vat: (f) => `TR${f.string.numeric(10)}`,
  },
  FR: {
    locale: [fr, en, base],
    names: ['FR', 'France'],
    mobile: (f) => `${f.helpers.arrayElement(['6', '7'])}${f.string.numeric(8)}`,
    local: (n) => `0${n[0]} ${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7)}`,
    code: '33',
    vat: (f) => `FR${f.string.numeric(11)}`,
  },
};
const COUNTRY_WEIGHTS = [
  { weight: 30, value: 'SE' },
  { weight: 12, value: 'NO' },
  { weight: 10, value: 'DK' },
  { weight: 10, value: 'FI' },
  { weight: 15, value: 'DE' },
  { weight: 15, value: 'TR' },
  { weight: 8, value: 'FR' },
];

const faker = new Faker({ locale: [en, base] });
faker.seed(SEED);
faker.setDefaultRefDate(REF_DATE);
const local = Object.fromEntries(
  Object.entries(MARKETS).map(([country, market], i) => {
    const f = new Faker({ locale: market.locale });
    f.seed(SEED + i + 1);
    f.setDefaultRefDate(REF_DATE);
    return [country, f];
  }),
);

const slug = (text) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');

/** The population: what the real customers are, before any system garbles them. */
function makeCustomers(count) {
  const customers = [];
  for (let i = 0; i < count; i += 1) {
    const country = faker.helpers.weightedArrayElement(COUNTRY_WEIGHTS);
    const f = local[country];
    const market = MARKETS[country];
    const organization = faker.number.float() < 0.35;
    const givenName = f.person.firstName();
    const familyName = f.person.lastName();
    const companyName = organization ? f.company.name() : undefined;
    const domain = organization
      ? `${slug(companyName).slice(0, 24)}.example`
      : faker.helpers.arrayElement(['mail.example', 'post.example', 'inbox.example']);
    const mobile = market.mobile(faker);
    customers.push({
      key: i + 1,
      country,
      organization,
      givenName,
      familyName,
      companyName,
      email: organization
        ? `info@${domain}`
        : `${slug(givenName)}.${slug(familyName)}${faker.number.int(99)}@${domain}`,
      mobile,
      street: f.location.streetAddress(),
      city: f.location.city(),
      postalCode: f.location.zipCode(),
      vat: organization ? market.vat(faker) : undefined,
      birthDate: organization ? undefined : faker.date.birthdate({ min: 18, max: 90, mode: 'age' }),
      updatedAt: faker.date.between({ from: '2023-01-01T00:00:00Z', to: '2025-05-31T00:00:00Z' }),
    });
  }
  return customers;
}

// ---- dirt: what each system does to a value -------------------------------------------
const chance = (p) => faker.number.float() < p;
const e164 = (c) => `+${MARKETS[c.country].code}${c.mobile}`;
const phoneAs = (c, style) => {
  const market = MARKETS[c.country];
  switch (style) {
    case 'local':
      return market.local(c.mobile);
    case 'intl':
      return `+${market.code} ${market.local(c.mobile).replace(/^0/, '')}`;
    case '00':
      return `00${market.code}${c.mobile}`;
    default:
      return e164(c);
  }
};
const dirtyPhone = (c) =>
  chance(0.04)
    ? faker.helpers.arrayElement(['N/A', '-', '000', '12345'])
    : phoneAs(c, faker.helpers.arrayElement(['local', 'local', 'intl', '00', 'e164']));
const dirtyEmail = (c) => {
  if (chance(0.03))
    return faker.helpers.arrayElement([
      'N/A',
      '',
      c.email.replace('@', ' at '),
      c.email.replace(/@.*/, '@'),
      `${c.email},`,
    ]);
  if (chance(0.2)) return c.email.toUpperCase();
  if (chance(0.1)) return ` ${c.email} `;
  return c.email;
};
const dirtyCountry = (c) => faker.helpers.arrayElement(MARKETS[c.country].names);
const pad = (text) => (chance(0.08) ? `  ${text} ` : text);
const name = (c) => (c.organization ? c.companyName : `${c.givenName} ${c.familyName}`);
const isoDate = (d) => d.toISOString().slice(0, 10);
const dmy = (d) => `${isoDate(d).slice(8, 10)}.${isoDate(d).slice(5, 7)}.${isoDate(d).slice(0, 4)}`;
const sqlTimestamp = (d) => d.toISOString().slice(0, 19).replace('T', ' ');

// ---- CSV helpers --------------------------------------------------------------------------
const csvField = (value, delimiter) => {
  const text = value === undefined || value === null ? '' : String(value);
  return /["\n\r]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csvLine = (values, delimiter = ',') =>
  values.map((v) => csvField(v, delimiter)).join(delimiter);

/** windows-1252 has no ğ, ş, ı, İ, Ş, Ğ: the legacy system stored them without the marks. */
const to1252 = (text) =>
  text
    .replace(/ğ/g, 'g')
    .replace(/Ğ/g, 'G')
    .replace(/ş/g, 's')
    .replace(/Ş/g, 'S')
    .replace(/ı/g, 'i')
    .replace(/İ/g, 'I')
    .replace(/[^\u0000-\u00ff€ŠšŽžŒœŸ–—‘’“”•…™]/g, '?');
const toLatin1 = (text) =>
  text
    .replace(/ğ/g, 'g')
    .replace(/ş/g, 's')
    .replace(/ı/g, 'i')
    .replace(/İ/g, 'I')
    .replace(/[^\u0000-\u00ff]/g, '?');

// ---- source 1: the main ERP's customer export (CSV, utf-8) ------------------------------
function erpCustomersCsv(population) {
  const header = [
    'CUSTNO',
    'TYPE',
    'NAME',
    'CONTACT',
    'EMAIL',
    'PHONE',
    'STREET',
    'ZIP',
    'CITY',
    'COUNTRY',
    'VAT_NO',
    'BIRTH_DATE',
    'CHANGED_AT',
  ];
  const rows = [];
  let custno = 100000;
  const row = (c) => [
    String((custno += faker.number.int({ min: 1, max: 3 }))),
    c.organization ? 'C' : 'P',
    pad(name(c)),
    c.organization ? `${c.givenName} ${c.familyName}` : '',
    dirtyEmail(c),
    dirtyPhone(c),
    c.street,
    c.postalCode,
    chance(0.05) ? c.city.toUpperCase() : c.city,
    dirtyCountry(c),
    c.vat
      ? chance(0.3)
        ? c.vat.replace(/^(..)(\d{4})/, '$1 $2 ')
        : c.vat
      : chance(0.02)
        ? 'N/A'
        : '',
    c.birthDate ? isoDate(c.birthDate) : '',
    sqlTimestamp(c.updatedAt),
  ];
  for (const c of population.slice(0, 1900)) rows.push(row(c));
  // duplicates: the same customer entered again under a new number, typed differently
  for (const c of faker.helpers.arrayElements(population.slice(0, 1900), 95)) {
    rows.push(
      row({
        ...c,
        email: chance(0.5) ? c.email.toUpperCase() : c.email,
        street: c.street.replace(/(\d+)/, ' $1'),
      }),
    );
  }
  const lines = [csvLine(header), ...rows.map((r) => csvLine(r))];
  // bad rows the connector must quarantine while taking the rest of the file
  lines.splice(400, 0, '109999,P,"Unclosed Quote,nobody@example.com,,,,,SE,,,2024-01-01 00:00:00');
  lines.splice(
    800,
    0,
    '109998,P,Too Many,Columns,x@example.com,,,,,SE,,,,2024-01-01 00:00:00,extra',
  );
  lines.splice(
    1200,
    0,
    ',P,No Number,,nonumber@example.com,070-123 45 67,,,,Sverige,,,2024-01-01 00:00:00',
  );
  return `${lines.join('\r\n')}\r\n`;
}

// ---- source 2: the old Nordic/Turkish subsidiary ledger (fixed-width, windows-1252) ------
const FIXED_LAYOUT = [
  ['KUNDNR', 1, 8],
  ['NAMN', 9, 40],
  ['TELEFON', 49, 20],
  ['EPOST', 69, 50],
  ['POSTNR', 119, 10],
  ['ORT', 129, 25],
  ['LAND', 154, 12],
  ['ORGNR', 166, 18],
  ['KREDIT', 184, 12],
  ['TYP', 196, 1],
];
function legacyFixedWidth(population) {
  const nordicTurkish = population.filter((c) =>
    ['SE', 'NO', 'DK', 'FI', 'TR'].includes(c.country),
  );
  // about 40% of these customers are also in the main ERP; the rest only here
  const shared = faker.helpers.arrayElements(
    nordicTurkish.filter((c) => c.key <= 1900),
    400,
  );
  const own = makeCustomers(900).filter((c) => ['SE', 'NO', 'DK', 'FI', 'TR'].includes(c.country));
  const chosen = [...shared, ...own].slice(0, 1000);
  const fit = (text, length) =>
    to1252(String(text ?? ''))
      .slice(0, length)
      .padEnd(length, ' ');
  const lines = chosen.map((c, i) => {
    const values = {
      KUNDNR: String(70000 + i).padStart(8, '0'),
      NAMN: c.organization ? c.companyName : `${c.familyName}, ${c.givenName}`,
      TELEFON: phoneAs(c, faker.helpers.arrayElement(['local', 'local', 'intl'])),
      EPOST: chance(0.15) ? '' : chance(0.3) ? c.email.toUpperCase() : c.email,
      POSTNR: c.postalCode,
      ORT: c.city.toUpperCase(),
      LAND: dirtyCountry(c),
      ORGNR: c.vat ?? '',
      KREDIT: chance(0.3) ? `€ ${faker.number.int({ min: 1, max: 50 })} 000` : '',
      TYP: c.organization ? 'F' : 'P',
    };
    return FIXED_LAYOUT.map(([column, , length]) => fit(values[column], length))
      .join('')
      .trimEnd();
  });
  // one line with a byte windows-1252 leaves undefined: quarantined as RECORD_ENCODING
  const text = `${lines.join('\r\n')}\r\n`;
  const bytes = iconv.encode(text, 'windows-1252');
  const broken = iconv.encode(`00079999${fit('Trasig Kodning AB', 40)}`, 'windows-1252');
  broken[12] = 0x81;
  return Buffer.concat([bytes, broken, Buffer.from('\r\n')]);
}

// ---- source 3: a German/French sales office's contact list (CSV ; iso-8859-1) ---------
function salesContactsLatin1(population) {
  const orgs = population.filter(
    (c) => c.organization && ['DE', 'FR', 'SE', 'DK'].includes(c.country),
  );
  const chosen = faker.helpers.arrayElements(orgs, Math.min(orgs.length, 450));
  const extra = makeCustomers(300).filter((c) => ['DE', 'FR'].includes(c.country));
  const header = [
    'Kontakt-ID',
    'Firma',
    'USt-IdNr',
    'Vorname',
    'Nachname',
    'E-Mail',
    'Telefon',
    'Strasse',
    'PLZ',
    'Ort',
    'Land',
    'Geaendert',
  ];
  const rows = [...chosen, ...extra].map((c, i) => [
    `K-${String(i + 1).padStart(5, '0')}`,
    c.companyName ?? '',
    c.vat ? (chance(0.4) ? c.vat.toLowerCase() : c.vat.replace(/^(..)/, '$1-')) : '',
    c.givenName,
    c.familyName,
    c.organization
      ? `${slug(c.givenName)}.${slug(c.familyName)}@${c.email.split('@')[1]}`
      : c.email,
    chance(0.05) ? 'N/A' : phoneAs(c, faker.helpers.arrayElement(['intl', '00', 'local'])),
    c.street,
    c.postalCode,
    c.city,
    faker.helpers.arrayElement(
      [...MARKETS[c.country].names, 'Allemagne', 'Frankreich'].filter(
        (n) =>
          !(c.country !== 'DE' && n === 'Allemagne') && !(c.country !== 'FR' && n === 'Frankreich'),
      ),
    ),
    dmy(c.updatedAt),
  ]);
  const text = `${[csvLine(header, ';'), ...rows.map((r) => csvLine(r, ';'))].join('\n')}\n`;
  return iconv.encode(toLatin1(text), 'iso-8859-1');
}

// ---- source 4: the ERP's SQL table (PostgreSQL, MariaDB and SQLite accept this file) -----
function sqlSeed(population) {
  const chosen = [
    ...faker.helpers.arrayElements(population.slice(0, 1900), 900),
    ...population.slice(1900),
  ];
  const ddl = [
    'DROP TABLE IF EXISTS customers;',
    'CREATE TABLE customers (',
    '  id INTEGER PRIMARY KEY,',
    '  kind VARCHAR(12) NOT NULL,',
    '  company_name VARCHAR(200) NULL,',
    '  first_name VARCHAR(100) NULL,',
    '  last_name VARCHAR(100) NULL,',
    '  email VARCHAR(200) NULL,',
    '  phone VARCHAR(40) NULL,',
    '  address_line VARCHAR(200) NULL,',
    '  postal_code VARCHAR(20) NULL,',
    '  city VARCHAR(100) NULL,',
    '  country_code VARCHAR(40) NULL,',
    '  vat_id VARCHAR(40) NULL,',
    '  birth_date DATE NULL,',
    '  updated_at TIMESTAMP(3) NULL DEFAULT NULL,',
    '  deleted_at TIMESTAMP(3) NULL DEFAULT NULL',
    ');',
    'CREATE INDEX customers_updated_at_id ON customers (updated_at, id);',
  ];
  const quote = (v) =>
    v === null || v === undefined || v === ''
      ? 'NULL'
      : `'${String(v).replace(/\\/g, '/').replace(/'/g, "''")}'`;
  // batch imports stamp many rows with one timestamp: ties on the watermark
  const batchStamp = '2025-05-01 02:00:00.000';
  const values = chosen.map((c, i) => {
    const stamp =
      i % 7 === 0
        ? batchStamp
        : `${sqlTimestamp(c.updatedAt)}.${String(i % 1000).padStart(3, '0')}`;
    return `(${[
      i + 1,
      quote(c.organization ? 'organization' : 'person'),
      quote(c.companyName),
      quote(c.givenName),
      quote(c.familyName),
      quote(chance(0.05) ? 'n/a' : c.email),
      quote(phoneAs(c, faker.helpers.arrayElement(['e164', 'intl', 'local']))),
      quote(c.street),
      quote(c.postalCode),
      quote(c.city),
      quote(chance(0.85) ? c.country : dirtyCountry(c)),
      quote(c.vat),
      quote(c.birthDate ? isoDate(c.birthDate) : null),
      quote(i % 97 === 0 ? null : stamp),
      quote(i % 41 === 0 ? '2025-05-20 08:00:00.000' : null),
    ].join(', ')})`;
  });
  const inserts = [];
  for (let i = 0; i < values.length; i += 500) {
    inserts.push(
      `INSERT INTO customers (id, kind, company_name, first_name, last_name, email, phone, address_line, postal_code, city, country_code, vat_id, birth_date, updated_at, deleted_at) VALUES\n${values.slice(i, i + 500).join(',\n')};`,
    );
  }
  return `-- Demo ERP customer table: ${values.length} rows, some soft-deleted (deleted_at), some\n-- sharing one updated_at, a few without one. Runs on PostgreSQL, MariaDB/MySQL and SQLite.\n${ddl.join('\n')}\n${inserts.join('\n')}\n`;
}

const population = makeCustomers(2200);
rmSync(OUT, { recursive: true, force: true });
for (const folder of ['drop/erp-csv', 'drop/erp-legacy', 'drop/erp-sales'])
  mkdirSync(join(OUT, folder), { recursive: true });
const files = {
  'drop/erp-csv/customers-20250601.csv': erpCustomersCsv(population),
  'drop/erp-legacy/KUNDER.DAT': legacyFixedWidth(population),
  'drop/erp-sales/kontakte.csv': salesContactsLatin1(population),
  'erp-customers.sql': sqlSeed(population),
};
for (const [path, content] of Object.entries(files)) {
  writeFileSync(join(OUT, path), content);
  console.log(`wrote demo/generated/${path}`);
}
