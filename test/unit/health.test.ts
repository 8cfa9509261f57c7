// The health model: each rule of CLI.md's Health section, and the exit codes of pp status.
import { describe, expect, it } from 'vitest';
import { errorCatalogue, exitCodeFor } from '../../src/api/catalogue.js';
import { ExitCode, PpError } from '../../src/errors.js';
import {
  type Health,
  type HealthState,
  healthExitCode,
  healthOf,
  healthStates,
  stateRank,
} from '../../src/health.js';

const sources = (...statuses: string[]) => statuses.map((status, i) => ({ id: `src_${i}`, status }));
const codes = (h: Health) => h.reasons.map((r) => r.code);

/** The error the API client makes of a typed answer. */
function apiError(status: number, name: string): PpError {
  const info = errorCatalogue[name]!;
  const type = `errors/${name}`;
  return new PpError({
    exitCode: exitCodeFor(status, type),
    message: `${info.title} (${type}, HTTP ${status})`,
    hint: info.hint,
    status,
    type,
    title: info.title,
  });
}

describe('states', () => {
  it('lists the six states least severe first, unknown last', () => {
    expect(healthStates).toEqual(['ok', 'warning', 'connecting', 'action_needed', 'stopped', 'unknown']);
  });

  it('ranks each state by that order, so sorting by rank descending puts the worst first', () => {
    expect(healthStates.map(stateRank)).toEqual([0, 1, 2, 3, 4, 5]);
    const shuffled: HealthState[] = ['warning', 'unknown', 'ok', 'stopped', 'connecting', 'action_needed'];
    expect(shuffled.sort((a, b) => stateRank(b) - stateRank(a))).toEqual([...healthStates].reverse());
  });
});

describe('healthOf: sources', () => {
  it('every source OK is ok, with no reasons', () => {
    expect(healthOf({ sources: sources('OK', 'OK') })).toEqual({ state: 'ok', reasons: [] });
  });

  it.each([
    ['CONNECTING', 'connecting', 'source_connecting', /wait/i],
    ['CREDENTIALS', 'action_needed', 'source_credentials', /reconnect/i],
    ['PERMISSIONS', 'action_needed', 'source_permissions', /grant/i],
    ['ERROR', 'stopped', 'source_error', /restart or reconnect/i],
    ['STOPPED', 'stopped', 'source_stopped', /restart/i],
  ])('a source %s (the others OK) is %s, reason %s, saying what to do', (status, state, code, todo) => {
    const health = healthOf({ sources: sources('OK', status) });
    expect(health.state).toBe(state);
    expect(codes(health)).toEqual([code]);
    expect(health.reasons[0]?.text).toMatch(todo);
  });

  it('no source at all is stopped, no_source', () => {
    const health = healthOf({ sources: [] });
    expect(health.state).toBe('stopped');
    expect(codes(health)).toEqual(['no_source']);
  });

  it('a status pp does not know needs action, and its text names the status', () => {
    const health = healthOf({ sources: sources('OK', 'SYNCING') });
    expect(health.state).toBe('action_needed');
    expect(codes(health)).toEqual(['source_unknown']);
    expect(health.reasons[0]?.text).toContain('"SYNCING"');
  });

  it('status strings are taken as they are: a lower-case ok is not OK', () => {
    expect(healthOf({ sources: sources('ok') }).state).toBe('action_needed');
  });

  it('several unknown statuses are one reason naming each once', () => {
    const health = healthOf({ sources: sources('SYNCING', 'PAUSED', 'SYNCING') });
    expect(codes(health)).toEqual(['source_unknown']);
    expect(health.reasons[0]?.text).toContain('"SYNCING", "PAUSED"');
  });

  it('one reason per distinct problem: two sources with the same status give one reason', () => {
    expect(codes(healthOf({ sources: sources('CREDENTIALS', 'CREDENTIALS') }))).toEqual([
      'source_credentials',
    ]);
  });

  it('the worst source wins, and every problem is a reason, worst first', () => {
    const health = healthOf({ sources: sources('CONNECTING', 'OK', 'CREDENTIALS', 'STOPPED') });
    expect(health.state).toBe('stopped');
    expect(codes(health)).toEqual(['source_stopped', 'source_credentials', 'source_connecting']);
  });

  it('connecting only when none is worse', () => {
    expect(healthOf({ sources: sources('CONNECTING', 'PERMISSIONS') }).state).toBe('action_needed');
    expect(healthOf({ sources: sources('CONNECTING', 'ERROR') }).state).toBe('stopped');
  });

  it('reasons at the same severity keep the sources’ order', () => {
    expect(codes(healthOf({ sources: sources('STOPPED', 'ERROR') }))).toEqual([
      'source_stopped',
      'source_error',
    ]);
    expect(codes(healthOf({ sources: sources('PERMISSIONS', 'FROZEN', 'CREDENTIALS') }))).toEqual([
      'source_permissions',
      'source_credentials',
      'source_unknown',
    ]);
  });
});

describe('healthOf: profile warnings', () => {
  const seat = { code: 'recruiter_disconnected', text: 'Recruiter seat disconnected' };
  const restricted = { code: 'telegram_restricted', text: 'Restricted by Telegram: unavailable on iOS.' };

  it('a warning makes an otherwise ok account warning, its code the reason', () => {
    const health = healthOf({ sources: sources('OK'), warnings: [seat] });
    expect(health.state).toBe('warning');
    expect(health.reasons).toEqual([
      {
        code: 'recruiter_disconnected',
        text: 'Recruiter seat disconnected. Reconnect the Recruiter seat in postpress.',
      },
    ]);
  });

  it('warnings alone (sources not read) are judged too; no warnings and nothing else is ok', () => {
    expect(healthOf({ warnings: [seat, restricted] })).toMatchObject({ state: 'warning' });
    expect(codes(healthOf({ warnings: [seat, restricted] }))).toEqual([
      'recruiter_disconnected',
      'telegram_restricted',
    ]);
    expect(healthOf({ warnings: [] })).toEqual({ state: 'ok', reasons: [] });
    expect(healthOf({})).toEqual({ state: 'ok', reasons: [] });
  });

  it('keeps the warning’s own words (one full stop) and adds what to do', () => {
    const text = healthOf({ warnings: [restricted] }).reasons[0]?.text;
    expect(text).toMatch(/^Restricted by Telegram: unavailable on iOS\. Check the account in Telegram/);
  });

  it.each([
    'recruiter_disconnected',
    'recruiter_multiple_sessions',
    'sales_navigator_disconnected',
    'telegram_restricted',
    'telegram_deleted',
    'telegram_fake',
    'twitter_protected',
    'twitter_withheld',
  ])('%s has its own advice', (code) => {
    const text = healthOf({ warnings: [{ code, text: 'Something' }] }).reasons[0]?.text;
    expect(text).toMatch(/^Something\. \S/);
    expect(text).not.toContain('provider’s own site');
  });

  it('a warning code it has no advice for still counts, with general advice', () => {
    const health = healthOf({
      warnings: [{ code: 'recruiter_seat_error', text: 'Recruiter seat: SUSPENDED' }],
    });
    expect(health.state).toBe('warning');
    expect(health.reasons[0]?.text).toBe(
      'Recruiter seat: SUSPENDED. Check the account on the provider’s own site.',
    );
  });

  it('a worse source state wins over a warning, and both are reasons, the source first', () => {
    const connecting = healthOf({ sources: sources('CONNECTING'), warnings: [seat] });
    expect(connecting.state).toBe('connecting');
    expect(codes(connecting)).toEqual(['source_connecting', 'recruiter_disconnected']);
    expect(healthOf({ sources: [], warnings: [seat] }).state).toBe('stopped');
  });

  it('the same warning code twice is one reason', () => {
    expect(codes(healthOf({ warnings: [seat, { ...seat, text: 'again' }] }))).toEqual([
      'recruiter_disconnected',
    ]);
  });
});

describe('healthOf: a failed check', () => {
  it.each([
    'disconnected_account',
    'expired_credentials',
    'multiple_sessions',
    'checkpoint_error',
    'disconnected_feature',
    'wrong_account',
  ])(
    'users/me failing with the exit-5 type %s is action_needed, the type the code, the hint the text',
    (name) => {
      const health = healthOf({ sources: sources('OK'), error: apiError(401, name) });
      expect(health.state).toBe('action_needed');
      expect(health.reasons).toEqual([
        { code: `errors/${name}`, text: `${errorCatalogue[name]!.title}: ${errorCatalogue[name]!.hint}` },
      ]);
    },
  );

  it.each([
    [404, 'resource_not_found'],
    [401, 'invalid_credentials'],
    [403, 'account_restricted'],
    [429, 'too_many_requests'],
    [500, 'provider_error'],
    [503, 'service_unavailable'],
  ])('any other failure (HTTP %i %s) is unknown with the error type as code', (status, name) => {
    const health = healthOf({ error: apiError(status, name) });
    expect(health.state).toBe('unknown');
    expect(codes(health)).toEqual([`errors/${name}`]);
    expect(health.reasons[0]?.text).toContain(errorCatalogue[name]!.hint);
  });

  it.each([
    [
      new PpError({
        exitCode: ExitCode.network,
        message: 'network failure: connection refused',
        hint: 'Check it.',
      }),
      'network',
    ],
    [new PpError({ exitCode: ExitCode.rateLimited, message: 'rate limited', status: 429 }), 'rate_limited'],
    [
      new PpError({ exitCode: ExitCode.invalidResponse, message: 'invalid response: x', status: 200 }),
      'invalid_response',
    ],
    [
      new PpError({ exitCode: ExitCode.unavailable, message: 'Service unavailable', status: 503 }),
      'http_503',
    ],
    [new PpError({ exitCode: ExitCode.bug, message: 'unexpected failure: boom' }), 'unexpected'],
  ])('a failure with no error type is named by its kind', (error, code) => {
    const health = healthOf({ error });
    expect(health.state).toBe('unknown');
    expect(codes(health)).toEqual([code]);
  });

  it('an unknown reason says what failed and, when known, what to do', () => {
    const error = new PpError({
      exitCode: ExitCode.network,
      message: 'network failure: refused',
      hint: 'Try again.',
    });
    expect(healthOf({ error }).reasons[0]?.text).toBe('Network failure: refused. Try again.');
  });

  it('an exit-5 error with no type still needs action, its own hint the advice', () => {
    const error = new PpError({
      exitCode: ExitCode.disconnected,
      message: 'Account gone',
      hint: 'Reconnect it.',
    });
    expect(healthOf({ error })).toEqual({
      state: 'action_needed',
      reasons: [{ code: 'unexpected', text: 'Account gone: Reconnect it.' }],
    });
  });

  it('the error decides the state whatever the sources say; their reasons follow the error’s', () => {
    const unknown = healthOf({ sources: sources('STOPPED'), error: apiError(429, 'too_many_requests') });
    expect(unknown.state).toBe('unknown');
    expect(codes(unknown)).toEqual(['errors/too_many_requests', 'source_stopped']);
    const action = healthOf({ sources: sources('STOPPED'), error: apiError(401, 'disconnected_account') });
    expect(action.state).toBe('action_needed');
  });
});

describe('the --json shape', () => {
  it('is exactly {state, reasons: [{code, text}]}', () => {
    const json = JSON.parse(JSON.stringify(healthOf({ sources: sources('CREDENTIALS') })));
    expect(Object.keys(json)).toEqual(['state', 'reasons']);
    expect(Object.keys(json.reasons[0])).toEqual(['code', 'text']);
    expect(JSON.stringify(healthOf({ sources: sources('OK') }))).toBe('{"state":"ok","reasons":[]}');
  });
});

describe('healthExitCode', () => {
  const h = (state: HealthState): Health => ({ state, reasons: [] });

  it('0 when every account is ok, or there are none', () => {
    expect(healthExitCode([h('ok'), h('ok')], [], false)).toBe(0);
    expect(healthExitCode([], [], true)).toBe(0);
  });

  it('warning and connecting are 0, or 17 with --fail-on warning', () => {
    for (const state of ['warning', 'connecting'] as const) {
      expect(healthExitCode([h('ok'), h(state)], [], false)).toBe(0);
      expect(healthExitCode([h('ok'), h(state)], [], true)).toBe(ExitCode.warnings);
    }
    expect(ExitCode.warnings).toBe(17);
  });

  it('action_needed and stopped are 5, with or without --fail-on warning', () => {
    expect(healthExitCode([h('ok'), h('action_needed')], [], false)).toBe(5);
    expect(healthExitCode([h('stopped'), h('action_needed')], [], true)).toBe(5);
  });

  it('an unknown is its error’s code; unknowns sharing a code give that code', () => {
    expect(healthExitCode([h('ok'), h('unknown')], [ExitCode.network], false)).toBe(14);
    expect(healthExitCode([h('unknown'), h('unknown')], [7, 7], false)).toBe(7);
  });

  it('different failure codes are 16', () => {
    expect(healthExitCode([h('unknown'), h('unknown')], [7, 14], false)).toBe(16);
    expect(healthExitCode([h('stopped'), h('unknown')], [9], false)).toBe(16);
  });

  it('an exit-5 error passed along with its action_needed account is still 5', () => {
    expect(healthExitCode([h('action_needed')], [5], false)).toBe(5);
  });

  it('failures win over warnings: a warning beside a failure is not a second code', () => {
    expect(healthExitCode([h('warning'), h('action_needed')], [], true)).toBe(5);
    expect(healthExitCode([h('connecting'), h('unknown')], [14], true)).toBe(14);
  });

  it('an unknown account with no error code is never success', () => {
    expect(healthExitCode([h('unknown')], [], false)).toBe(ExitCode.bug);
  });

  it('accepts iterables, so a caller can stream', () => {
    function* many(): Generator<Health> {
      for (let i = 0; i < 1000; i++) yield h(i === 500 ? 'connecting' : 'ok');
    }
    expect(healthExitCode(many(), new Set<number>(), true)).toBe(17);
  });
});
