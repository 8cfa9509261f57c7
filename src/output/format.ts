// Turning API values into words. Every function takes `unknown` on purpose: in tolerant mode a
// profile that failed validation is still shown, so a value may have any type. They never throw.

/** A string, or a number/boolean as text; undefined for null, missing, objects and arrays. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  // JSON.parse rounds an integer past 2^53: say so rather than show other digits as the server's
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value))
    return `${value} (rounded: too large to show exactly; --json has the digits sent)`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return undefined;
}

/**
 * 1234567 → "1,234,567"; -9876.5 → "-9,876.5". Written out rather than Intl.NumberFormat, whose
 * first use loads ICU data: ~20 ms of every start that prints a number.
 */
export function groupDigits(n: number): string {
  const [whole = '', fraction] = String(Math.abs(n)).split('.');
  if (/e/i.test(whole)) return String(n);
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** 1234567 → "1,234,567". */
export function count(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return groupDigits(value);
  return text(value);
}

export function yesNo(value: unknown): string | undefined {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return text(value);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A Date as "2024-03-05 14:22:09 UTC": unambiguous, sortable, the same on every machine. */
export function utc(date: Date): string {
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`
  );
}

/** A date for a person: UTC, and how long ago when `now` is given ("… UTC (3 days ago)"). */
function when(date: Date, now: number | undefined): string {
  return now === undefined ? utc(date) : `${utc(date)} (${ago(date, now)})`;
}

/** Unix seconds → a readable UTC date, and how long ago when `now` is given. */
export function unixSeconds(value: unknown, now?: number): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return text(value);
  const date = new Date(value * 1000);
  return Number.isNaN(date.getTime()) ? String(value) : when(date, now);
}

const twitterDate = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Twitter's "Wed Oct 10 20:19:24 +0000 2018" → "2018-10-10 20:19:24 UTC", and how long ago when
 * `now` is given; other text as it came.
 */
export function twitterCreatedAt(value: unknown, now?: number): string | undefined {
  if (typeof value !== 'string') return text(value);
  const m = twitterDate.exec(value);
  const month = m ? months.indexOf(m[1]!) : -1;
  if (!m || month < 0) return value;
  const offsetMinutes = (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 60 + Number(m[8]));
  const ms =
    Date.UTC(Number(m[9]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) -
    offsetMinutes * 60_000;
  return when(new Date(ms), now);
}

const entities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * HTML (a mail signature) as the text it shows: `<br>` a line break, other tags dropped, entities
 * decoded (named ones of markup, and numeric ones). Entities are decoded last, so `&lt;b&gt;`
 * stays the text `<b>`. Only for a person: --json keeps the HTML as it came.
 */
export function htmlText(value: unknown): string | undefined {
  if (typeof value !== 'string') return text(value);
  return value
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      const code = /^#x/i.test(name)
        ? Number.parseInt(name.slice(2), 16)
        : name.startsWith('#')
          ? Number(name.slice(1))
          : undefined;
      if (code === undefined) return entities[name.toLowerCase()] ?? whole;
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
}

/** An array, or [] for anything else (null, missing, a mismatched type). */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An object's own fields, or {} for anything else. */
export function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Joins the parts that exist: join(' ', first, last). */
export function join(separator: string, ...parts: unknown[]): string | undefined {
  const present = parts.map(text).filter((p): p is string => p !== undefined && p !== '');
  return present.length > 0 ? present.join(separator) : undefined;
}

/** Any JSON value in one line, for generic display of unknown providers and fields. */
export function anyValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object') return JSON.stringify(value);
  return text(value);
}

/**
 * How long ago `then` was, in the largest unit that is at least 1: "just now", "5 minutes ago",
 * "3 hours ago", "12 days ago", "2 months ago", "3 years ago"; ahead by more than a minute, "in 5
 * minutes" (a status that expires).
 */
export function ago(then: Date, now: number): string {
  const seconds = Math.round((now - then.getTime()) / 1000);
  if (seconds < -60) return `in ${ago(new Date(now), then.getTime()).replace(/ ago$/, '')}`;
  const long = span(seconds);
  return long ? `${long} ago` : 'just now';
}

/** A length of time in a few characters: "<1m", "12m", "5h", "3d" (days past a day, however many). */
export function compactSpan(seconds: number): string {
  if (seconds < 60) return '<1m';
  if (seconds < 3_600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

/**
 * A length of time in the largest unit that is at least 1 ("5 minutes", "3 days", "2 months"), or
 * undefined under a minute.
 */
function span(seconds: number): string | undefined {
  if (seconds < 60) return undefined;
  const units: [number, string][] = [
    [365 * 86_400, 'year'],
    [30 * 86_400, 'month'],
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'}`;
  }
  return undefined;
}

/** An ISO 8601 time as "2024-03-05 14:22:09 UTC (3 days ago)"; other text as it came. */
export function isoWithAgo(value: unknown, now: number): string | undefined {
  if (typeof value !== 'string') return text(value);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : when(date, now);
}
