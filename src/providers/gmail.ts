import * as v from 'valibot';
import { count, htmlText, join, list, record, text, yesNo } from '../output/format.js';
import { field, fields } from '../output/model.js';
import { group, present, table } from './render.js';
import { defineProvider } from './types.js';

const schema = () =>
  v.looseObject({
    object: v.literal('AccountOwnerProfile'),
    provider: v.literal('GMAIL'),
    email: v.nullable(v.string()),
    messages_total: v.nullish(v.number()),
    threads_total: v.nullish(v.number()),
    allowed_scope: v.nullish(v.array(v.string())),
    aliases: v.array(
      v.looseObject({
        email: v.nullable(v.string()),
        display_name: v.nullish(v.string()),
        reply_to: v.nullish(v.string()),
        signature: v.nullish(v.string()),
        is_primary: v.nullish(v.boolean()),
        is_default: v.nullish(v.boolean()),
        verification_status: v.nullish(v.string()),
        // Documented as a string (not a boolean); real servers also omit it.
        is_treated_as_alias: v.nullish(v.string()),
      }),
    ),
  });

/** is_treated_as_alias is documented as a string: "true"/"false" read as the flag they stand for. */
const stringFlag = (value: unknown): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export const gmail = defineProvider({
  id: 'GMAIL',
  label: 'Gmail',
  schema,
  identity: (p) => {
    const primary = list(p.aliases)
      .map(record)
      .find((a) => a.is_primary === true);
    return {
      name: text(primary?.display_name) || text(p.email) || text(primary?.email) || 'Gmail account',
      handle: text(p.email) || undefined,
      details: fields(field('Messages', count(p.messages_total))),
      warnings: [],
    };
  },
  sections: (p) =>
    present(
      group(
        'Mailbox',
        field('Email', text(p.email)),
        field('Messages', count(p.messages_total)),
        field('Threads', count(p.threads_total)),
        // one a line: each is a URL to copy whole
        field('Allowed scopes', join('\n', ...list(p.allowed_scope))),
      ),
      table(
        'Aliases',
        [
          'Email',
          'Display name',
          'Reply-to',
          'Signature',
          'Primary',
          'Default',
          'Verification',
          'Treated as alias',
        ],
        list(p.aliases).map((item) => {
          const a = record(item);
          return [
            a.email,
            a.display_name,
            a.reply_to,
            htmlText(a.signature),
            yesNo(a.is_primary),
            yesNo(a.is_default),
            // anything but accepted leaves the alias unusable for sending: a warning
            {
              value: a.verification_status,
              tone:
                a.verification_status === 'accepted' || a.verification_status == null ? undefined : 'warn',
            },
            yesNo(stringFlag(a.is_treated_as_alias)),
          ];
        }),
      ),
    ),
  fixtures: () => ({
    acc_demo_gmail: {
      object: 'AccountOwnerProfile',
      provider: 'GMAIL',
      email: 'tomas.novak@gmail.com',
      messages_total: 48213,
      threads_total: 19877,
      allowed_scope: [
        'https://www.googleapis.com/auth/gmail.readonly',
        'https://www.googleapis.com/auth/gmail.send',
        'https://www.googleapis.com/auth/gmail.modify',
      ],
      aliases: [
        {
          email: 'tomas.novak@gmail.com',
          display_name: 'Tomáš Novák',
          reply_to: 'tomas.novak@gmail.com',
          signature: 'Tomáš Novák<br>+420 603 123 456',
          is_primary: true,
          is_default: true,
          verification_status: 'accepted',
          is_treated_as_alias: 'false',
        },
        {
          email: 'tomas@novak-studio.cz',
          display_name: 'Tomáš Novák | Novák Studio',
          reply_to: 'hello@novak-studio.cz',
          signature: 'Tomáš Novák<br>Novák Studio · Brno<br>novak-studio.cz',
          is_primary: false,
          is_default: false,
          verification_status: 'accepted',
          is_treated_as_alias: 'true',
        },
        {
          email: 'invoices@novak-studio.cz',
          display_name: 'Novák Studio Billing',
          reply_to: 'billing@novak-studio.cz',
          signature: 'Novák Studio s.r.o. · IČO 08412345',
          is_primary: false,
          is_default: false,
          verification_status: 'pending',
          is_treated_as_alias: 'true',
        },
      ],
    },
  }),
});
