import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Section } from '../../src/output/model.js';
import { gmail } from '../../src/providers/gmail.js';
import { imap } from '../../src/providers/imap.js';
import {
  checkProfile,
  demoAccounts,
  findProvider,
  genericSections,
  providers,
} from '../../src/providers/index.js';
import { linkedin } from '../../src/providers/linkedin.js';
import { outlook } from '../../src/providers/outlook.js';
import { telegram } from '../../src/providers/telegram.js';
import { twitter } from '../../src/providers/twitter.js';
import { defineProvider } from '../../src/providers/types.js';

type Profile = Record<string, unknown>;
/** A profile through its provider's schema, as checkProfile reads it. */
const parseProfile = (p: Profile) => v.parse(findProvider(p.provider)!.schema, p);

const demo = (id: string): Profile => {
  const profile = demoAccounts()[id];
  if (!profile) throw new Error(`no demo account ${id}`);
  return structuredClone(profile);
};

const paths = (data: Profile): string[] => checkProfile(data).issues.map((i) => i.path);

/** Every string a description holds, so that tests can look for what must or must not be shown. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Describes with the profile's own provider and checks nothing unreadable leaks into the output. */
function describeClean(data: Profile) {
  const provider = findProvider(data.provider);
  if (!provider) throw new Error(`unknown provider ${String(data.provider)}`);
  const described = provider.describe(data);
  expect(described.identity.name.trim()).not.toBe('');
  for (const s of strings(described)) {
    expect(s).not.toMatch(/undefined|null|\[object Object\]/);
  }
  return described;
}

const table = (sections: Section[], title: string) => {
  const found = sections.find((s) => s.kind === 'table' && s.title === title);
  if (found?.kind !== 'table') throw new Error(`no table ${title}`);
  return found;
};

const fieldOf = (sections: Section[], label: string) =>
  sections.flatMap((s) => (s.kind === 'fields' ? s.fields : [])).find((f) => f.label === label);

describe('defineProvider', () => {
  it("builds a provider's schema when it is first read, and once", () => {
    let built = 0;
    const provider = defineProvider({
      id: 'X',
      label: 'X',
      schema: () => {
        built++;
        return v.looseObject({ provider: v.literal('X') });
      },
      identity: () => ({ name: 'x', details: [], warnings: [] }),
      sections: () => [],
      fixtures: () => ({}),
    });
    expect(built).toBe(0); // not on every start: a run checks one provider's profiles
    expect(v.is(provider.schema, { provider: 'X' })).toBe(true);
    expect(v.is(provider.schema, { provider: 'Y' })).toBe(false);
    expect(built).toBe(1);
  });
});

describe('registry', () => {
  it('lists the six providers in order and finds them by wire id', () => {
    expect(providers.map((p) => p.id)).toEqual([
      'LINKEDIN',
      'TELEGRAM',
      'TWITTER',
      'GMAIL',
      'OUTLOOK',
      'IMAP',
    ]);
    expect(findProvider('GMAIL')).toBe(gmail);
    expect(findProvider('gmail')).toBeUndefined();
    expect(findProvider(undefined)).toBeUndefined();
    expect(findProvider(42)).toBeUndefined();
  });

  it('merges every provider’s demo accounts', () => {
    expect(Object.keys(demoAccounts()).sort()).toEqual(
      [
        'acc_demo_gmail',
        'acc_demo_imap',
        'acc_demo_linkedin',
        'acc_demo_linkedin_seats_disconnected',
        'acc_demo_outlook',
        'acc_demo_telegram',
        'acc_demo_twitter',
      ].sort(),
    );
  });
});

describe('demo fixtures', () => {
  const schemas = { linkedin, telegram, twitter, gmail, outlook, imap };

  it.each(Object.keys(demoAccounts()))('%s passes its schema with no issues', (id) => {
    const result = checkProfile(demo(id));
    expect(result.provider).toBeDefined();
    expect(result.issues).toEqual([]);
  });

  it.each(Object.keys(demoAccounts()))('%s starts with object and provider', (id) => {
    expect(Object.keys(demo(id)).slice(0, 2)).toEqual(['object', 'provider']);
  });

  it.each(Object.entries(schemas))('the %s demo uses every documented field', (name, provider) => {
    const profile = demo(`acc_demo_${name}`);
    for (const key of Object.keys(provider.schema.entries)) {
      expect(profile, key).toHaveProperty(key);
      // sales_navigator: null is the documented "no seat"; everything else carries a value.
      if (key !== 'sales_navigator') expect(profile[key], key).not.toBeNull();
    }
  });

  it('uses every documented nested field too', () => {
    const li = demo('acc_demo_linkedin');
    expect(li.organizations).toHaveLength(2);
    for (const org of li.organizations as Profile[])
      expect(Object.keys(org)).toEqual(['id', 'mailbox_id', 'name']);
    expect(li.recruiter).toEqual({ owner_seat_id: expect.any(String), contract_id: expect.any(String) });
    expect(li.sales_navigator).toBeNull();

    const tg = demo('acc_demo_telegram');
    expect(Object.keys(tg.status as Profile)).toEqual(['name', 'expires', 'was_online']);
    expect(Object.keys((tg.restriction_reason as Profile[])[0] ?? {})).toEqual([
      'platform',
      'reason',
      'text',
    ]);

    const aliasKeys = Object.keys(gmail.schema.entries.aliases.item.entries);
    const aliases = demo('acc_demo_gmail').aliases as Profile[];
    expect(aliases.length).toBeGreaterThanOrEqual(2);
    for (const alias of aliases) expect(Object.keys(alias)).toEqual(aliasKeys);

    const tw = demo('acc_demo_twitter');
    expect(tw.entities).toMatchObject({ description: { urls: [{ url: expect.any(String) }] } });
  });

  it.each(Object.keys(demoAccounts()))('%s shows every string it holds', (id) => {
    const profile = demo(id);
    const shown = strings(describeClean(profile)).join('\n');
    // Shown reworded: the Twitter date, Gmail's 'true'/'false' strings, seat errors in lower case.
    const reformatted = new Set([
      profile.created_at,
      'true',
      'false',
      'DISCONNECTED',
      'AccountOwnerProfile',
      profile.provider,
    ]);
    for (const value of strings(profile)) {
      // a signature's HTML is shown as text: a line break for each <br>
      if (!reformatted.has(value)) expect(shown, value).toContain(value.replaceAll('<br>', '\n'));
    }
  });

  it('keeps unknown fields, top level and nested', () => {
    const li = demo('acc_demo_linkedin');
    const orgs = li.organizations as Profile[];
    const parsed = parseProfile({
      ...li,
      brand_new: 1,
      organizations: [{ ...orgs[0], logo: 'x' }],
    });
    expect(parsed).toMatchObject({ brand_new: 1, organizations: [{ logo: 'x' }] });
  });

  it('keeps unknown fields in every nested object', () => {
    const extra = { brand_new: true };
    const cases: Profile[] = [
      { ...demo('acc_demo_linkedin'), recruiter: { owner_seat_id: 's', contract_id: 'c', ...extra } },
      {
        ...demo('acc_demo_linkedin_seats_disconnected'),
        sales_navigator: { error: 'DISCONNECTED', ...extra },
      },
      { ...demo('acc_demo_telegram'), status: { name: 'online', ...extra } },
      {
        ...demo('acc_demo_telegram'),
        restriction_reason: [{ platform: 'a', reason: 'b', text: 'c', ...extra }],
      },
      { ...demo('acc_demo_twitter'), entities: { description: { urls: [], ...extra }, ...extra } },
      { ...demo('acc_demo_gmail'), aliases: [{ email: 'a@b.c', ...extra }] },
      {
        ...demo('acc_demo_imap'),
        connection_params: {
          imap: { username: 'u', port: 1, host: 'h', ...extra },
          smtp: { username: 'u', port: 2, host: 'h', ...extra },
          ...extra,
        },
      },
    ];
    for (const profile of cases) expect(parseProfile(profile)).toEqual(profile);
  });
});

describe('tolerance: nulls and omitted fields pass', () => {
  const cases: Record<string, Profile> = {
    LINKEDIN: (() => {
      const p = demo('acc_demo_linkedin');
      delete p.organizations;
      for (const key of ['provider_id', 'entity_urn', 'object_urn', 'first_name', 'last_name', 'email'])
        p[key] = null;
      for (const key of ['profile_picture_url', 'public_profile_url', 'headline', 'occupation', 'location'])
        p[key] = null;
      p.public_identifier = undefined;
      p.recruiter = null;
      return p;
    })(),
    TELEGRAM: {
      object: 'AccountOwnerProfile',
      provider: 'TELEGRAM',
      provider_id: '777',
      ...Object.fromEntries(
        Object.keys(telegram.schema.entries)
          .filter((k) => !['object', 'provider', 'provider_id'].includes(k))
          .map((k) => [k, null]),
      ),
    },
    TWITTER: {
      ...demo('acc_demo_twitter'),
      name: null,
      location: null,
      description: null,
      url: null,
      created_at: null,
      profile_banner_url: null,
      business_profile_state: null,
      advertiser_account_type: null,
      following: null,
    },
    GMAIL: {
      object: 'AccountOwnerProfile',
      provider: 'GMAIL',
      email: null,
      messages_total: null,
      aliases: [{ email: 'a@example.com', display_name: null, is_primary: true }],
    },
    OUTLOOK: Object.fromEntries(
      Object.entries(demo('acc_demo_outlook')).map(([k, val]) => [
        k,
        k === 'object' || k === 'provider' ? val : null,
      ]),
    ),
    IMAP: {
      object: 'AccountOwnerProfile',
      provider: 'IMAP',
      connection_params: {
        imap: { username: null, port: 993, host: 'imap.example.com' },
        smtp: { username: 'me', port: 587, host: null },
      },
    },
  };

  it.each(Object.entries(cases))('%s passes with no issues and renders cleanly', (_id, profile) => {
    expect(checkProfile(profile).issues).toEqual([]);
    describeClean(profile);
  });

  it('a Telegram profile with only its id is named after the id', () => {
    expect(describeClean(cases.TELEGRAM ?? {}).identity.name).toBe('777');
  });
});

describe('schema mismatches are issues with their paths', () => {
  it('LinkedIn: a wrong type, a bad organization, a bad seat', () => {
    expect(paths({ ...demo('acc_demo_linkedin'), premium: 'yes' })).toEqual(['premium']);
    expect(paths({ ...demo('acc_demo_linkedin'), organizations: [{ id: 1 }] })).toEqual([
      'organizations.0.id',
      'organizations.0.mailbox_id',
      'organizations.0.name',
    ]);
    expect(paths({ ...demo('acc_demo_linkedin'), organizations: 'none' })).toEqual(['organizations']);
    const seat = checkProfile({ ...demo('acc_demo_linkedin'), recruiter: { error: 'EXPIRED' } }).issues;
    expect(seat).toHaveLength(1);
    expect(seat[0]?.path).toBe('recruiter');
    expect(seat[0]?.message).toContain('MULTIPLE_SESSIONS');
    // Sales Navigator has no MULTIPLE_SESSIONS state.
    expect(paths({ ...demo('acc_demo_linkedin'), sales_navigator: { error: 'MULTIPLE_SESSIONS' } })).toEqual([
      'sales_navigator',
    ]);
  });

  it('a missing required key is an issue even where null is allowed', () => {
    const p = demo('acc_demo_linkedin');
    delete p.email;
    delete p.recruiter;
    const issues = checkProfile(p).issues;
    expect(issues.map((i) => i.path)).toEqual(['email', 'recruiter']);
    expect(issues[0]?.message).toMatch(/missing/);
  });

  it('messages are short and readable', () => {
    const [issue] = checkProfile({ ...demo('acc_demo_linkedin'), premium: 'yes' }).issues;
    expect(issue?.message).toBe('expected boolean, received "yes"');
  });

  it('the other providers', () => {
    const im = demo('acc_demo_imap');
    expect(paths({ ...im, connection_params: { imap: (im.connection_params as Profile).imap } })).toEqual([
      'connection_params.smtp',
    ]);
    expect(
      paths({
        ...im,
        connection_params: { ...(im.connection_params as Profile), imap: { username: 'u', host: 'h' } },
      }),
    ).toEqual(['connection_params.imap.port']);
    expect(paths({ object: 'AccountOwnerProfile', provider: 'IMAP' })).toEqual(['connection_params']);

    expect(paths({ ...demo('acc_demo_twitter'), followers_count: '12' })).toEqual(['followers_count']);
    expect(paths({ ...demo('acc_demo_twitter'), entities: { description: {} } })).toEqual([
      'entities.description.urls',
    ]);
    expect(paths({ ...demo('acc_demo_twitter'), withheld_in_countries: [1] })).toEqual([
      'withheld_in_countries.0',
    ]);

    const aliases = demo('acc_demo_gmail').aliases as Profile[];
    expect(
      paths({ ...demo('acc_demo_gmail'), aliases: [{ ...aliases[0], is_treated_as_alias: true }] }),
    ).toEqual(['aliases.0.is_treated_as_alias']);
    expect(paths({ ...demo('acc_demo_gmail'), aliases: [{ display_name: 'x' }] })).toEqual([
      'aliases.0.email',
    ]);
    expect(paths({ object: 'AccountOwnerProfile', provider: 'GMAIL', email: 'a@b.c' })).toEqual(['aliases']);

    expect(paths({ ...demo('acc_demo_telegram'), status: { name: 'online', expires: 'soon' } })).toEqual([
      'status.expires',
    ]);
    expect(paths({ ...demo('acc_demo_telegram'), restricted: 'no' })).toEqual(['restricted']);
    expect(paths({ ...demo('acc_demo_outlook'), email: 5 })).toEqual(['email']);
    expect(paths({ ...demo('acc_demo_outlook'), object: 'Profile' })).toEqual(['object']);
  });

  it('an unknown provider has no provider and no issues', () => {
    expect(checkProfile({ object: 'AccountOwnerProfile', provider: 'MASTODON', acct: 'x' })).toEqual({
      provider: undefined,
      issues: [],
    });
    expect(checkProfile({}).provider).toBeUndefined();
  });
});

describe('identity', () => {
  it('LinkedIn: name, e-mail and no warning for a connected seat', () => {
    const { identity } = describeClean(demo('acc_demo_linkedin'));
    expect(identity.name).toBe('Camille Durand');
    expect(identity.handle).toBe('camille.durand@brightwave.io');
    expect(identity.warnings).toEqual([]);
  });

  it('LinkedIn: disconnected seats are bad news', () => {
    expect(describeClean(demo('acc_demo_linkedin_seats_disconnected')).identity.warnings).toEqual([
      { code: 'recruiter_disconnected', text: 'Recruiter seat disconnected' },
      { code: 'sales_navigator_disconnected', text: 'Sales Navigator seat disconnected' },
    ]);
  });

  it('LinkedIn: a Recruiter seat in multiple sessions is a warning', () => {
    const p = { ...demo('acc_demo_linkedin'), recruiter: { error: 'MULTIPLE_SESSIONS' } };
    expect(describeClean(p).identity.warnings).toEqual([
      { code: 'recruiter_multiple_sessions', text: 'Recruiter seat in multiple sessions' },
    ]);
  });

  it('LinkedIn: a seat error the schema does not list keeps one fixed code, the error in the text', () => {
    const p = { ...demo('acc_demo_linkedin'), sales_navigator: { error: 'SUSPENDED' } };
    expect(linkedin.describe(p).identity.warnings).toEqual([
      { code: 'sales_navigator_seat_error', text: 'Sales Navigator seat: SUSPENDED' },
    ]);
  });

  it('Telegram: restricted (with the reason), deleted and fake', () => {
    const restricted = describeClean(demo('acc_demo_telegram')).identity;
    expect(restricted.handle).toBe('@ana_petrovic');
    expect(restricted.warnings).toHaveLength(1);
    expect(restricted.warnings[0]?.code).toBe('telegram_restricted');
    expect(restricted.warnings[0]?.text).toMatch(
      /^Restricted by Telegram: This account is unavailable on iOS/,
    );

    const p = { ...demo('acc_demo_telegram'), restricted: false, deleted: true, fake: true };
    expect(describeClean(p).identity.warnings).toEqual([
      { code: 'telegram_deleted', text: 'Account deleted' },
      { code: 'telegram_fake', text: 'Flagged as fake by Telegram' },
    ]);
    const quiet = { ...demo('acc_demo_telegram'), restricted: false };
    expect(describeClean(quiet).identity.warnings).toEqual([]);
  });

  it('Telegram: the name falls back to @username, then the phone', () => {
    const p = { ...demo('acc_demo_telegram'), first_name: null, last_name: null };
    expect(describeClean(p).identity.name).toBe('@ana_petrovic');
    expect(describeClean({ ...p, username: null }).identity.name).toBe('+381641234567');
  });

  it('Twitter: protected and withheld are warnings', () => {
    const base = describeClean(demo('acc_demo_twitter')).identity;
    expect(base).toMatchObject({ name: 'Priya Raman', handle: '@priyabuilds', warnings: [] });
    const p = { ...demo('acc_demo_twitter'), protected: true, withheld_in_countries: ['DE', 'FR'] };
    expect(describeClean(p).identity.warnings).toEqual([
      { code: 'twitter_protected', text: 'Tweets are protected' },
      { code: 'twitter_withheld', text: 'Withheld in DE, FR' },
    ]);
  });

  it('Gmail, Outlook and IMAP', () => {
    expect(describeClean(demo('acc_demo_gmail')).identity).toMatchObject({
      name: 'Tomáš Novák',
      handle: 'tomas.novak@gmail.com',
    });
    expect(describeClean(demo('acc_demo_outlook')).identity).toMatchObject({
      name: 'Grace Okafor',
      handle: 'grace.okafor@northwindtraders.com',
      details: [{ label: 'Job title', value: 'Senior Account Executive' }],
    });
    expect(describeClean(demo('acc_demo_imap')).identity).toMatchObject({
      handle: 'maria.keller@keller-design.de',
      details: [
        { label: 'IMAP', value: 'imap.keller-design.de:993' },
        { label: 'SMTP', value: 'smtp.keller-design.de:465' },
      ],
    });
    const bare = {
      object: 'AccountOwnerProfile',
      provider: 'IMAP',
      connection_params: {
        imap: { username: 'maria', port: 143, host: 'mail.example.org' },
        smtp: { username: 'maria', port: 587, host: 'mail.example.org' },
      },
    };
    expect(describeClean(bare).identity.name).toBe('maria@mail.example.org');
  });
});

describe('sections', () => {
  it('Twitter: grouped counts, a UTC creation date and the description URLs', () => {
    const { sections } = describeClean(demo('acc_demo_twitter'));
    expect(fieldOf(sections, 'Followers')?.value).toBe('12,345');
    expect(fieldOf(sections, 'Likes')?.value).toBe('40,321');
    expect(fieldOf(sections, 'Created')?.value).toBe('2018-10-10 20:19:24 UTC');
    expect(table(sections, 'URLs in the description').rows).toEqual([
      ['https://t.co/Xb3kQ9pLmZ', 'https://priyaraman.dev/notes'],
    ]);
  });

  it('Telegram: status times as dates, flags toned, restriction reasons as a table', () => {
    const { sections } = describeClean(demo('acc_demo_telegram'));
    expect(fieldOf(sections, 'Last online')?.value).toBe('2025-12-30 16:00:00 UTC');
    expect(fieldOf(sections, 'Expires')?.value).toBe('2025-12-30 16:05:00 UTC');
    // a flag that is bad news is a warning, as its health is; a flag has no tone of its own
    expect(fieldOf(sections, 'Restricted')).toEqual({ label: 'Restricted', value: 'yes', tone: 'warn' });
    expect(fieldOf(sections, 'Premium')).toEqual({ label: 'Premium', value: 'yes' });
    expect(table(sections, 'Restriction reasons').head).toEqual(['Platform', 'Reason', 'Text']);
    expect(table(sections, 'Restriction reasons').rows[0]?.slice(0, 2)).toEqual(['ios', 'terms']);
  });

  it('LinkedIn: organizations as a table and seat states toned', () => {
    const { sections } = describeClean(demo('acc_demo_linkedin'));
    expect(table(sections, 'Organizations').rows).toEqual([
      ['Brightwave Labs', '81234567', 'urn:li:organization:81234567'],
      ['Lyon Tech Recruiters Network', '10432211', 'urn:li:organization:10432211'],
    ]);
    expect(fieldOf(sections, 'Recruiter')).toEqual({ label: 'Recruiter', value: 'connected', tone: 'ok' });
    expect(fieldOf(sections, 'Sales Navigator')).toMatchObject({ value: 'none' });

    const down = describeClean(demo('acc_demo_linkedin_seats_disconnected')).sections;
    // a disconnected seat is a warning (the account's health), in whoami, profile and the summary
    expect(fieldOf(down, 'Recruiter')).toEqual({ label: 'Recruiter', value: 'disconnected', tone: 'warn' });
    expect(fieldOf(down, 'Sales Navigator')).toEqual({
      label: 'Sales Navigator',
      value: 'disconnected',
      tone: 'warn',
    });
  });

  it('Gmail: grouped totals and every alias field in a table', () => {
    const { sections } = describeClean(demo('acc_demo_gmail'));
    expect(fieldOf(sections, 'Messages')?.value).toBe('48,213');
    expect(fieldOf(sections, 'Threads')?.value).toBe('19,877');
    const aliases = table(sections, 'Aliases');
    expect(aliases.head).toHaveLength(8);
    expect(aliases.rows).toHaveLength(3);
    expect(aliases.rows[0]).toEqual([
      'tomas.novak@gmail.com',
      'Tomáš Novák',
      'tomas.novak@gmail.com',
      'Tomáš Novák\n+420 603 123 456', // the signature's HTML as text; --json keeps it
      'yes',
      'yes',
      'accepted',
      'no',
    ]);
    expect(aliases.tones?.[2]?.[6]).toBe('warn'); // verification pending
    expect(aliases.tones?.[0]?.[6]).toBeUndefined();
  });

  it('IMAP: both servers in a table', () => {
    const { sections } = describeClean(demo('acc_demo_imap'));
    expect(table(sections, 'Servers').rows).toEqual([
      ['IMAP', 'imap.keller-design.de', '993', 'maria.keller@keller-design.de'],
      ['SMTP', 'smtp.keller-design.de', '465', 'maria.keller@keller-design.de'],
    ]);
  });
});

describe('describe never throws on garbage', () => {
  // What JSON can carry: no NaN or undefined ever arrives from the wire.
  const garbage: unknown[] = ['x', 42, true, {}, [], [1, 'a', null, {}], { a: { b: 1 } }, null];

  it.each(providers.map((p) => [p.id, p] as const))('%s: only a provider', (_id, provider) => {
    describeClean({ provider: provider.id });
  });

  it.each(providers.map((p) => [p.id, p] as const))('%s: every field of a wrong type', (_id, provider) => {
    const keys = Object.keys(Object.values(provider.fixtures)[0] ?? {}).filter((k) => k !== 'provider');
    for (const junk of garbage) {
      describeClean({ provider: provider.id, ...Object.fromEntries(keys.map((k) => [k, junk])) });
    }
  });

  it('nested values of the wrong type', () => {
    const nested: Profile[] = [
      {
        provider: 'LINKEDIN',
        organizations: ['x', 1, null, { id: {}, name: [] }],
        recruiter: 'x',
        sales_navigator: [],
      },
      { provider: 'LINKEDIN', recruiter: { error: 42 }, sales_navigator: { owner_seat_id: {} } },
      { provider: 'TELEGRAM', status: [], restriction_reason: [null, 'x', { text: {} }], restricted: true },
      {
        provider: 'TELEGRAM',
        status: { name: {}, expires: 'later', was_online: {} },
        restriction_reason: 'x',
      },
      { provider: 'TWITTER', entities: { description: { urls: ['u', 1, null, { url: 5 }, {}] } } },
      { provider: 'TWITTER', entities: { description: 'x' }, withheld_in_countries: 'DE' },
      {
        provider: 'GMAIL',
        aliases: [null, 'a', { is_primary: true, display_name: {} }],
        allowed_scope: 'all',
      },
      { provider: 'IMAP', connection_params: { imap: 'x', smtp: [] } },
      { provider: 'IMAP', connection_params: { imap: { port: {} }, smtp: { host: 5 } } },
    ];
    for (const p of nested) describeClean(p);
  });
});

describe('generic sections of an unknown provider', () => {
  it('shows top-level fields, objects as JSON, and skips null', () => {
    const sections = genericSections({
      object: 'AccountOwnerProfile',
      provider: 'MASTODON',
      acct: 'ada@hachyderm.io',
      followers: 12,
      bot: false,
      fields: [{ name: 'web', value: 'https://ada.dev' }],
      gone: null,
    });
    expect(sections).toEqual([
      {
        kind: 'fields',
        title: 'Fields',
        fields: [
          { label: 'object', value: 'AccountOwnerProfile' },
          { label: 'provider', value: 'MASTODON' },
          { label: 'acct', value: 'ada@hachyderm.io' },
          { label: 'followers', value: '12' },
          { label: 'bot', value: 'false' },
          { label: 'fields', value: '[{"name":"web","value":"https://ada.dev"}]' },
        ],
      },
    ]);
  });

  it('gives no sections for an empty profile', () => {
    expect(genericSections({})).toEqual([]);
  });
});
