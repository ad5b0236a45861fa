import { ConnectorError, ConnectorErrorCode } from '../port/connector-error';
import { CURSOR_FIELD } from './soql.builder';

/** What the connector needs of one describe field. */
export interface DescribedField {
  name: string;
  type: string;
  compoundFieldName?: string | null;
}

/** The fields one object's queries select, and how to read their values. */
export interface FieldSelection {
  object: string;
  /** SELECT list: Id, SystemModstamp, IsDeleted first, compound fields replaced by their components. */
  fields: string[];
  /** Describe type of each selected field; relationship paths (`Account.Name`) have none. */
  types: ReadonlyMap<string, string>;
  /** Configured fields Salesforce no longer describes: left out of every query. */
  missing: string[];
}

const SYSTEM_FIELDS = ['Id', CURSOR_FIELD, 'IsDeleted'];
/** Compound types that Bulk API 2.0 cannot select whatever their components. */
const COMPOUND_TYPES = new Set(['address', 'location']);

/** The components of each compound field (BillingAddress, MailingAddress, Contact.Name...). */
export function compoundComponents(fields: readonly DescribedField[]): Map<string, string[]> {
  const components = new Map<string, string[]>();
  const names = new Set(fields.map((f) => f.name));
  for (const f of fields) {
    const parent = f.compoundFieldName;
    if (!parent || parent === f.name || !names.has(parent)) continue;
    const list = components.get(parent) ?? [];
    list.push(f.name);
    components.set(parent, list);
  }
  return components;
}

/**
 * Resolves the configured field list against the object's describe. Compound fields are
 * replaced by their components on every path, so a record read by REST and by Bulk has the
 * same payload (and the same content hash). A configured field the describe lacks (removed or
 * renamed in Salesforce) is left out and reported in `missing`; the rest still syncs.
 */
export function resolveFieldSelection(
  object: string,
  described: readonly DescribedField[],
  configured: readonly string[] | undefined,
): FieldSelection {
  const byName = new Map(described.map((f) => [f.name.toLowerCase(), f]));
  if (!byName.has(CURSOR_FIELD.toLowerCase()) || !byName.has('id')) {
    throw new ConnectorError(
      ConnectorErrorCode.Config,
      `${object} has no Id or ${CURSOR_FIELD} field: it cannot be read incrementally`,
      { object },
    );
  }
  const components = compoundComponents(described);
  const isCompound = (f: DescribedField): boolean =>
    components.has(f.name) || COMPOUND_TYPES.has(f.type);

  const chosen: string[] = [];
  const missing: string[] = [];
  const types = new Map<string, string>();
  const seen = new Set<string>();
  const add = (name: string, type?: string): void => {
    const key = name.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    chosen.push(name);
    if (type !== undefined) types.set(name, type);
  };
  const addDescribed = (f: DescribedField): void => {
    if (!isCompound(f)) {
      add(f.name, f.type);
      return;
    }
    for (const part of components.get(f.name) ?? []) {
      const component = byName.get(part.toLowerCase());
      if (component) add(component.name, component.type);
    }
  };

  for (const name of SYSTEM_FIELDS) {
    const f = byName.get(name.toLowerCase());
    if (f) add(f.name, f.type);
  }
  if (configured === undefined) {
    for (const f of described) if (!isCompound(f)) add(f.name, f.type);
  } else {
    for (const name of configured) {
      // relationship paths are checked by Salesforce itself; a wrong one fails the query
      if (name.includes('.')) {
        add(name);
        continue;
      }
      const f = byName.get(name.toLowerCase());
      if (f) addDescribed(f);
      else missing.push(name);
    }
  }
  return { object, fields: chosen, types, missing };
}

/** The drift warning for the log and the page. */
export function describeMissingFields(selection: FieldSelection): string | undefined {
  if (selection.missing.length === 0) return undefined;
  const list = selection.missing.join(', ');
  return (
    `${selection.object}: field${selection.missing.length > 1 ? 's' : ''} ${list} no longer ` +
    `in Salesforce's describe (removed or renamed); left out of the query, the other fields sync`
  );
}
