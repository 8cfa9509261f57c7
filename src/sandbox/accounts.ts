// The sandbox workspace's accounts (the Account objects of GET /api/v1/accounts): twelve demo
// accounts, one per provider with a profile plus one per source state that is not OK, and on request
// up to a million generated ones. Everything is fixed data or a pure function of an index, so every
// run, page and test sees the same workspace.

export interface AccountSource {
  id: string;
  status: string;
}

/** An Account as accounts.md describes it; connection_params hold no secrets. */
export interface SandboxAccount {
  object: 'Account';
  type: string;
  id: string;
  name: string;
  created_at: string;
  sources: AccountSource[];
  connection_params: Record<string, unknown>;
  groups: string[];
  signatures?: { title: string; content: string }[];
  current_signature?: string;
  last_fetched_at?: string;
}

export const sourceStatuses = ['OK', 'CONNECTING', 'CREDENTIALS', 'PERMISSIONS', 'ERROR', 'STOPPED'] as const;
export type SourceStatus = (typeof sourceStatuses)[number];

export const maxGeneratedAccounts = 1_000_000;

// ---- connection parameters, per kind of provider ----

const mailServers = (username: string, imapHost: string, smtpHost: string) => ({
  imap: { host: imapHost, port: 993, username },
  smtp: { host: smtpHost, port: 465, username },
});

/** OAuth mailboxes (Gmail, Outlook) have no IMAP/SMTP servers of their own: only the address. */
const oauthMailbox = (address: string) => ({ mail: { username: address } });

const phone = (number: string) => ({ im: { phone_number: number } });

// ---- the demo accounts ----

/** One source of the account, named like the API names them: `<account id>_<service>`. */
const source = (accountId: string, service: string, status: SourceStatus = 'OK'): AccountSource => ({
  id: `${accountId}_${service}`,
  status,
});

// Names and provider ids match the users/me fixtures in src/providers/*.ts, so that `pp accounts`
// and `pp whoami` tell the same story about each demo account.
function buildDemoAccounts(): SandboxAccount[] {
  return [
    {
      object: 'Account',
      type: 'LINKEDIN',
      id: 'acc_demo_linkedin',
      name: 'Camille Durand',
      created_at: '2024-03-12T09:41:27.318Z',
      sources: [source('acc_demo_linkedin', 'MESSAGING')],
      connection_params: {
        im: {
          id: 'ACoAAB3kQ7sBf9x2Lr8TzWq1vN4mPe6HdYc0J5U',
          public_identifier: 'camille-durand-talent',
          username: 'Camille Durand',
          premium_contract_id: 'urn:li:ts_contract:118274503',
          premium_features: ['recruiter'],
        },
      },
      groups: ['recruiting', 'emea'],
      last_fetched_at: '2025-12-30T16:05:12.044Z',
    },
    {
      object: 'Account',
      type: 'LINKEDIN',
      id: 'acc_demo_linkedin_seats_disconnected',
      name: 'Jonas Lindqvist',
      created_at: '2024-05-02T13:17:55.902Z',
      sources: [source('acc_demo_linkedin_seats_disconnected', 'MESSAGING')],
      connection_params: {
        im: {
          id: 'ACoAAC9wLm2Rt4Hn8Qe1XyKd5Vb7Js3Pf0Ga6Zo',
          public_identifier: 'jonas-lindqvist',
          username: 'Jonas Lindqvist',
          premium_features: ['recruiter', 'sales_navigator'],
        },
      },
      groups: ['recruiting', 'nordics'],
      last_fetched_at: '2025-12-30T15:58:40.613Z',
    },
    {
      object: 'Account',
      type: 'TELEGRAM',
      id: 'acc_demo_telegram',
      name: 'Ana Petrović',
      created_at: '2024-06-18T07:22:03.150Z',
      sources: [source('acc_demo_telegram', 'MESSAGING')],
      connection_params: {
        im: { user_id: '5120934871', username: 'ana_petrovic', phone_number: '+381641234567' },
      },
      groups: ['community'],
      last_fetched_at: '2025-12-30T16:00:00.000Z',
    },
    {
      object: 'Account',
      type: 'TWITTER',
      id: 'acc_demo_twitter',
      name: 'Priya Raman',
      created_at: '2024-08-09T11:03:46.527Z',
      sources: [source('acc_demo_twitter', 'MESSAGING')],
      connection_params: { im: { id: '1049385226517422080', username: 'priyabuilds' } },
      groups: [],
      last_fetched_at: '2025-12-30T14:47:31.209Z',
    },
    {
      object: 'Account',
      type: 'GOOGLE_OAUTH',
      id: 'acc_demo_gmail',
      name: 'Tomáš Novák',
      created_at: '2024-09-23T08:30:00.481Z',
      sources: [source('acc_demo_gmail', 'MAILS'), source('acc_demo_gmail', 'CALENDAR')],
      connection_params: oauthMailbox('tomas.novak@gmail.com'),
      groups: ['studio'],
      signatures: [
        { title: 'Personal', content: 'Tomáš Novák<br>+420 603 123 456' },
        { title: 'Novák Studio', content: 'Tomáš Novák<br>Novák Studio · Brno<br>novak-studio.cz' },
      ],
      current_signature: 'Personal',
      last_fetched_at: '2025-12-30T16:02:18.775Z',
    },
    {
      object: 'Account',
      type: 'OUTLOOK',
      id: 'acc_demo_outlook',
      name: 'Grace Okafor',
      created_at: '2024-10-14T15:12:09.036Z',
      sources: [source('acc_demo_outlook', 'MAILS'), source('acc_demo_outlook', 'CALENDAR')],
      connection_params: oauthMailbox('grace.okafor@northwindtraders.com'),
      groups: ['sales'],
      signatures: [
        {
          title: 'Northwind',
          content: 'Grace Okafor<br>Senior Account Executive · Northwind Traders<br>+44 7700 900123',
        },
      ],
      current_signature: 'Northwind',
      last_fetched_at: '2025-12-30T15:51:44.390Z',
    },
    {
      object: 'Account',
      type: 'IMAP',
      id: 'acc_demo_imap',
      // The IMAP profile has no display name: pp whoami shows the login, and so does the list.
      name: 'maria.keller@keller-design.de',
      created_at: '2024-11-05T10:44:37.662Z',
      sources: [source('acc_demo_imap', 'MAILS')],
      connection_params: mailServers(
        'maria.keller@keller-design.de',
        'imap.keller-design.de',
        'smtp.keller-design.de',
      ),
      groups: [],
      last_fetched_at: '2025-12-30T15:40:05.128Z',
    },
    {
      object: 'Account',
      type: 'WHATSAPP',
      id: 'acc_demo_whatsapp_connecting',
      name: 'Lucas Almeida',
      created_at: '2025-12-30T15:59:21.884Z',
      // Just linked: never fetched yet, so no last_fetched_at.
      sources: [source('acc_demo_whatsapp_connecting', 'MESSAGING', 'CONNECTING')],
      connection_params: phone('+5511987654321'),
      groups: ['support'],
    },
    {
      object: 'Account',
      type: 'INSTAGRAM',
      id: 'acc_demo_instagram_credentials',
      name: 'Sofia Marchetti',
      created_at: '2025-02-17T18:26:50.317Z',
      sources: [source('acc_demo_instagram_credentials', 'MESSAGING', 'CREDENTIALS')],
      connection_params: { im: { id: '48213377190', username: 'sofia.marchetti.studio' } },
      groups: ['social'],
      last_fetched_at: '2025-12-21T09:14:02.551Z',
    },
    {
      object: 'Account',
      type: 'MOBILE',
      id: 'acc_demo_mobile_permissions',
      name: 'Kenji Watanabe',
      created_at: '2025-04-03T02:08:13.740Z',
      // Texts need a permission the phone has not granted; calls still run.
      sources: [
        source('acc_demo_mobile_permissions', 'SMS', 'PERMISSIONS'),
        source('acc_demo_mobile_permissions', 'CALLS'),
      ],
      connection_params: {
        im: { phone_number: '+819012345678' },
        call: { phone_number: '+819012345678' },
      },
      groups: ['field-sales'],
      last_fetched_at: '2025-12-29T23:55:48.006Z',
    },
    {
      object: 'Account',
      type: 'OUTLOOK',
      id: 'acc_demo_outlook_error',
      name: 'Daniel Brooks',
      created_at: '2025-01-27T12:35:59.223Z',
      // The mailbox stopped on an error while the calendar still syncs: the worst source decides.
      sources: [
        source('acc_demo_outlook_error', 'MAILS', 'ERROR'),
        source('acc_demo_outlook_error', 'CALENDAR'),
      ],
      connection_params: oauthMailbox('daniel.brooks@contoso-logistics.com'),
      groups: ['sales'],
      last_fetched_at: '2025-12-28T07:19:36.472Z',
    },
    {
      object: 'Account',
      type: 'MAIL',
      id: 'acc_demo_mail_stopped',
      name: 'bonjour@lumen-boulangerie.fr',
      created_at: '2024-12-09T16:48:22.095Z',
      sources: [source('acc_demo_mail_stopped', 'MAILS', 'STOPPED')],
      connection_params: mailServers('bonjour@lumen-boulangerie.fr', 'ssl0.ovh.net', 'ssl0.ovh.net'),
      groups: [],
      last_fetched_at: '2025-11-30T23:59:59.999Z',
    },
  ];
}

let demo: readonly SandboxAccount[] | undefined;

/** The twelve demo accounts, in list order (built on first use, then shared: do not mutate). */
export function demoAccountList(): readonly SandboxAccount[] {
  demo ??= Object.freeze(buildDemoAccounts());
  return demo;
}

// ---- generated accounts ----

/** `acc_gen_000001` for 1; seven digits from a million. */
export const generatedId = (index: number): string => `acc_gen_${String(index).padStart(6, '0')}`;

/** The index of a generated id, if it is one's exact spelling (so acc_gen_0000001 is no alias). */
function generatedIndex(id: string): number | undefined {
  const digits = /^acc_gen_(\d{6,7})$/.exec(id)?.[1];
  if (!digits) return undefined;
  const index = Number(digits);
  return generatedId(index) === id ? index : undefined;
}

/** A fixed integer hash (a multiply-xorshift mix): spreads consecutive indexes over every choice. */
function mix(n: number): number {
  let x = Math.imul(n ^ 0x5bd1e995, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

// 2% in each state that is not OK, in a fixed pattern every 50 accounts, so that even a small
// workspace (--accounts 50) holds every state once.
const statusSlots: ReadonlyMap<number, SourceStatus> = new Map([
  [7, 'CONNECTING'],
  [12, 'CREDENTIALS'],
  [23, 'PERMISSIONS'],
  [31, 'ERROR'],
  [44, 'STOPPED'],
]);

const firstNames = ['Amara', 'Bruno', 'Chen', 'Dalia', 'Emil', 'Farah', 'Goran', 'Hana', 'Idris', 'Julia'];
const lastNames = ['Okoro', 'Silva', 'Wang', 'Haddad', 'Berg', 'Khan', 'Novak', 'Sato', 'Diallo', 'Meyer'];
const mailDomains = ['example.com', 'example.org', 'example.net'];

type Kind = 'linkedin' | 'handle' | 'phone' | 'oauth' | 'mail';
const generatedTypes: readonly (readonly [string, Kind, string])[] = [
  ['LINKEDIN', 'linkedin', 'MESSAGING'],
  ['WHATSAPP', 'phone', 'MESSAGING'],
  ['TELEGRAM', 'handle', 'MESSAGING'],
  ['INSTAGRAM', 'handle', 'MESSAGING'],
  ['MESSENGER', 'handle', 'MESSAGING'],
  ['TWITTER', 'handle', 'MESSAGING'],
  ['GOOGLE_OAUTH', 'oauth', 'MAILS'],
  ['OUTLOOK', 'oauth', 'MAILS'],
  ['ICLOUD', 'mail', 'MAILS'],
  ['IMAP', 'mail', 'MAILS'],
  ['MAIL', 'mail', 'MAILS'],
  ['MOBILE', 'phone', 'SMS'],
];

/** `handle` is first_last<index>, lower case; `address` an e-mail address at an example domain. */
function generatedParams(
  kind: Kind,
  index: number,
  handle: string,
  address: string,
): Record<string, unknown> {
  const digits = String(index).padStart(7, '0');
  if (kind === 'linkedin')
    return { im: { id: `ACoAAGen${digits}`, public_identifier: handle.replace('_', '-') } };
  if (kind === 'handle') return { im: { id: `9${digits}`, username: handle } };
  if (kind === 'phone') return phone(`+1555${digits}`);
  if (kind === 'oauth') return oauthMailbox(address);
  const domain = address.slice(address.indexOf('@') + 1);
  return mailServers(address, `imap.${domain}`, `smtp.${domain}`);
}

const generatedEpoch = Date.UTC(2023, 0, 1);
const lastFetchEpoch = Date.UTC(2025, 11, 30, 12);

/** Generated account number `index` (1-based): the same account for the same index, every time. */
export function generatedAccount(index: number): SandboxAccount {
  const id = generatedId(index);
  const h = mix(index);
  const [type, kind, service] = generatedTypes[h % generatedTypes.length]!;
  const first = firstNames[(h >>> 8) % firstNames.length]!;
  const last = lastNames[(h >>> 16) % lastNames.length]!;
  const handle = `${first}_${last}${index}`.toLowerCase();
  const address = `${handle.replace('_', '.')}@${mailDomains[(h >>> 24) % mailDomains.length]}`;
  const status = statusSlots.get(index % 50) ?? 'OK';
  const account: SandboxAccount = {
    object: 'Account',
    type,
    id,
    name: kind === 'oauth' || kind === 'mail' ? address : `${first} ${last}`,
    // A minute apart: a million accounts span two years, all created before the last fetch.
    created_at: new Date(generatedEpoch + index * 60_000 + (h % 1000)).toISOString(),
    sources: [source(id, service, status)],
    connection_params: generatedParams(kind, index, handle, address),
    groups: h % 3 === 0 ? ['generated', `team-${(h >>> 4) % 8}`] : ['generated'],
  };
  // A source still connecting has never fetched; the others did, within the last day.
  if (status !== 'CONNECTING') {
    account.last_fetched_at = new Date(lastFetchEpoch - ((h >>> 3) % 86_400_000)).toISOString();
  }
  return account;
}

// ---- the workspace ----

/**
 * The accounts list of one sandbox: the demo accounts, then the generated ones, in a fixed order.
 * Generated accounts are made on demand from their position, so serving a page costs the page,
 * whatever the size of the workspace.
 */
export interface SandboxWorkspace {
  readonly size: number;
  /** The account at a 0-based position of the list, or undefined past its end. */
  at(position: number): SandboxAccount | undefined;
  /** The account with this id, or undefined (acc_error_* ids are never accounts). */
  find(id: string): SandboxAccount | undefined;
  /** Told when a client reads the list from its start (flap.ts: accounts that change on each reading). */
  listed?(): void;
}

export function sandboxWorkspace(generated = 0): SandboxWorkspace {
  if (!Number.isSafeInteger(generated) || generated < 0 || generated > maxGeneratedAccounts) {
    throw new RangeError(`generated accounts must be a whole number from 0 to ${maxGeneratedAccounts}`);
  }
  const demoList = demoAccountList();
  const size = demoList.length + generated;
  return {
    size,
    at: (position) => {
      if (!Number.isSafeInteger(position) || position < 0 || position >= size) return undefined;
      return demoList[position] ?? generatedAccount(position - demoList.length + 1);
    },
    find: (id) => {
      const index = generatedIndex(id);
      if (index !== undefined) return index >= 1 && index <= generated ? generatedAccount(index) : undefined;
      return demoList.find((a) => a.id === id);
    },
  };
}
