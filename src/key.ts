// What an API key looks like: the shape a header can carry, the kind its prefix says, and the masked
// form pp prints in its place. A leaf: api/ (the --verbose header line), config/ (checking what is
// stored) and the commands all use it, so it imports nothing.

/** An API key goes into an HTTP header as it is: printable ASCII, no spaces, no control characters. */
export const keyShape = /^[\x21-\x7e]+$/;

/** `pp_live_…` or `pp_test_…` keys are recognised as such; others are neither. */
export const keyKind = (key: string): 'live' | 'test' | undefined =>
  key.startsWith('pp_live_') ? 'live' : key.startsWith('pp_test_') ? 'test' : undefined;

/** `pp_live_0123456789abcdef8GR2` → `pp_live_…8GR2`. Short keys show no characters at all. */
export function maskKey(key: string): string {
  // Only postpress's own prefixes are shown: any other `word_word_` may be part of the secret.
  const prefix = /^pp_(live|test)_/.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  // the last four only when they are at most a third of what is secret
  return rest.length >= 12 ? `${prefix}…${rest.slice(-4)}` : `${prefix}…`;
}
