import { describe, expect, it } from 'vitest';
import { errorCatalogue, errorNames, exitCodeFor } from '../../src/api/catalogue.js';
import { ExitCode } from '../../src/errors.js';

// The documented types per status (the users/me reference), and the exit code the CLI contract gives each.
const documented: Record<number, [string[], number]> = {
  401: [['missing_credentials', 'invalid_credentials', 'insufficient_privileges'], 4],
  403: [
    [
      'account_restricted',
      'account_mismatch',
      'insufficient_permissions',
      'session_mismatch',
      'feature_not_subscribed',
      'subscription_required',
      'unknown_authentication_context',
      'action_required',
      'resource_access_restricted',
    ],
    6,
  ],
  404: [['resource_not_found', 'invalid_resource_identifier'], 7],
  422: [['invalid_account', 'unprocessable_entity', 'account_configuration_error'], 8],
  429: [['too_many_requests'], 9],
  500: [['unexpected_error', 'provider_error', 'authentication_intent_error'], 10],
  501: [['feature_not_implemented'], 11],
  503: [['no_client_session', 'no_channel', 'no_handler', 'network_down', 'service_unavailable'], 12],
  504: [['request_timeout'], 13],
};

// The 401 types that are the account's problem, not the key's: exit 5 (the CLI contract).
const accountSide401 = [
  'disconnected_account',
  'expired_credentials',
  'multiple_sessions',
  'invalid_checkpoint_solution',
  'invalid_proxy_credentials',
  'checkpoint_error',
  'disconnected_feature',
  'invalid_credentials_but_valid_account_imap',
  'expired_link',
  'wrong_account',
];

describe('error catalogue', () => {
  it('knows exactly the 38 documented types', () => {
    const expected = [...Object.values(documented).flatMap(([names]) => names), ...accountSide401];
    expect(errorNames).toHaveLength(38);
    expect(new Set(errorNames)).toEqual(new Set(expected));
  });

  for (const [status, [names, code]] of Object.entries(documented)) {
    for (const name of names) {
      it(`errors/${name} is HTTP ${status} and exits ${code}`, () => {
        expect(errorCatalogue[name]?.status).toBe(Number(status));
        expect(exitCodeFor(Number(status), `errors/${name}`)).toBe(code);
        expect(errorCatalogue[name]?.hint.length).toBeGreaterThan(10);
        expect(errorCatalogue[name]?.description.length).toBeGreaterThan(10);
      });
    }
  }

  it.each(accountSide401)('401 %s is the account owner’s to fix: exit 5, not 4 (the key)', (name) => {
    expect(exitCodeFor(401, `errors/${name}`)).toBe(ExitCode.disconnected);
  });

  it('a 401 type pp does not know, or an account-side type on another status, is not exit 5', () => {
    expect(exitCodeFor(401, 'errors/something_new')).toBe(ExitCode.auth);
    expect(exitCodeFor(403, 'errors/disconnected_account')).toBe(ExitCode.forbidden);
  });

  it('maps statuses with no type', () => {
    expect(exitCodeFor(401)).toBe(4);
    expect(exitCodeFor(403)).toBe(6);
    expect(exitCodeFor(404)).toBe(7);
    expect(exitCodeFor(409)).toBe(8);
    expect(exitCodeFor(418)).toBe(8);
    expect(exitCodeFor(429)).toBe(9);
    expect(exitCodeFor(500)).toBe(10);
    expect(exitCodeFor(505)).toBe(10);
    expect(exitCodeFor(501)).toBe(11);
    expect(exitCodeFor(502)).toBe(12);
    expect(exitCodeFor(503)).toBe(12);
    expect(exitCodeFor(504)).toBe(13);
  });
});
