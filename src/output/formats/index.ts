// Every output format (CLI.md, "Formats") and the sets commands take: adding a format is one file
// in this folder and one line in `formats` below. Apart from exporter.ts, which the format files
// import, so that nothing imports this list back (a loop, even through import(), fails the lint).
import type { PpError } from '../../errors.js';
import type { ExportDeps, Failure, FormatModule } from '../exporter.js';

/**
 * Every output format (CLI.md, "Formats"), each loaded only when asked for: a machine format
 * never pays for the layout and its width tables.
 */
export const formats = {
  table: () => import('./table.js'),
  json: () => import('./json.js'),
  csv: () => import('./delimited.js').then((m) => m.csv),
  tsv: () => import('./delimited.js').then((m) => m.tsv),
  nagios: () => import('./nagios.js'),
  prometheus: () => import('./prometheus.js'),
} satisfies Record<string, () => Promise<FormatModule>>;

export type Format = keyof typeof formats;
export const formatNames = Object.keys(formats) as Format[];

/** What a command takes unless it says otherwise: a person's layout and JSON. */
export const oneAccountFormats: readonly Format[] = ['table', 'json'];
/** A row per account: also csv and tsv (pp accounts, many-account pp profile). */
export const listFormats: readonly Format[] = ['table', 'json', 'csv', 'tsv'];

/** The failure a format writes when the command failed before it had an exporter (see FormatModule). */
export async function formatFailure(
  format: Format,
  error: PpError,
  deps: ExportDeps,
): Promise<Failure | undefined> {
  const module: FormatModule = await formats[format]();
  return module.failure?.(error, deps);
}
