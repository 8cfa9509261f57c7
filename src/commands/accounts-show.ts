// `pp accounts show <id>`: one account as postpress knows it (`GET /api/v1/accounts/{id}`, no
// provider call): its health from its sources, with what to do, its dates, groups and signatures,
// and the connection parameters a person may see — never a token, password or cookie. Then what
// pp status remembers of it: since when it has been in its state, and its last transitions.

import { healthFields } from '../accounts/owner.js';
import { checkAccount, connectionParams, sourcesOf } from '../api/account.js';
import { openClient } from '../api/open.js';
import { usageError } from '../errors.js';
import { fixCommands, healthOf, sourceReason, stateTone } from '../health.js';
import { type AccountHistory, rememberedAccount } from '../memory/memory.js';
import { isoWithAgo, list, record, text, utc } from '../output/format.js';
import { maskedWarning, reindent } from '../output/json.js';
import { type Field, field, fields, type Section } from '../output/model.js';
import { renderProfile } from '../output/render.js';
import { showableData } from '../output/showable.js';
import { defineCommand, examples } from './command.js';

export default defineCommand({
  path: ['accounts', 'show'],
  define: (cmd) =>
    cmd
      .description('one account: its sources and what to do, dates, groups and connection settings')
      .argument('<account_id>', 'the account id')
      .addHelpText(
        'after',
        examples('pp accounts show acc_demo_imap --sandbox', 'pp accounts show acc_… --json | jq .sources'),
      ),
  async run(ctx, _opts, argument) {
    const accountId = argument.trim();
    if (accountId === '')
      throw usageError('the account id argument is empty', 'Pass an account id such as acc_….');
    const client = await openClient(ctx);
    const { body, data } = await client.fetchAccount(accountId);
    const warning = checkAccount(data, ctx.globals.strict, accountId);
    if (warning) await ctx.warn(warning);
    if (ctx.globals.json) {
      const laid = reindent(body, ctx.io);
      if (laid.masked) await ctx.warn(maskedWarning(accountId));
      await ctx.io.out(`${laid.text}\n`);
      return 0;
    }
    // checked as received, shown made safe for a terminal (see showable.ts)
    const shown = showableData(ctx.io, data, body) as Record<string, unknown>;
    const health = healthOf({ sources: sourcesOf(data) });
    const now = ctx.clock.now();
    const sources = sourcesOf(shown);
    // with sources, what to do is said once, beside each source below; the state alone here
    const healthLines = healthFields(health, 'State');
    // the pp commands that do what the reasons say (pp accounts reconnect acc_…), once each
    const commands = [
      ...new Set(health.reasons.flatMap((r) => fixCommands(r.code, [accountId], 1, ctx.ppCommand('')))),
    ];
    const fixLines = commands.map(
      (command, i): Field => ({ label: i === 0 ? 'Fix with' : '', value: command }),
    );
    const sections: Section[] = [
      {
        kind: 'fields',
        title: 'Health',
        fields: [...(sources.length > 0 ? healthLines.slice(0, 1) : healthLines), ...fixLines],
      },
      {
        kind: 'fields',
        title: 'Account',
        fields: fields(
          field('Name', text(shown.name)),
          field('Type', text(shown.type)),
          field('Id', text(shown.id)),
          field('Created', isoWithAgo(shown.created_at, now)),
          field('Last fetched', isoWithAgo(shown.last_fetched_at, now)),
          field(
            'Groups',
            list(shown.groups).map(text).join(', ') || 'none',
            list(shown.groups).length ? undefined : 'dim',
          ),
          field('Signature', text(shown.current_signature)),
          field(
            'Signatures',
            list(shown.signatures)
              .map((s) => text(record(s).title))
              .filter(Boolean)
              .join(', '),
          ),
        ),
      },
    ];
    if (sources.length > 0) {
      // label/value lines rather than a table: a source id is never split across lines
      sections.push({
        kind: 'fields',
        title: 'Sources',
        fields: sources.map((s): Field => {
          const reason = sourceReason(s.status);
          return reason
            ? { label: s.id, value: `${s.status}: ${reason.text}`, tone: stateTone(reason.state) }
            : { label: s.id, value: s.status, tone: 'ok' };
        }),
      });
    }
    const remembered = rememberedAccount({
      env: ctx.env,
      profile: ctx.settings.profileChoice().name,
      sandbox: ctx.sandbox,
      id: accountId,
    });
    if (remembered.warning) await ctx.warn(remembered.warning);
    if (remembered.history) sections.push(...historySections(remembered.history, now));
    const connection = connectionParams(shown.connection_params);
    if (connection.length > 0) {
      sections.push({ kind: 'fields', title: 'Connection', fields: connection.map((c) => ({ ...c })) });
    }
    const title = `${text(shown.type) ?? 'Account'} account · ${text(shown.name) || accountId} · ${accountId}`;
    await ctx.io.out(renderProfile(ctx.io, title, sections));
    return 0;
  },
});

/**
 * What pp status remembers: the state's age ("since", or "first seen" while no change into it was
 * seen, as the status table says it), when pp status last looked, and the transitions, newest
 * first. A time from the future (a clock put back) is shown as now, never "in 3 hours".
 */
function historySections(history: AccountHistory, now: number): Section[] {
  const { state, since, transitions, removed, checkedAt, deep } = history;
  const at = (ms: number) => isoWithAgo(new Date(Math.min(ms, now)).toISOString(), now);
  const into = transitions.at(-1)?.[2] === state;
  const sections: Section[] = [
    {
      kind: 'fields',
      title: 'State history (pp status)',
      fields: fields(
        field('State', `${state} ${into ? 'since' : 'first seen'} ${at(since)}`, stateTone(state)),
        field('Checked', `${at(Date.parse(checkedAt))}, by pp status${deep ? ' --deep' : ''}`),
        field('Removed', removed === undefined ? undefined : `gone from the list ${at(removed)}`, 'dim'),
        field('Transitions', transitions.length === 0 ? 'none seen' : undefined, 'dim'),
      ),
    },
  ];
  if (transitions.length > 0) {
    const newest = [...transitions].reverse();
    sections.push({
      kind: 'table',
      title: 'Transitions',
      head: ['WHEN', 'FROM', 'TO'],
      rows: newest.map(([when, from, to]) => [utc(new Date(Math.min(when, now))), from, to]),
      tones: newest.map(([, from, to]) => [undefined, stateTone(from), stateTone(to)]),
    });
  }
  return sections;
}
