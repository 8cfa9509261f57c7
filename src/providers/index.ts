// The registry: the six documented providers, each checked by its own schema, and the fallback for
// a provider the API adds later. A new provider is one file and one line in \`providers\`.
import * as v from 'valibot';
import { anyValue } from '../output/format.js';
import { field, fields, type Section } from '../output/model.js';
import { gmail } from './gmail.js';
import { imap } from './imap.js';
import { linkedin } from './linkedin.js';
import { outlook } from './outlook.js';
import { telegram } from './telegram.js';
import { twitter } from './twitter.js';
import type { Provider } from './types.js';

export const providers: readonly Provider[] = [linkedin, telegram, twitter, gmail, outlook, imap];

/** The provider whose wire id (e.g. "GMAIL") this is, if it is one of the documented ones. */
export function findProvider(id: unknown): Provider | undefined {
  return providers.find((p) => p.id === id);
}

export interface SchemaIssue {
  /** Dot path such as "organizations.0.name"; "" for the profile itself. */
  path: string;
  message: string;
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  // A missing key is reported with input undefined and the key as the expected value.
  if (issue.input === undefined && issue.path !== undefined) return 'required field is missing';
  // Unions carry a message written for them in the schema.
  if (issue.type === 'union') return issue.message;
  return `expected ${issue.expected ?? 'another value'}, received ${issue.received}`;
}

/**
 * Checks a profile against its provider's schema. An unknown provider is not a mismatch: it has no
 * schema to break, so it comes back with no provider and no issues.
 */
export function checkProfile(data: Record<string, unknown>): {
  provider: Provider | undefined;
  issues: SchemaIssue[];
} {
  const provider = findProvider(data.provider);
  if (!provider) return { provider: undefined, issues: [] };
  // its own schema: the provider field chose it, as a variant on `provider` would
  const result = v.safeParse(provider.schema, data);
  const issues = result.success
    ? []
    : result.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: describeIssue(issue) }));
  return { provider, issues };
}

/** An unknown provider: its top-level fields as they came, objects and arrays as one-line JSON. */
export function genericSections(data: Record<string, unknown>): Section[] {
  const shown = fields(...Object.entries(data).map(([key, value]) => field(key, anyValue(value))));
  return shown.length > 0 ? [{ kind: 'fields', title: 'Fields', fields: shown }] : [];
}

let demo: Readonly<Record<string, Record<string, unknown>>> | undefined;

/** Every provider's sandbox accounts, keyed by account id (built on first use). */
export function demoAccounts(): Readonly<Record<string, Record<string, unknown>>> {
  if (demo) return demo;
  const all: Record<string, Record<string, unknown>> = Object.assign({}, ...providers.map((p) => p.fixtures));
  demo = Object.freeze(all);
  return demo;
}
