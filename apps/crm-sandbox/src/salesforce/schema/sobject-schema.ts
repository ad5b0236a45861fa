/** Field types as describe reports them (the subset the sandbox serves). */
export type SObjectFieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'reference'
  | 'boolean'
  | 'double'
  | 'date'
  | 'datetime'
  | 'address';

/** Component suffixes of an address compound field, in describe order. */
export const ADDRESS_COMPONENTS = ['Street', 'City', 'State', 'PostalCode', 'Country'] as const;
export type AddressComponent = (typeof ADDRESS_COMPONENTS)[number];

export interface SObjectField {
  /** Current API name: schema drift can rename it. */
  name: string;
  /** Key of the value in stored records: stays put when the field is renamed. */
  readonly storageKey: string;
  readonly label: string;
  readonly type: SObjectFieldType;
  readonly length: number;
  readonly nillable: boolean;
  readonly custom: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly nameField: boolean;
  readonly externalId: boolean;
  readonly picklistValues: readonly string[];
  readonly referenceTo: readonly string[];
  readonly relationshipName: string | null;
  /** Set on a component (BillingCity -> BillingAddress, FirstName -> Name). */
  readonly compoundFieldName: string | null;
  /** Set on an address field: component suffix -> storage key of the component. */
  readonly addressComponents: Readonly<Record<AddressComponent, string>> | null;
  /** Computed fields (Contact.Name) are derived from their components. */
  readonly derivedFrom: readonly string[] | null;
}

export interface SObjectSchema {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly custom: boolean;
  fields: SObjectField[];
}

export type FieldSpec = Partial<Omit<SObjectField, 'name' | 'storageKey' | 'type'>> & {
  name: string;
  type: SObjectFieldType;
};

export function defineField(spec: FieldSpec): SObjectField {
  const system = ['Id', 'IsDeleted', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'].includes(
    spec.name,
  );
  const custom = spec.name.endsWith('__c');
  return {
    storageKey: spec.name,
    label: spec.label ?? labelFrom(spec.name),
    length: spec.length ?? defaultLength(spec.type),
    nillable: spec.nillable ?? !system,
    custom: spec.custom ?? custom,
    createable: spec.createable ?? (!system && spec.type !== 'address' && !spec.derivedFrom),
    updateable: spec.updateable ?? (!system && spec.type !== 'address' && !spec.derivedFrom),
    nameField: spec.nameField ?? false,
    externalId: spec.externalId ?? false,
    picklistValues: spec.picklistValues ?? [],
    referenceTo: spec.referenceTo ?? [],
    relationshipName: spec.relationshipName ?? null,
    compoundFieldName: spec.compoundFieldName ?? null,
    addressComponents: spec.addressComponents ?? null,
    derivedFrom: spec.derivedFrom ?? null,
    name: spec.name,
    type: spec.type,
  };
}

/** The five system fields every object carries. */
export function systemFields(): SObjectField[] {
  return [
    defineField({ name: 'Id', type: 'id', label: 'Record ID', length: 18 }),
    defineField({ name: 'IsDeleted', type: 'boolean', label: 'Deleted' }),
    defineField({ name: 'CreatedDate', type: 'datetime', label: 'Created Date' }),
    defineField({ name: 'LastModifiedDate', type: 'datetime', label: 'Last Modified Date' }),
    defineField({ name: 'SystemModstamp', type: 'datetime', label: 'System Modstamp' }),
  ];
}

/** An address compound field and its five components, named `<prefix>Street` ... `<prefix>Country`. */
export function addressFields(prefix: string, compoundName: string, label: string): SObjectField[] {
  const components = Object.fromEntries(
    ADDRESS_COMPONENTS.map((part) => [part, `${prefix}${part}`]),
  ) as Record<AddressComponent, string>;
  return [
    ...ADDRESS_COMPONENTS.map((part) =>
      defineField({
        name: `${prefix}${part}`,
        type: part === 'Street' ? 'textarea' : 'string',
        label: `${label} ${labelFrom(part)}`,
        length: part === 'Street' ? 255 : part === 'PostalCode' ? 20 : 80,
        compoundFieldName: compoundName,
      }),
    ),
    defineField({ name: compoundName, type: 'address', label, addressComponents: components }),
  ];
}

function labelFrom(name: string): string {
  return name
    .replace(/__c$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
}

function defaultLength(type: SObjectFieldType): number {
  switch (type) {
    case 'id':
    case 'reference':
      return 18;
    case 'string':
    case 'email':
    case 'phone':
    case 'picklist':
      return type === 'phone' ? 40 : 255;
    case 'textarea':
    case 'url':
      return 255;
    case 'boolean':
    case 'double':
    case 'date':
    case 'datetime':
    case 'address':
      return 0;
  }
}
