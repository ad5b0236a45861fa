/** Country facts the generator draws from; `names` are the spellings dirty records use instead of the code. */
export interface CountryPool {
  readonly code: string;
  readonly names: readonly string[];
  readonly callingCode: string;
  readonly cities: ReadonlyArray<{
    readonly city: string;
    readonly state: string;
    readonly areaCode: string;
    /** Digits of a subscriber number after the area code (default 7). */
    readonly lineDigits?: number;
    /** Digits a valid subscriber number may start with (default 2-9). */
    readonly lineStarts?: string;
  }>;
  readonly streets: readonly string[];
  readonly postalDigits: number;
  readonly vatPrefix: string;
  readonly tld: string;
  readonly legalForms: readonly string[];
}

export const COUNTRIES: readonly CountryPool[] = [
  {
    code: 'DE',
    names: ['Germany', 'Deutschland', 'germany', 'GER'],
    callingCode: '49',
    cities: [
      { city: 'Berlin', state: 'BE', areaCode: '30' },
      { city: 'Hamburg', state: 'HH', areaCode: '40' },
      { city: 'München', state: 'BY', areaCode: '89' },
      { city: 'Köln', state: 'NW', areaCode: '221' },
      { city: 'Leipzig', state: 'SN', areaCode: '341' },
    ],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Lindenallee', 'Gartenweg', 'Industriestraße'],
    postalDigits: 5,
    vatPrefix: 'DE',
    tld: 'de',
    legalForms: ['GmbH', 'AG', 'KG', 'GmbH & Co. KG'],
  },
  {
    code: 'FR',
    names: ['France', 'france', 'République française'],
    callingCode: '33',
    cities: [
      { city: 'Paris', state: 'IDF', areaCode: '1', lineDigits: 8 },
      { city: 'Lyon', state: 'ARA', areaCode: '4', lineDigits: 8 },
      { city: 'Marseille', state: 'PAC', areaCode: '4', lineDigits: 8 },
      { city: 'Nantes', state: 'PDL', areaCode: '2', lineDigits: 8, lineStarts: '2345789' },
    ],
    streets: ['Rue de la République', 'Avenue Victor Hugo', 'Boulevard Voltaire', 'Rue du Port'],
    postalDigits: 5,
    vatPrefix: 'FR',
    tld: 'fr',
    legalForms: ['SA', 'SAS', 'SARL'],
  },
  {
    code: 'GB',
    names: ['United Kingdom', 'UK', 'Great Britain', 'England'],
    callingCode: '44',
    cities: [
      { city: 'London', state: 'LND', areaCode: '20', lineDigits: 8, lineStarts: '3478' },
      { city: 'Manchester', state: 'MAN', areaCode: '161' },
      { city: 'Leeds', state: 'LDS', areaCode: '113', lineStarts: '23458' },
    ],
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road'],
    postalDigits: 0,
    vatPrefix: 'GB',
    tld: 'co.uk',
    legalForms: ['Ltd', 'PLC', 'LLP'],
  },
  {
    code: 'US',
    names: ['United States', 'USA', 'U.S.A.', 'United States of America'],
    callingCode: '1',
    cities: [
      { city: 'New York', state: 'NY', areaCode: '212' },
      { city: 'Chicago', state: 'IL', areaCode: '312' },
      { city: 'Austin', state: 'TX', areaCode: '512' },
      { city: 'Seattle', state: 'WA', areaCode: '206' },
    ],
    streets: ['Main Street', 'Oak Avenue', 'Maple Drive', 'Market Street', 'Broadway'],
    postalDigits: 5,
    vatPrefix: 'US',
    tld: 'com',
    legalForms: ['Inc.', 'LLC', 'Corp.'],
  },
  {
    code: 'NL',
    names: ['Netherlands', 'The Netherlands', 'Holland', 'Nederland'],
    callingCode: '31',
    cities: [
      { city: 'Amsterdam', state: 'NH', areaCode: '20' },
      { city: 'Rotterdam', state: 'ZH', areaCode: '10' },
      { city: 'Utrecht', state: 'UT', areaCode: '30' },
    ],
    streets: ['Kerkstraat', 'Dorpsstraat', 'Stationsweg', 'Molenweg'],
    postalDigits: 4,
    vatPrefix: 'NL',
    tld: 'nl',
    legalForms: ['B.V.', 'N.V.'],
  },
  {
    code: 'AT',
    names: ['Austria', 'Österreich'],
    callingCode: '43',
    cities: [
      { city: 'Wien', state: 'W', areaCode: '1' },
      { city: 'Graz', state: 'ST', areaCode: '316' },
      { city: 'Linz', state: 'OÖ', areaCode: '732' },
    ],
    streets: ['Hauptplatz', 'Ringstraße', 'Mariahilfer Straße', 'Schulgasse'],
    postalDigits: 4,
    vatPrefix: 'ATU',
    tld: 'at',
    legalForms: ['GmbH', 'AG'],
  },
];

export const FIRST_NAMES = [
  'Anna', 'Lukas', 'Marie', 'Jonas', 'Sophie', 'Leon', 'Emma', 'Paul', 'Mia', 'Felix', 'Claire', 'Louis',
  'Camille', 'Hugo', 'Olivia', 'James', 'Amelia', 'George', 'Emily', 'Daniel', 'Sarah', 'Michael', 'Laura',
  'Thomas', 'Julia', 'David', 'Lena', 'Jan', 'Eva', 'Pieter', 'Sanne', 'Noah', 'Hannah', 'Elias', 'Zoë', 'José',
];

export const LAST_NAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Martin', 'Bernard',
  'Dubois', 'Thomas', 'Robert', 'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Johnson', 'Miller', 'Davis',
  'de Jong', 'Jansen', 'van den Berg', 'Bakker', 'Gruber', 'Huber', 'Bauer', "O'Brien", 'García', 'Nguyen',
];

export const COMPANY_STEMS = [
  'Nordwind', 'Alpen', 'Rhein', 'Atlas', 'Meridian', 'Polaris', 'Hanse', 'Orion', 'Vektor', 'Solara', 'Kestrel',
  'Blue Harbor', 'Greenfield', 'Ironbridge', 'Silverline', 'Lumen', 'Brightwater', 'Falken', 'Terra', 'Novum',
];

export const COMPANY_TRADES = [
  'Logistik', 'Maschinenbau', 'Systems', 'Foods', 'Consulting', 'Energy', 'Textiles', 'Pharma', 'Software',
  'Bau', 'Handel', 'Medical', 'Robotics', 'Packaging', 'Analytics',
];

export const JOB_TITLES = [
  'Purchasing Manager', 'CFO', 'Head of IT', 'Sales Director', 'Office Manager', 'Buyer', 'CEO',
  'Accountant', 'Operations Lead', null,
];

export const MAIL_DOMAINS = ['example.com', 'mail.test', 'corp.test', 'post.test'];
export const WORDS = ['alpha', 'bravo', 'delta', 'echo', 'kilo', 'lima', 'sierra', 'tango', 'victor', 'zulu'];
