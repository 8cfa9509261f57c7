// The account actions of the sandbox (api/account-actions.md; CLI.md, "The sandbox"): a hosted
// reconnect link for any listed account, a resync of the LinkedIn and Telegram demo accounts in a
// few steps, and the checkpoint of acc_demo_instagram_credentials, solved by 123456. What they do
// is remembered for the sandbox's life, on its clock (a test's fake one under --sandbox), so that
// `pp accounts wait` sees accounts come back: acc_demo_whatsapp_connecting turns OK 5 s after the
// sandbox starts, and an account whose link was asked for turns OK 5 s after that.
import { CHECKPOINT_PATH, checkpointProviders, LINK_PATH, RESEND_PATH } from '../api/actions.js';
import { builtin } from '../builtin.js';
import type { SandboxAccount, SandboxWorkspace } from './accounts.js';
import { problem, type SandboxAnswer } from './answers.js';

/** How long a connecting account, or one whose owner got a link, takes to come back. */
export const COMES_BACK_MS = 5000;
export const CONNECTING_ID = 'acc_demo_whatsapp_connecting';
export const CHECKPOINT_ID = 'acc_demo_instagram_credentials';
export const CHECKPOINT_CODE = '123456';
/** The accounts that resync, step by step (the reference lists LinkedIn and Telegram). */
export const RESYNC_IDS: ReadonlySet<string> = new Set(['acc_demo_linkedin', 'acc_demo_telegram']);
export const RESYNC_STEPS = ['SYNC_STARTED', 'SYNC_RUNNING', 'CHUNK_DONE', 'SYNC_DONE'] as const;
export const HOSTED_LINK_BASE = 'https://sandbox.postpress.invalid/hosted/';
/** Answers kept by Idempotency-Key: a retried write is answered as the first was, and done once. */
const REMEMBERED_KEYS = 1000;
const json = { 'content-type': 'application/json; charset=utf-8' };

export interface SandboxClock {
  now(): number;
}

/** What one sandbox remembers of the actions asked of it. */
export class SandboxActions {
  readonly #clock: SandboxClock;
  readonly #startedAt: number;
  /** When each account's reconnect link was first asked for. */
  readonly #linked = new Map<string, number>();
  /** The next resync step of each account that resyncs. */
  readonly #resyncStep = new Map<string, number>();
  readonly #solved = new Set<string>();
  readonly #byKey = new Map<string, SandboxAnswer>();

  /** Without a clock, time stands still: nothing comes back on its own. */
  constructor(clock: SandboxClock = { now: () => 0 }) {
    this.#clock = clock;
    this.#startedAt = clock.now();
  }

  /** The workspace as it is now: accounts that came back have every source OK. */
  workspace(inner: SandboxWorkspace): SandboxWorkspace {
    const now = (account: SandboxAccount | undefined) =>
      account && this.#isBack(account.id) ? allOk(account) : account;
    return {
      ...inner,
      size: inner.size,
      at: (position) => now(inner.at(position)),
      find: (id) => now(inner.find(id)),
    };
  }

  #isBack(id: string): boolean {
    const now = this.#clock.now();
    if (id === CONNECTING_ID && now >= this.#startedAt + COMES_BACK_MS) return true;
    const linked = this.#linked.get(id);
    if (linked !== undefined && now >= linked + COMES_BACK_MS) return true;
    return this.#solved.has(id);
  }

  /**
   * A write answered once per Idempotency-Key: the same key again gets the first answer, and the
   * action is not done twice (what a client's retry relies on).
   */
  once(key: string | undefined, act: () => SandboxAnswer): SandboxAnswer {
    if (!key) return act();
    const seen = this.#byKey.get(key);
    if (seen) return seen;
    const answer = act();
    this.#byKey.set(key, answer);
    if (this.#byKey.size > REMEMBERED_KEYS) this.#byKey.delete(this.#byKey.keys().next().value!);
    return answer;
  }

  /** POST /api/v1/hosted/accounts/link: a fresh single-use link to reconnect a listed account. */
  link(body: Record<string, unknown>, workspace: SandboxWorkspace): SandboxAnswer {
    const invalid = (detail: string) => problem('unprocessable_entity', detail, LINK_PATH);
    if (body.type !== 'reconnect')
      return invalid('type must be "reconnect" (or "create", which the sandbox does not do).');
    const id = body.reconnect_account;
    if (typeof id !== 'string' || id === '')
      return invalid('reconnect_account (the account id) is required.');
    if (body.providers !== '*' && !Array.isArray(body.providers))
      return invalid('providers is required: "*" or a list of provider tags.');
    if (typeof body.api_url !== 'string' || body.api_url === '') return invalid('api_url is required.');
    const expires = body.expiresOn;
    if (typeof expires !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(expires))
      return invalid('expiresOn is required, as YYYY-MM-DDTHH:MM:SS.sssZ.');
    if (Date.parse(expires) <= this.#clock.now()) return invalid('expiresOn is in the past.');
    if (body.name !== undefined && (typeof body.name !== 'string' || body.name === ''))
      return invalid('name, when given, is a non-empty string.');
    const refused = accountError(id, LINK_PATH, workspace);
    if (refused) return refused;
    if (!this.#linked.has(id)) this.#linked.set(id, this.#clock.now());
    const token = builtin('node:crypto').randomBytes(18).toString('base64url');
    return answer(201, { object: 'HostedAuthURL', url: `${HOSTED_LINK_BASE}${token}` });
  }

  /** GET /api/v1/accounts/{id}/sync: starts a resync, then reports its next step on each call. */
  sync(id: string, workspace: SandboxWorkspace, path: string): SandboxAnswer {
    const refused = accountError(id, path, workspace);
    if (refused) return refused;
    const account = workspace.find(id)!;
    if (account.type !== 'LINKEDIN' && account.type !== 'TELEGRAM')
      return problem('invalid_account', `A ${account.type} account has no history to resync.`, path);
    if (!RESYNC_IDS.has(id)) return answer(200, { object: 'AccountResync', status: 'SYNC_DONE' });
    const step = this.#resyncStep.get(id) ?? 0;
    // after SYNC_DONE, the next call starts a new resync
    this.#resyncStep.set(id, step + 1 >= RESYNC_STEPS.length ? 0 : step + 1);
    return answer(200, { object: 'AccountResync', status: RESYNC_STEPS[step] });
  }

  /** POST /api/v1/accounts/checkpoint: 123456 solves the Instagram demo's; TRY_ANOTHER_WAY asks for SMS. */
  checkpoint(body: Record<string, unknown>, workspace: SandboxWorkspace): SandboxAnswer {
    const at = this.#checkpointOf(body, workspace, CHECKPOINT_PATH);
    if ('status' in at) return at;
    if (typeof body.code !== 'string' || body.code === '')
      return problem('unprocessable_entity', 'code is required.', CHECKPOINT_PATH);
    if (body.code === 'TRY_ANOTHER_WAY')
      return answer(202, { object: 'Checkpoint', account_id: at.id, checkpoint: { type: 'SMS' } });
    if (body.code !== CHECKPOINT_CODE) {
      const wrong = problem('invalid_checkpoint_solution', undefined, CHECKPOINT_PATH);
      return { ...wrong, status: 400, body: JSON.stringify({ ...JSON.parse(wrong.body), status: 400 }) };
    }
    this.#solved.add(at.id);
    return answer(201, { object: 'AccountCreated', account_id: at.id });
  }

  /** POST /api/v1/accounts/checkpoint/resend: the code is sent again. */
  resend(body: Record<string, unknown>, workspace: SandboxWorkspace): SandboxAnswer {
    const at = this.#checkpointOf(body, workspace, RESEND_PATH);
    if ('status' in at) return at;
    return answer(201, { object: 'CheckpointResend', success: true });
  }

  /** The account a checkpoint request names, if it sits at one; else the answer saying why not. */
  #checkpointOf(
    body: Record<string, unknown>,
    workspace: SandboxWorkspace,
    path: string,
  ): { id: string } | SandboxAnswer {
    const id = body.account_id;
    if (typeof id !== 'string' || id === '')
      return problem('unprocessable_entity', 'account_id is required.', path);
    if (typeof body.provider !== 'string' || !checkpointProviders.has(body.provider))
      return problem(
        'unprocessable_entity',
        'provider must be one of LINKEDIN, INSTAGRAM, TWITTER, MESSENGER.',
        path,
      );
    const refused = accountError(id, path, workspace);
    if (refused) return refused;
    if (id !== CHECKPOINT_ID || this.#solved.has(id))
      return problem('resource_not_found', `No checkpoint is pending for ${id}. Try ${CHECKPOINT_ID}.`, path);
    return { id };
  }
}

const answer = (status: number, body: unknown): SandboxAnswer => ({
  status,
  headers: { ...json },
  body: JSON.stringify(body),
});

/** The account with every source running. */
const allOk = (account: SandboxAccount): SandboxAccount => ({
  ...account,
  sources: account.sources.map((s) => ({ ...s, status: 'OK' })),
});

/** acc_error_<type> answers its error, and an id the list does not have 404; else undefined. */
function accountError(id: string, path: string, workspace: SandboxWorkspace): SandboxAnswer | undefined {
  const name = id.startsWith('acc_error_') ? id.slice('acc_error_'.length) : '';
  const failing = name ? problemOrUndefined(name, path) : undefined;
  if (failing) return failing;
  if (workspace.find(id)) return undefined;
  return problem('resource_not_found', `No account ${id} in the sandbox. Try acc_demo_linkedin.`, path);
}

function problemOrUndefined(name: string, path: string): SandboxAnswer | undefined {
  try {
    return problem(name, undefined, path);
  } catch {
    return undefined; // not a documented type: an id like any other
  }
}
