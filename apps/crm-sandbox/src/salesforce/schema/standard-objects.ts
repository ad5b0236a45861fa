import {
  addressFields,
  defineField,
  type SObjectField,
  type SObjectSchema,
  systemFields,
} from './sobject-schema';

const INDUSTRIES = [
  'Manufacturing',
  'Retail',
  'Technology',
  'Healthcare',
  'Finance',
  'Construction',
  'Energy',
];
const ACCOUNT_TYPES = ['Customer - Direct', 'Customer - Channel', 'Prospect', 'Partner', 'Other'];
const LEAD_STATUSES = [
  'Open - Not Contacted',
  'Working - Contacted',
  'Closed - Converted',
  'Closed - Not Converted',
];
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Trade Show', 'Other'];

function personNameFields(): SObjectField[] {
  return [
    defineField({
      name: 'Salutation',
      type: 'picklist',
      compoundFieldName: 'Name',
      picklistValues: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'],
    }),
    defineField({ name: 'FirstName', type: 'string', length: 40, compoundFieldName: 'Name' }),
    defineField({
      name: 'LastName',
      type: 'string',
      length: 80,
      compoundFieldName: 'Name',
      nillable: false,
    }),
    defineField({
      name: 'Name',
      type: 'string',
      length: 121,
      label: 'Full Name',
      nameField: true,
      derivedFrom: ['FirstName', 'LastName'],
    }),
  ];
}

export function accountSchema(): SObjectSchema {
  return {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    custom: false,
    fields: [
      ...systemFields(),
      defineField({
        name: 'Name',
        type: 'string',
        label: 'Account Name',
        nameField: true,
        nillable: false,
      }),
      defineField({ name: 'AccountNumber', type: 'string', length: 40 }),
      defineField({
        name: 'Type',
        type: 'picklist',
        label: 'Account Type',
        picklistValues: ACCOUNT_TYPES,
      }),
      defineField({ name: 'Industry', type: 'picklist', picklistValues: INDUSTRIES }),
      defineField({ name: 'Phone', type: 'phone', label: 'Account Phone' }),
      defineField({ name: 'Website', type: 'url' }),
      ...addressFields('Billing', 'BillingAddress', 'Billing Address'),
      ...addressFields('Shipping', 'ShippingAddress', 'Shipping Address'),
      defineField({ name: 'VAT_Number__c', type: 'string', length: 32, label: 'VAT Number' }),
      defineField({
        name: 'ERP_Number__c',
        type: 'string',
        length: 32,
        label: 'ERP Number',
        externalId: true,
      }),
    ],
  };
}

export function contactSchema(): SObjectSchema {
  return {
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    custom: false,
    fields: [
      ...systemFields(),
      defineField({
        name: 'AccountId',
        type: 'reference',
        label: 'Account ID',
        referenceTo: ['Account'],
        relationshipName: 'Account',
      }),
      ...personNameFields(),
      defineField({ name: 'Title', type: 'string', length: 128 }),
      defineField({ name: 'Email', type: 'email' }),
      defineField({ name: 'Phone', type: 'phone', label: 'Business Phone' }),
      defineField({ name: 'MobilePhone', type: 'phone', label: 'Mobile Phone' }),
      defineField({ name: 'Birthdate', type: 'date' }),
      ...addressFields('Mailing', 'MailingAddress', 'Mailing Address'),
      defineField({
        name: 'ERP_Number__c',
        type: 'string',
        length: 32,
        label: 'ERP Number',
        externalId: true,
      }),
    ],
  };
}

export function leadSchema(): SObjectSchema {
  return {
    name: 'Lead',
    label: 'Lead',
    labelPlural: 'Leads',
    keyPrefix: '00Q',
    custom: false,
    fields: [
      ...systemFields(),
      ...personNameFields(),
      defineField({ name: 'Company', type: 'string', nillable: false }),
      defineField({ name: 'Title', type: 'string', length: 128 }),
      defineField({ name: 'Email', type: 'email' }),
      defineField({ name: 'Phone', type: 'phone' }),
      defineField({ name: 'MobilePhone', type: 'phone', label: 'Mobile Phone' }),
      defineField({ name: 'Website', type: 'url' }),
      ...addressFields('', 'Address', 'Address'),
      defineField({
        name: 'Status',
        type: 'picklist',
        label: 'Lead Status',
        picklistValues: LEAD_STATUSES,
        nillable: false,
      }),
      defineField({ name: 'LeadSource', type: 'picklist', picklistValues: LEAD_SOURCES }),
      defineField({ name: 'IsConverted', type: 'boolean', label: 'Converted', nillable: false }),
      defineField({ name: 'VAT_Number__c', type: 'string', length: 32, label: 'VAT Number' }),
    ],
  };
}

export const PICKLISTS = { INDUSTRIES, ACCOUNT_TYPES, LEAD_STATUSES, LEAD_SOURCES } as const;
