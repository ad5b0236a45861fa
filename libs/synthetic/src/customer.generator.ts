import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { seededRandom } from '@crosswalk/reconcile';
import { COUNTRY_PROFILES, type CountryPools } from './country.profiles';
import { SyntheticErrorCode, SyntheticException } from './synthetic.exception';
import { abbreviateStreet, digitTypo, NICKNAMES, transliterate, typo } from './noise';
import {
  DEFAULT_SYNTHETIC_OPTIONS,
  type SyntheticCountry,
  type SyntheticOptions,
  type SyntheticSource,
  type SyntheticSourceRecord,
} from './synthetic.types';

interface Address {
  street: string;
  postalCode: string;
  city: string;
  country: SyntheticCountry;
}

interface PersonEntity {
  id: string;
  country: SyntheticCountry;
  given: string;
  family: string;
  birthDate: string;
  email: string;
  phone: string;
  address: Address;
  organization?: OrganizationEntity;
}

interface OrganizationEntity {
  id: string;
  country: SyntheticCountry;
  name: string;
  legalForm: readonly string[];
  vat: { scheme: string; value: string };
  domain: string;
  phone: string;
  address: Address;
  erpNumber: string;
}

const FREE_MAIL = ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com'];

/** How many source records one customer has: most one or two, a few up to four. */
const RECORDS_PER_ENTITY: readonly [number, number][] = [
  [1, 0.45],
  [2, 0.3],
  [3, 0.17],
  [4, 0.08],
];

/**
 * Realistic synthetic customers with known truth, as the records of several sources would
 * hold them. Streams: memory stays flat whatever `records` is. Seeded: the same pools and
 * options give the same records on every machine. `pools` (per country in `countries`)
 * usually come from `fakerPools`.
 */
export function* generateSourceRecords(
  pools: ReadonlyMap<SyntheticCountry, CountryPools>,
  options: Partial<SyntheticOptions> = {},
): Generator<SyntheticSourceRecord> {
  const settings = { ...DEFAULT_SYNTHETIC_OPTIONS, ...options };
  yield* new CustomerGenerator(settings, pools).records();
}

class CustomerGenerator {
  private readonly random: () => number;
  private readonly externalIds: Record<SyntheticSource, number> = { erp: 0, crm: 0, webshop: 0 };
  private entities = 0;
  private emitted = 0;
  private lastPerson: PersonEntity | null = null;
  /** Addresses handed out: a mailbox belongs to one person. */
  private readonly mailboxes = new Set<string>();

  constructor(
    private readonly options: SyntheticOptions,
    private readonly pools: ReadonlyMap<SyntheticCountry, CountryPools>,
  ) {
    this.random = seededRandom(options.seed);
  }

  *records(): Generator<SyntheticSourceRecord> {
    while (this.emitted < this.options.records) {
      if (this.chance(this.options.organizationShare)) yield* this.organizationWithContacts();
      else yield* this.limit(this.personRecords(this.newPerson()));
    }
  }

  private *limit(records: SyntheticSourceRecord[]): Generator<SyntheticSourceRecord> {
    for (const record of records) {
      if (this.emitted >= this.options.records) return;
      this.emitted += 1;
      yield record;
    }
  }

  private *organizationWithContacts(): Generator<SyntheticSourceRecord> {
    const organization = this.newOrganization();
    yield* this.limit(this.organizationRecords(organization));
    const contacts = 1 + Math.floor(this.random() * 4);
    for (let index = 0; index < contacts; index += 1) {
      yield* this.limit(this.personRecords(this.newContact(organization)));
    }
  }

  private newPerson(): PersonEntity {
    const previous = this.lastPerson;
    if (
      previous !== null &&
      previous.organization === undefined &&
      this.chance(this.options.householdShare)
    ) {
      // Someone living with the previous person: same address and home phone, another person.
      const person: PersonEntity = {
        ...this.personBasics(previous.country),
        family: this.chance(0.7) ? previous.family : this.personBasics(previous.country).family,
        address: previous.address,
        phone: previous.phone,
      };
      this.lastPerson = person;
      return person;
    }
    const person = this.personBasics(this.pick(this.options.countries));
    this.lastPerson = person;
    return person;
  }

  private personBasics(country: SyntheticCountry): PersonEntity {
    const pools = this.poolsOf(country);
    const given = this.pick(pools.givenNames);
    const family = this.pick(pools.familyNames);
    return {
      id: this.nextEntityId('p'),
      country,
      given,
      family,
      birthDate: this.birthDate(),
      email: this.mailbox(this.emailLocal(given, family), this.pick(FREE_MAIL)),
      phone: this.mobile(country),
      address: this.address(country),
    };
  }

  private newContact(organization: OrganizationEntity): PersonEntity {
    const person = this.personBasics(organization.country);
    return {
      ...person,
      email: this.mailbox(this.emailLocal(person.given, person.family), organization.domain),
      address: organization.address,
      organization,
    };
  }

  private newOrganization(): OrganizationEntity {
    const country = this.pick(this.options.countries);
    const profile = COUNTRY_PROFILES[country];
    const pools = this.poolsOf(country);
    const shape = Math.floor(this.random() * 3);
    const name =
      shape === 0
        ? `${this.pick(pools.familyNames)} ${this.pick(profile.businessWords)}`
        : shape === 1
          ? `${this.pick(pools.familyNames)} & ${this.pick(pools.familyNames)}`
          : `${this.pick(pools.places).city} ${this.pick(profile.businessWords)} ${this.pick(pools.familyNames)}`;
    const id = this.nextEntityId('o');
    const digits = String(this.random()).slice(2, 8) + String(this.random()).slice(2, 8);
    const domainWord = transliterate(name)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '');
    return {
      id,
      country,
      name,
      legalForm: this.pick(profile.legalForms),
      vat: profile.vat(digits),
      domain: `${domainWord}.${profile.topLevelDomain}`,
      phone: this.mobile(country),
      address: this.address(country),
      erpNumber: String(100000 + this.entities),
    };
  }

  private organizationRecords(organization: OrganizationEntity): SyntheticSourceRecord[] {
    return this.sourcesFor(['erp', 'crm']).map((source) => {
      const noise = this.options.noise;
      let name = organization.name;
      if (this.chance(noise.typo)) name = typo(name, this.random);
      if (this.chance(noise.transliteration)) name = transliterate(name);
      if (this.chance(noise.upperCase)) name = name.toUpperCase();
      if (this.chance(0.3)) name = name.replace(' & ', this.chance(0.5) ? ' and ' : ' och ');
      const legalName = this.chance(0.15) ? name : `${name} ${this.pick(organization.legalForm)}`;
      const address = this.chance(noise.missingAddress)
        ? null
        : this.writtenAddress(organization.address);
      const phone = this.chance(noise.missingPhone) ? '' : this.writtenPhone(organization.phone);
      if (source === 'erp') {
        return this.record(source, 'customers', organization, {
          customerNo: organization.erpNumber,
          name: legalName,
          vatNo: this.chance(0.85) ? organization.vat.value : '',
          vatScheme: organization.vat.scheme,
          phone,
          email: this.chance(0.5) ? `info@${organization.domain}` : '',
          ...addressFields(address),
        });
      }
      return this.record(source, 'accounts', organization, {
        Name: legalName,
        Website: this.chance(0.75) ? `https://www.${organization.domain}` : '',
        Phone: phone,
        TaxNumber: this.chance(0.3) ? organization.vat.value : '',
        TaxScheme: organization.vat.scheme,
        ...addressFields(address),
      });
    });
  }

  private personRecords(person: PersonEntity): SyntheticSourceRecord[] {
    const sources: readonly SyntheticSource[] =
      person.organization === undefined ? ['webshop', 'crm', 'erp'] : ['crm', 'erp'];
    return this.sourcesFor(sources).map((source) => {
      const noise = this.options.noise;
      let given = person.given;
      let family = person.family;
      const nicknames = NICKNAMES[given];
      if (nicknames !== undefined && this.chance(noise.nickname * 3)) given = this.pick(nicknames);
      if (this.chance(noise.typo)) given = typo(given, this.random);
      if (this.chance(noise.typo)) family = typo(family, this.random);
      if (this.chance(noise.transliteration)) {
        given = transliterate(given);
        family = transliterate(family);
      }
      if (this.chance(noise.upperCase)) family = family.toUpperCase();
      if (this.chance(noise.swappedNames)) [given, family] = [family, given];
      const email = this.chance(noise.missingEmail)
        ? ''
        : this.chance(noise.newEmail)
          ? this.mailbox(this.emailLocal(person.given, person.family), this.pick(FREE_MAIL))
          : person.email;
      const phone = this.chance(noise.missingPhone)
        ? ''
        : this.writtenPhone(
            this.chance(noise.phoneTypo) ? this.phoneTypo(person.phone) : person.phone,
          );
      const moved = this.chance(noise.moved) ? this.address(person.country) : person.address;
      const address = this.chance(noise.missingAddress) ? null : this.writtenAddress(moved);
      let birthDate = this.chance(noise.missingBirthDate) ? '' : person.birthDate;
      if (birthDate !== '' && this.chance(noise.birthDateTypo))
        birthDate = digitTypo(birthDate, this.random);
      const organizationName = person.organization?.name ?? '';
      switch (source) {
        case 'webshop':
          return this.record(source, 'customers', person, {
            first_name: given,
            last_name: family,
            email,
            phone,
            birth_date: birthDate,
            ...addressFields(address),
          });
        case 'crm':
          return this.record(source, 'contacts', person, {
            FirstName: given,
            LastName: family,
            Email: email,
            Phone: phone,
            Birthdate: birthDate,
            AccountName: organizationName,
            ...addressFields(address),
          });
        case 'erp':
          return this.record(source, 'customers', person, {
            // ERPs commonly hold one name field, family name first.
            name: this.chance(0.5) ? `${family}, ${given}` : `${given} ${family}`,
            email,
            phone,
            company: organizationName,
            ...addressFields(address),
          });
      }
    });
  }

  private record(
    source: SyntheticSource,
    object: string,
    entity: { id: string; country: SyntheticCountry },
    fields: Record<string, string>,
  ): SyntheticSourceRecord {
    this.externalIds[source] += 1;
    return {
      source,
      object,
      externalId: String(this.externalIds[source]),
      fields,
      region: entity.country,
      entityId: entity.id,
    };
  }

  /** One record per source, some sources holding the customer twice (duplicates within a system). */
  private sourcesFor(sources: readonly SyntheticSource[]): SyntheticSource[] {
    let draw = this.random();
    let count = 1;
    for (const [records, share] of RECORDS_PER_ENTITY) {
      count = records;
      if (draw < share) break;
      draw -= share;
    }
    return Array.from({ length: count }, () => this.pick(sources));
  }

  private writtenAddress(address: Address): Address {
    return this.chance(this.options.noise.addressAbbreviation)
      ? { ...address, street: abbreviateStreet(address.street) }
      : address;
  }

  /** The same number as people write it: national, international, with or without spaces. */
  private writtenPhone(e164: string): string {
    const parsed = parsePhoneNumberFromString(e164);
    if (parsed === undefined) return e164;
    const national = parsed.formatNational();
    switch (Math.floor(this.random() * 6)) {
      case 0:
        return e164;
      case 1:
        return parsed.formatInternational();
      case 2:
        // The international call prefix of Europe and Turkey; a North American writes +1.
        return parsed.countryCallingCode === '1' ? `+1 ${national}` : `00${e164.slice(1)}`;
      case 3:
        return national;
      case 4:
        return national.replace(/\D/g, '');
      default: {
        const digits = national.replace(/\D/g, '');
        return `${digits.slice(0, 3)}-${digits.slice(3)}`;
      }
    }
  }

  /** A slip in the subscriber number (the country code is picked from a list, not typed). */
  private phoneTypo(e164: string): string {
    return e164.slice(0, -7) + digitTypo(e164.slice(-7), this.random);
  }

  /** A valid mobile number of the country (libphonenumber decides what is valid). */
  private mobile(country: SyntheticCountry): string {
    const profile = COUNTRY_PROFILES[country];
    for (;;) {
      let digits = String(2 + Math.floor(this.random() * 8));
      while (digits.length < profile.mobileDigits) digits += String(Math.floor(this.random() * 10));
      const e164 = `${profile.mobilePrefix}${digits}`;
      if (isValidPhoneNumber(e164)) return e164;
    }
  }

  private address(country: SyntheticCountry): Address {
    const pools = this.poolsOf(country);
    const place = this.pick(pools.places);
    const number = String(1 + Math.floor(this.random() * 120));
    const street = this.pick(pools.streets);
    return {
      street: country === 'GB' || country === 'US' ? `${number} ${street}` : `${street} ${number}`,
      postalCode: this.pick(place.postalCodes),
      city: place.city,
      country,
    };
  }

  private birthDate(): string {
    const year = 1940 + Math.floor(this.random() * 65);
    const month = 1 + Math.floor(this.random() * 12);
    const day = 1 + Math.floor(this.random() * 28);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }

  private emailLocal(given: string, family: string): string {
    const clean = (text: string) =>
      transliterate(text)
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]/g, '');
    const shape = Math.floor(this.random() * 3);
    if (shape === 0) return `${clean(given)}.${clean(family)}`;
    if (shape === 1) return `${clean(given).slice(0, 1)}${clean(family)}`;
    return `${clean(given)}${clean(family)}${Math.floor(this.random() * 900) + 100}`;
  }

  /** A new address at `domain`: a number is added when the local part is taken. */
  private mailbox(local: string, domain: string): string {
    let address = `${local}@${domain}`;
    for (let suffix = 2; this.mailboxes.has(address); suffix += 1)
      address = `${local}${suffix}@${domain}`;
    this.mailboxes.add(address);
    return address;
  }

  private nextEntityId(prefix: string): string {
    this.entities += 1;
    return `${prefix}${this.entities}`;
  }

  private poolsOf(country: SyntheticCountry): CountryPools {
    const pools = this.pools.get(country);
    if (pools === undefined) {
      throw new SyntheticException(
        SyntheticErrorCode.InvalidOptions,
        `no name pools for ${country}`,
        { country },
      );
    }
    return pools;
  }

  private chance(probability: number): boolean {
    return this.random() < probability;
  }

  private pick<T>(values: readonly T[]): T {
    const value = values[Math.floor(this.random() * values.length)];
    if (value === undefined) {
      throw new SyntheticException(
        SyntheticErrorCode.InvalidOptions,
        'cannot pick from an empty list',
      );
    }
    return value;
  }
}

function addressFields(address: Address | null): Record<string, string> {
  return address === null
    ? {}
    : {
        street: address.street,
        postalCode: address.postalCode,
        city: address.city,
        country: address.country,
      };
}
