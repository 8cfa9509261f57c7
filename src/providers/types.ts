// A provider is one file: its valibot schema, how `whoami` and `profile` describe it, and the
// sandbox's demo accounts for it. index.ts is the registry (one line a provider) and the fallback.
import type { GenericSchema, InferOutput } from 'valibot';
import type { Identity, Section } from '../output/model.js';

export interface ProviderDefinition<S extends GenericSchema> {
  /** The wire value of `provider`, e.g. "LINKEDIN". */
  id: string;
  /** For people, e.g. "LinkedIn". */
  label: string;
  /**
   * The schema, built on first need: a run checks one provider's profiles, and building all six at
   * every start was ~1.3 ms before pp's first request (whoami's profile, measured).
   */
  schema: () => S;
  /** Must not throw on data that failed validation (tolerant mode shows it anyway). */
  identity(profile: InferOutput<S>, now?: number): Identity;
  /**
   * Every documented field, grouped; missing optional fields omitted. Must not throw either.
   * `now` (the clock's, in ms) is given when a person reads them: times then say how long ago.
   */
  sections(profile: InferOutput<S>, now?: number): Section[];
  /**
   * Sandbox answers keyed by account id, e.g. { acc_demo_linkedin: {...} }. A function, so the
   * demo data is only built when the sandbox asks, not on every start.
   */
  fixtures: () => Record<string, Record<string, unknown>>;
}

export interface Provider {
  id: string;
  label: string;
  schema: GenericSchema;
  describe(profile: Record<string, unknown>, now?: number): { identity: Identity; sections: Section[] };
  fixtures: Record<string, Record<string, unknown>>;
}

export function defineProvider<S extends GenericSchema>(
  def: ProviderDefinition<S>,
): Provider & { schema: S } {
  let fixtures: Record<string, Record<string, unknown>> | undefined;
  let schema: S | undefined;
  return {
    id: def.id,
    label: def.label,
    get schema() {
      schema ??= def.schema();
      return schema;
    },
    get fixtures() {
      fixtures ??= def.fixtures();
      return fixtures;
    },
    // The profile may not match the schema (tolerant mode); the renderers are written for that.
    describe: (profile, now) => {
      const p = profile as InferOutput<S>;
      return { identity: def.identity(p, now), sections: def.sections(p, now) };
    },
  };
}
