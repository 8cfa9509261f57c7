// Small builders the provider files share, so that each of them reads as a list of fields.
import { text, yesNo } from '../output/format.js';
import {
  type Field,
  type FieldsSection,
  field,
  fields,
  type Section,
  type TableSection,
  type Tone,
} from '../output/model.js';

/** A titled group of fields, or nothing when none of them is present. */
export function group(title: string, ...items: (Field | undefined)[]): FieldsSection | undefined {
  const present = fields(...items);
  return present.length > 0 ? { kind: 'fields', title, fields: present } : undefined;
}

/**
 * A sub-table, or nothing when it has no rows. A cell that is missing or not text is blank; a
 * cell given as a Field-like { value, tone } is shown in its tone.
 */
export function table(
  title: string,
  head: string[],
  rows: (unknown | { value: unknown; tone: Tone | undefined })[][],
): TableSection | undefined {
  if (rows.length === 0) return undefined;
  const toned = (cell: unknown): cell is { value: unknown; tone: Tone | undefined } =>
    cell !== null && typeof cell === 'object' && 'tone' in cell && 'value' in cell;
  const section: TableSection = {
    kind: 'table',
    title,
    head,
    rows: rows.map((row) => row.map((cell) => text(toned(cell) ? cell.value : cell) ?? '')),
  };
  if (rows.some((row) => row.some(toned)))
    section.tones = rows.map((row) => row.map((cell) => (toned(cell) ? cell.tone : undefined)));
  return section;
}

/** The sections that exist, in order. */
export function present(...items: (Section | undefined)[]): Section[] {
  return items.filter((s): s is Section => s !== undefined);
}

/** A flag that is bad news when set (restricted, deleted, protected): yes is a warning, as its health is. */
export function alarm(label: string, value: unknown): Field | undefined {
  return field(label, yesNo(value), value === true ? 'warn' : undefined);
}

/** "@name" for a handle, or nothing. */
export function at(value: unknown): string | undefined {
  const name = text(value);
  return name ? `@${name}` : undefined;
}
