import { hashSeed, SeededRandom } from '../../common/seeded-random';
import { type GeneratedValueKind, type ResolvedSalesforceOptions } from '../salesforce-sandbox.options';
import { type SObjectField, type SObjectSchema } from '../schema/sobject-schema';
import { PICKLISTS } from '../schema/standard-objects';
import { type FieldValue, type RecordTimestamps, type RecordValues } from './record-values';
import {
  COMPANY_STEMS,
  COMPANY_TRADES,
  COUNTRIES,
  type CountryPool,
  FIRST_NAMES,
  JOB_TITLES,
  LAST_NAMES,
  MAIL_DOMAINS,
  WORDS,
} from './value-pools';

const DAY_MS = 86_400_000;
const GB_POSTCODES = ['SW1A 1AA', 'EC1A 1BB', 'M1 1AE', 'LS1 4AP', 'W1A 0AX'];

/**
 * Builds the seeded record at an index from (seed, object, index) alone, so records need not be
 * kept in memory until a test changes them.
 */
export class RecordGenerator {
  private readonly declaredKinds = new Map<string, GeneratedValueKind>();
  private readonly extraFieldCache = new Map<string, Array<[string, GeneratedValueKind]>>();

  constructor(
    private readonly options: ResolvedSalesforceOptions,
    private readonly accountCount: number,
    private readonly accountIdAt: (index: number) => string,
  ) {
    for (const [objectName, fields] of Object.entries(options.customFields)) {
      for (const field of fields ?? []) {
        if (field.generator) this.declaredKinds.set(`${objectName}.${field.name}`, field.generator);
      }
    }
    for (const object of options.customObjects) {
      for (const field of object.fields) {
        if (field.generator) this.declaredKinds.set(`${object.name}.${field.name}`, field.generator);
      }
    }
  }

  generate(schema: SObjectSchema, index: number, stamps: RecordTimestamps): RecordValues {
    const random = new SeededRandom(hashSeed(this.options.seed, schema.name, index));
    const dirty = random.chance(this.options.dirtyRate);
    const values: RecordValues = {
      IsDeleted: false,
      CreatedDate: stamps.createdDate,
      LastModifiedDate: stamps.lastModifiedDate,
      SystemModstamp: stamps.systemModstamp,
    };
    switch (schema.name) {
      case 'Account':
        this.account(values, random, dirty, index);
        break;
      case 'Contact':
        this.contact(values, random, dirty);
        break;
      case 'Lead':
        this.lead(values, random, dirty);
        break;
      default:
        values.Name = `${schema.label} ${String(index + 1).padStart(6, '0')}`;
    }
    for (const [key, kind] of this.extraFields(schema, values)) values[key] = generateValue(random, kind, index);
    return values;
  }

  /** Custom fields the object's own generator leaves empty, worked out once per object. */
  private extraFields(schema: SObjectSchema, sample: RecordValues): Array<[string, GeneratedValueKind]> {
    let extra = this.extraFieldCache.get(schema.name);
    if (!extra) {
      extra = schema.fields
        .filter((field) => field.custom && !(field.storageKey in sample))
        .map((field): [string, GeneratedValueKind] => [
          field.storageKey,
          this.declaredKinds.get(`${schema.name}.${field.storageKey}`) ?? kindFor(field),
        ]);
      this.extraFieldCache.set(schema.name, extra);
    }
    return extra;
  }

  /** Created and modified dates derived from the generated SystemModstamp. */
  static timestamps(seed: number, objectName: string, index: number, systemModstamp: number): RecordTimestamps {
    const random = new SeededRandom(hashSeed(seed, objectName, index, 'timestamps'));
    const createdDate = systemModstamp - random.int(400) * DAY_MS - random.int(DAY_MS);
    // LastModifiedDate lags SystemModstamp on system-only changes: the reason to sync on SystemModstamp
    const lastModifiedDate = random.chance(0.1)
      ? Math.max(createdDate, systemModstamp - random.between(1, 3600) * 1000)
      : systemModstamp;
    return { createdDate, lastModifiedDate, systemModstamp };
  }

  private account(values: RecordValues, random: SeededRandom, dirty: boolean, index: number): void {
    const country = random.pick(COUNTRIES);
    const name = companyName(random, country);
    Object.assign(values, {
      Name: dirty && random.chance(0.5) ? ` ${name}  ` : name,
      AccountNumber: random.chance(0.7) ? `AC${String(10000 + index)}` : null,
      Type: random.pick(PICKLISTS.ACCOUNT_TYPES),
      Industry: random.chance(0.8) ? random.pick(PICKLISTS.INDUSTRIES) : null,
      Phone: random.chance(0.9) ? phone(random, country, dirty) : null,
      Website: random.chance(0.75) ? website(random, name, country, dirty) : null,
    });
    address(values, random, 'Billing', country, dirty);
    if (random.chance(0.4)) address(values, random, 'Shipping', country, false);
    else emptyAddress(values, 'Shipping');
    values.VAT_Number__c = random.chance(0.7) ? vatNumber(random, country, dirty) : null;
    values.ERP_Number__c = random.chance(0.6) ? `C-${String(100000 + index)}` : null;
  }

  private contact(values: RecordValues, random: SeededRandom, dirty: boolean): void {
    const country = random.pick(COUNTRIES);
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    Object.assign(values, {
      AccountId: this.accountCount > 0 && random.chance(0.9) ? this.accountIdAt(random.int(this.accountCount)) : null,
      Salutation: random.chance(0.5) ? random.pick(['Mr.', 'Ms.', 'Dr.']) : null,
      FirstName: dirty && random.chance(0.3) ? `${first} ` : first,
      LastName: last,
      Title: random.pick(JOB_TITLES),
      Email: random.chance(0.9) ? email(random, first, last, dirty) : null,
      Phone: random.chance(0.7) ? phone(random, country, dirty) : null,
      MobilePhone: random.chance(0.5) ? phone(random, country, dirty) : null,
      Birthdate: random.chance(0.3) ? isoDate(random, 1950, 2002) : null,
    });
    address(values, random, 'Mailing', country, dirty);
    values.ERP_Number__c = random.chance(0.2) ? `P-${random.digits(6)}` : null;
  }

  private lead(values: RecordValues, random: SeededRandom, dirty: boolean): void {
    const country = random.pick(COUNTRIES);
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const company = companyName(random, country);
    Object.assign(values, {
      Salutation: null,
      FirstName: first,
      LastName: dirty && random.chance(0.3) ? ` ${last}` : last,
      Company: company,
      Title: random.pick(JOB_TITLES),
      Email: random.chance(0.85) ? email(random, first, last, dirty) : null,
      Phone: random.chance(0.6) ? phone(random, country, dirty) : null,
      MobilePhone: random.chance(0.4) ? phone(random, country, dirty) : null,
      Website: random.chance(0.5) ? website(random, company, country, dirty) : null,
    });
    address(values, random, '', country, dirty);
    values.Status = random.pick(PICKLISTS.LEAD_STATUSES);
    values.LeadSource = random.chance(0.7) ? random.pick(PICKLISTS.LEAD_SOURCES) : null;
    values.IsConverted = false;
    values.VAT_Number__c = random.chance(0.3) ? vatNumber(random, country, dirty) : null;
  }
}

function kindFor(field: SObjectField): GeneratedValueKind {
  if (/erp/i.test(field.name)) return 'erpNumber';
  if (/vat|tax/i.test(field.name)) return 'vatNumber';
  switch (field.type) {
    case 'email':
      return 'email';
    case 'phone':
      return 'phone';
    case 'url':
      return 'website';
    case 'double':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'id':
    case 'reference':
    case 'address':
    case 'string':
    case 'textarea':
    case 'picklist':
      return 'word';
  }
}

function generateValue(random: SeededRandom, kind: GeneratedValueKind, index: number): FieldValue {
  const country = random.pick(COUNTRIES);
  switch (kind) {
    case 'erpNumber':
      return `C-${String(100000 + index)}`;
    case 'vatNumber':
      return vatNumber(random, country, false);
    case 'companyName':
      return companyName(random, country);
    case 'firstName':
      return random.pick(FIRST_NAMES);
    case 'lastName':
      return random.pick(LAST_NAMES);
    case 'email':
      return email(random, random.pick(FIRST_NAMES), random.pick(LAST_NAMES), false);
    case 'phone':
      return phone(random, country, false);
    case 'website':
      return `https://www.${random.pick(WORDS)}.${country.tld}`;
    case 'city':
      return random.pick(country.cities).city;
    case 'country':
      return country.code;
    case 'word':
      return random.pick(WORDS);
    case 'number':
      return random.int(100000) / 100;
    case 'boolean':
      return random.chance(0.5);
    case 'date':
      return isoDate(random, 2015, 2025);
    case 'datetime':
      return Date.UTC(2020, 0, 1) + random.int(5 * 365) * DAY_MS;
  }
}

function companyName(random: SeededRandom, country: CountryPool): string {
  return `${random.pick(COMPANY_STEMS)} ${random.pick(COMPANY_TRADES)} ${random.pick(country.legalForms)}`;
}

function phone(random: SeededRandom, country: CountryPool, dirty: boolean): string {
  // clean numbers are valid numbers of the country's plan; only the dirty ones are garbled
  const { areaCode: area, lineDigits = 7, lineStarts = '23456789' } = random.pick(country.cities);
  const line = `${random.pick([...lineStarts])}${random.digits(lineDigits - 1)}`;
  if (!dirty) return `+${country.callingCode} ${area} ${line}`;
  switch (random.int(4)) {
    case 0:
      return country.code === 'US' ? `(${area}) ${line.slice(0, 3)}-${line.slice(3)}` : `0${area} ${line}`;
    case 1:
      return `00${country.callingCode}${area}${line}`;
    case 2:
      return `+${country.callingCode} (0)${area} ${line.slice(0, 3)} ${line.slice(3)}`;
    default:
      return ` ${area}/${line} `;
  }
}

function email(random: SeededRandom, first: string, last: string, dirty: boolean): string {
  const local = `${ascii(first)}.${ascii(last)}`.toLowerCase();
  const domain = random.pick(MAIL_DOMAINS);
  if (!dirty) return `${local}@${domain}`;
  switch (random.int(4)) {
    case 0:
      return ` ${local.toUpperCase()}@${domain.toUpperCase()} `;
    case 1:
      return `${local}@@${domain}`;
    case 2:
      return `${local}${domain}`;
    default:
      return `${first} ${last}@${domain}`;
  }
}

function website(random: SeededRandom, company: string, country: CountryPool, dirty: boolean): string {
  const slug = ascii(company.split(' ')[0] ?? 'site').toLowerCase();
  if (!dirty) return `https://www.${slug}.${country.tld}`;
  return random.chance(0.5) ? `${slug}.${country.tld}` : ` www.${slug}.${country.tld}/ `;
}

function vatNumber(random: SeededRandom, country: CountryPool, dirty: boolean): string {
  const digits = random.digits(9);
  if (!dirty) return `${country.vatPrefix}${digits}`;
  return `${country.vatPrefix.toLowerCase()} ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

function address(values: RecordValues, random: SeededRandom, prefix: string, country: CountryPool, dirty: boolean): void {
  const place = random.pick(country.cities);
  const postal =
    country.postalDigits === 0 ? random.pick(GB_POSTCODES) : String(random.between(1, 9)) + random.digits(country.postalDigits - 1);
  const countryValue = dirty && random.chance(0.6) ? random.pick(country.names) + (random.chance(0.3) ? ' ' : '') : country.code;
  values[`${prefix}Street`] = `${random.pick(country.streets)} ${random.between(1, 180)}`;
  values[`${prefix}City`] = dirty && random.chance(0.2) ? place.city.toUpperCase() : place.city;
  values[`${prefix}State`] = random.chance(0.6) ? place.state : null;
  values[`${prefix}PostalCode`] = postal;
  values[`${prefix}Country`] = countryValue;
}

function emptyAddress(values: RecordValues, prefix: string): void {
  for (const part of ['Street', 'City', 'State', 'PostalCode', 'Country']) values[`${prefix}${part}`] = null;
}

function isoDate(random: SeededRandom, fromYear: number, toYear: number): string {
  const year = random.between(fromYear, toYear);
  const month = random.between(1, 12);
  const day = random.between(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]/g, '');
}
