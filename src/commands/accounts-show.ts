// `pp accounts show <id>`: one account as postpress knows it (`GET /api/v1/accounts/{id}`, no
// provider call): its health from its sources, with what to do, its dates, groups and signatures,
// and the connection parameters a person may see — never a token, password or cookie.

import { healthFields } from '../accounts/owner.js';
import { checkAccount, connectionParams, sourcesOf } from '../api/account.js';
import { openClient } from '../api/open.js';
import { usageError } from '../errors.js';
import { fixCommands, healthOf, sourceReason, stateTone } from '../health.js';
import { isoWithAgo, list, record, text } from '../output/format.js';
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
    const shown = showableData(ctx.io, data) as Record<string, unknown>;
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
    const connection = connectionParams(shown.connection_params);
    if (connection.length > 0) {
      sections.push({ kind: 'fields', title: 'Connection', fields: connection.map((c) => ({ ...c })) });
    }
    const title = `${text(shown.type) ?? 'Account'} account · ${text(shown.name) || accountId} · ${accountId}`;
    await ctx.io.out(renderProfile(ctx.io, title, sections));
    return 0;
  },
});
