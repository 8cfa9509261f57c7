// An Account of the accounts endpoints (`GET /api/v1/accounts`, `/accounts/{id}`): its documented
// shape, checked tolerantly as profiles are (a mismatch is a warning naming the field; --strict
// makes it exit 15), and what of it pp may show a person.
import * as v from 'valibot';
import { ExitCode, PpError } from '../errors.js';
import { list, record, text } from '../output/format.js';

/** The account types accounts.md lists (the list accepts any other string too). */
export const accountTypes: ReadonlySet<string> = new Set([
  'LINKEDIN',
  'WHATSAPP',
  'INSTAGRAM',
  'MESSENGER',
  'TELEGRAM',
  'TWITTER',
  'MAIL',
  'GOOGLE_OAUTH',
  'ICLOUD',
  'OUTLOOK',
  'IMAP',
  'MOBILE',
]);

// The schema is built on first need: an account that passes matchesSchema never needs it.
let accountSchema: ReturnType<typeof buildAccountSchema> | undefined;
const buildAccountSchema = () =>
  v.looseObject({
    object: v.literal('Account'),
    type: v.string(),
    id: v.pipe(v.string(), v.minLength(1)),
    name: v.string(),
    created_at: v.string(),
    sources: v.array(v.looseObject({ id: v.string(), status: v.string() })),
    connection_params: v.looseObject({}),
    groups: v.array(v.string()),
    signatures: v.optional(v.array(v.looseObject({ title: v.string(), content: v.string() }))),
    current_signature: v.optional(v.string()),
    last_fetched_at: v.optional(v.string()),
  });

const isString = (value: unknown): value is string => typeof value === 'string';
/** An object as valibot's object schemas take one (an array too). */
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object';
const isOptionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';

/**
 * The schema above, written out as plain tests of the fields pp reads: whether `item` matches it,
 * as valibot would say (a test checks they agree); an item that does not goes to valibot, which
 * names what is wrong, so the warnings and --strict are valibot's words. Why by hand: over 10,000
 * accounts valibot's safeParse, which builds a result and a path for every field of every item,
 * was ~70 ms of a ~500 ms `pp accounts --json`, in a process that runs once, cold; these tests
 * take a few ms.
 */
export function matchesSchema(item: Record<string, unknown>): boolean {
  if (item.object !== 'Account' || !isString(item.type) || !isString(item.name)) return false;
  if (!isString(item.id) || item.id === '' || !isString(item.created_at)) return false;
  const { sources, groups, signatures } = item;
  if (!Array.isArray(sources) || !Array.isArray(groups) || !isObject(item.connection_params)) return false;
  for (const source of sources)
    if (!isObject(source) || !isString(source.id) || !isString(source.status)) return false;
  for (const group of groups) if (!isString(group)) return false;
  if (signatures !== undefined) {
    if (!Array.isArray(signatures)) return false;
    for (const s of signatures) if (!isObject(s) || !isString(s.title) || !isString(s.content)) return false;
  }
  return isOptionalString(item.current_signature) && isOptionalString(item.last_fetched_at);
}

/** The account's documented fields that do not match, as "path: problem" lines; [] when it matches. */
export const accountIssues = (item: Record<string, unknown>): string[] =>
  matchesSchema(item) ? [] : schemaIssues(item);

/** valibot's verdict on `item`, as accountIssues words it. */
export function schemaIssues(item: Record<string, unknown>): string[] {
  accountSchema ??= buildAccountSchema();
  const result = v.safeParse(accountSchema, item);
  if (result.success) return [];
  return result.issues.map((issue) => {
    const path = v.getDotPath(issue) ?? '(root)';
    const what =
      issue.input === undefined && issue.path !== undefined
        ? 'required field is missing'
        : `expected ${issue.expected ?? 'another value'}, received ${issue.received}`;
    return `${path}: ${what}`;
  });
}

/**
 * Checks one account: the warning to print when it does not match its schema, or (--strict) the
 * failure. `where` names it for a person ("acc_x", "item 3 of page 2").
 */
export function checkAccount(
  item: Record<string, unknown>,
  strict: boolean,
  where: string,
): string | undefined {
  const issues = accountIssues(item);
  if (issues.length === 0) return undefined;
  const lines = issues.join('\n  ');
  if (strict) {
    throw new PpError({
      exitCode: ExitCode.invalidResponse,
      message: `invalid response: the account ${where} does not match its schema (--strict)`,
      detail: lines,
      hint: 'Run without --strict to see it anyway.',
      accountId: text(item.id),
    });
  }
  return `the account ${where} does not match the documented schema:\n  ${lines}`;
}

type Source = { id: string; status: string };
const isSource = (value: unknown): value is Source =>
  isObject(value) && !Array.isArray(value) && isString(value.id) && isString(value.status);

/** The sources of an account as the health model reads them (none when the field is not a list). */
export function sourcesOf(item: Record<string, unknown>): Source[] {
  // the list's own objects when they already read so (10,000 accounts made as many arrays again)
  if (Array.isArray(item.sources) && item.sources.every(isSource)) return item.sources;
  return list(item.sources).map((s) => ({
    id: text(record(s).id) ?? '',
    status: text(record(s).status) ?? '',
  }));
}

// What a person may see of connection_params: where and as whom it connects, never how it proves
// it. A name is shown when it says host, port, user(name), phone, e-mail, server, or is an id, and
// never when it also says token, password, secret, cookie, key or auth, whatever the server sends.
const shown = /(host|port|user|login|phone|e-?mail|server|(^|_)id$|_ids?$)/i;
const secret = /(token|pass|secret|cookie|key|auth|credential|session|signature)/i;

/** The connection parameters to show, flattened to "im.phone_number"-style labels, in order. */
export function connectionParams(params: unknown, prefix = ''): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  for (const [name, value] of Object.entries(record(params))) {
    const label = prefix ? `${prefix}.${name}` : name;
    if (secret.test(name)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out.push(...connectionParams(value, label));
      continue;
    }
    const shownValue = text(value);
    if (shownValue !== undefined && shownValue !== '' && shown.test(name))
      out.push({ label, value: shownValue });
  }
  return out;
}
