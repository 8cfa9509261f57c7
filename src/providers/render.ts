// Small builders the provider files share, so that each of them reads as a list of fields.
import { text, yesNo } from '../output/format.js';
import {
  type Field,
  type FieldsSection,
  field,
  fields,
  type Section,
  type TableSection,
} from '../output/model.js';

/** A titled group of fields, or nothing when none of them is present. */
export function group(title: string, ...items: (Field | undefined)[]): FieldsSection | undefined {
  const present = fields(...items);
  return present.length > 0 ? { kind: 'fields', title, fields: present } : undefined;
}

/** A sub-table, or nothing when it has no rows. A cell that is missing or not text is blank. */
export function table(title: string, head: string[], rows: unknown[][]): TableSection | undefined {
  if (rows.length === 0) return undefined;
  return { kind: 'table', title, head, rows: rows.map((row) => row.map((cell) => text(cell) ?? '')) };
}

/** The sections that exist, in order. */
export function present(...items: (Section | undefined)[]): Section[] {
  return items.filter((s): s is Section => s !== undefined);
}

/** A flag that is good news when set (premium, verified): yes is 'ok', no is 'dim'. */
export function perk(label: string, value: unknown): Field | undefined {
  return field(label, yesNo(value), value === true ? 'ok' : value === false ? 'dim' : undefined);
}

/** A flag that is bad news when set (restricted, deleted): yes is 'bad' (or 'warn'), no is 'dim'. */
export function alarm(label: string, value: unknown, tone: 'bad' | 'warn' = 'bad'): Field | undefined {
  return field(label, yesNo(value), value === true ? tone : value === false ? 'dim' : undefined);
}

/** "@name" for a handle, or nothing. */
export function at(value: unknown): string | undefined {
  const name = text(value);
  return name ? `@${name}` : undefined;
}
