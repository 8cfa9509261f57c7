// The output formats pp has (CLI.md, "Formats"), and the sets commands take. A leaf: the context,
// the commands, the completion and the help all read these names.

/** Every output format pp has; each command says which of them it takes. */
export const formatNames = ['table', 'json', 'csv', 'tsv', 'nagios', 'prometheus'] as const;
export type Format = (typeof formatNames)[number];
/** What a command takes unless it says otherwise: a person's layout and JSON. */
export const oneAccountFormats: readonly Format[] = ['table', 'json'];
/** A row per account: also csv and tsv (pp accounts, many-account pp profile). */
export const listFormats: readonly Format[] = ['table', 'json', 'csv', 'tsv'];
