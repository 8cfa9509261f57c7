// What renderers produce: plain data that the output layer lays out as text, with colour and width
// decided there. Providers describe a profile in these terms and never print anything themselves.

/**
 * What a value means, which decides its colour, the same everywhere (render.ts painter): `ok`
 * (green), `warn` a warning (yellow), `action` the owner must act (magenta), `bad` an error, or a
 * check that failed (red), `dim` muted (no, none, not set), `plain`. health.ts stateTone maps the
 * health states onto them.
 */
export type Tone = 'plain' | 'ok' | 'warn' | 'action' | 'bad' | 'dim';

export interface Field {
  label: string;
  value: string;
  tone?: Tone;
}

export interface FieldsSection {
  kind: 'fields';
  title?: string;
  fields: Field[];
}

export interface TableSection {
  kind: 'table';
  title: string;
  head: string[];
  rows: string[][];
  /** A tone per cell where one is meant (a pending verification), beside `rows`. */
  tones?: (Tone | undefined)[][];
}

export type Section = FieldsSection | TableSection;

export interface Warning {
  /**
   * Stable and machine-readable, e.g. "recruiter_disconnected": the health model and scripts key on
   * it, so the display text can change freely.
   */
  code: string;
  /** e.g. "Recruiter seat disconnected"; its colour is the health state's (health.ts stateTone). */
  text: string;
}

/** The at-a-glance identity `pp whoami` shows. */
export interface Identity {
  /** A person's or mailbox's display name; falls back to the handle or address. */
  name: string;
  /** @username, @handle, e-mail address or user@host. */
  handle?: string | undefined;
  /** A few more lines worth a glance (LinkedIn headline, job title…). */
  details: Field[];
  warnings: Warning[];
}

/** Builds a Field, or nothing when the value is missing, so absent optional fields are omitted. */
export function field(label: string, value: string | undefined, tone?: Tone): Field | undefined {
  if (value === undefined || value === '') return undefined;
  return tone ? { label, value, tone } : { label, value };
}

/** Keeps the fields that exist. */
export function fields(...items: (Field | undefined)[]): Field[] {
  return items.filter((f): f is Field => f !== undefined);
}

// The health model's vocabulary (health.ts decides the verdict; CLI.md, "Health").

export type HealthState = 'ok' | 'warning' | 'connecting' | 'action_needed' | 'stopped' | 'unknown';

/**
 * The six states, least severe first: the contract's own order, used for per-state counts (nagios
 * performance data, prometheus) and, through stateRank, for "worst first" sorting.
 *
 * Severity: warning (the account works, a seat or a restriction needs a look) is below connecting
 * (nothing works yet, usually transient), which is below action_needed (the owner must act) and
 * stopped (nothing runs at all). unknown ranks highest: the check failed, so the account may be in
 * any state, and a person should look at it first.
 */
export const healthStates: readonly HealthState[] = [
  'ok',
  'warning',
  'connecting',
  'action_needed',
  'stopped',
  'unknown',
];

/**
 * The tone, so the colour, a state is shown in, the same everywhere: ok; warning and connecting
 * warn; action_needed and stopped, which the owner must act on, action; unknown, a check that
 * failed, bad (the colour of errors).
 */
export function stateTone(state: HealthState): Tone {
  if (state === 'ok') return 'ok';
  if (state === 'warning' || state === 'connecting') return 'warn';
  if (state === 'unknown') return 'bad';
  return 'action';
}

/** 0 for ok up to 5 for unknown; sort by it descending for "worst first". */
export function stateRank(state: HealthState): number {
  return healthStates.indexOf(state);
}

export interface HealthReason {
  /** Stable: `source_credentials`, `recruiter_disconnected`, `errors/disconnected_account`, `network`... */
  code: string;
  /** One or two sentences for a person, saying what to do. */
  text: string;
}

/** The `--json` shape as well: `{"state", "reasons"}`, reasons empty when ok. */
export interface Health {
  state: HealthState;
  reasons: readonly HealthReason[];
}
