import * as v from 'valibot';
import { join, list, record, text, unixSeconds, yesNo } from '../output/format.js';
import { field, fields, type Warning } from '../output/model.js';
import { alarm, at, group, present, table } from './render.js';
import { defineProvider } from './types.js';

// Real servers send null for most Telegram fields, so all but the discriminators are nullish.
const schema = () =>
  v.looseObject({
    object: v.literal('AccountOwnerProfile'),
    provider: v.literal('TELEGRAM'),
    provider_id: v.nullable(v.string()),
    self: v.nullish(v.boolean()),
    contact: v.nullish(v.boolean()),
    mutual_contact: v.nullish(v.boolean()),
    deleted: v.nullish(v.boolean()),
    bot: v.nullish(v.boolean()),
    verified: v.nullish(v.boolean()),
    restricted: v.nullish(v.boolean()),
    fake: v.nullish(v.boolean()),
    premium: v.nullish(v.boolean()),
    close_friend: v.nullish(v.boolean()),
    first_name: v.nullish(v.string()),
    last_name: v.nullish(v.string()),
    username: v.nullish(v.string()),
    phone: v.nullish(v.string()),
    profile_picture_url: v.nullish(v.string()),
    status: v.nullish(
      v.looseObject({
        name: v.nullable(v.string()),
        expires: v.nullish(v.number()),
        was_online: v.nullish(v.number()),
      }),
    ),
    restriction_reason: v.nullish(
      v.array(
        v.looseObject({
          platform: v.nullable(v.string()),
          reason: v.nullable(v.string()),
          text: v.nullable(v.string()),
        }),
      ),
    ),
    lang_code: v.nullish(v.string()),
  });

/** "Restricted by Telegram: <why>; <why>" from the restriction reasons' text. */
function restrictionWarning(reasons: unknown): Warning {
  const why = join('; ', ...list(reasons).map((r) => record(r).text));
  return {
    code: 'telegram_restricted',
    text: why ? `Restricted by Telegram: ${why}` : 'Restricted by Telegram',
  };
}

export const telegram = defineProvider({
  id: 'TELEGRAM',
  label: 'Telegram',
  schema,
  identity: (p, now) => {
    const warnings: Warning[] = [];
    if (p.restricted === true) warnings.push(restrictionWarning(p.restriction_reason));
    if (p.deleted === true) warnings.push({ code: 'telegram_deleted', text: 'Account deleted' });
    if (p.fake === true) warnings.push({ code: 'telegram_fake', text: 'Flagged as fake by Telegram' });
    return {
      name:
        join(' ', p.first_name, p.last_name) ||
        at(p.username) ||
        text(p.phone) ||
        text(p.provider_id) ||
        'Telegram user',
      handle: at(p.username),
      details: fields(
        field('Phone', text(p.phone)),
        field('Status', text(record(p.status).name)),
        field('Last online', unixSeconds(record(p.status).was_online, now)),
      ),
      warnings,
    };
  },
  sections: (p, now) => {
    const status = record(p.status);
    return present(
      group(
        'Identity',
        field('Name', join(' ', p.first_name, p.last_name)),
        field('Username', at(p.username)),
        field('Phone', text(p.phone)),
        field('Language', text(p.lang_code)),
        field('Provider ID', text(p.provider_id)),
        field('Picture', text(p.profile_picture_url)),
      ),
      group(
        'Status',
        field('Status', text(status.name)),
        field('Expires', unixSeconds(status.expires, now)),
        field('Last online', unixSeconds(status.was_online, now)),
      ),
      group(
        'Flags',
        field('Premium', yesNo(p.premium)),
        field('Verified', yesNo(p.verified)),
        alarm('Restricted', p.restricted),
        alarm('Deleted', p.deleted),
        alarm('Fake', p.fake),
        field('Bot', yesNo(p.bot)),
        field('Self', yesNo(p.self)),
        field('Contact', yesNo(p.contact)),
        field('Mutual contact', yesNo(p.mutual_contact)),
        field('Close friend', yesNo(p.close_friend)),
      ),
      table(
        'Restriction reasons',
        ['Platform', 'Reason', 'Text'],
        list(p.restriction_reason).map((r) => {
          const reason = record(r);
          return [reason.platform, reason.reason, reason.text];
        }),
      ),
    );
  },
  fixtures: () => ({
    // The demo owner is restricted on iOS (restricted: true with its reason), so that
    // `pp whoami --sandbox --account acc_demo_telegram` shows what a Telegram warning looks like;
    // Telegram only sends restriction_reason for restricted users.
    acc_demo_telegram: {
      object: 'AccountOwnerProfile',
      provider: 'TELEGRAM',
      provider_id: '5120934871',
      self: true,
      contact: false,
      mutual_contact: false,
      deleted: false,
      bot: false,
      verified: false,
      restricted: true,
      fake: false,
      premium: true,
      close_friend: false,
      first_name: 'Ana',
      last_name: 'Petrović',
      username: 'ana_petrovic',
      phone: '+381641234567',
      profile_picture_url: 'https://cdn4.telesco.pe/file/ana_petrovic/userpic_320.jpg',
      status: { name: 'online', expires: 1767110700, was_online: 1767110400 },
      restriction_reason: [
        {
          platform: 'ios',
          reason: 'terms',
          text: 'This account is unavailable on iOS because it violated the App Store Review Guidelines.',
        },
      ],
      lang_code: 'sr',
    },
  }),
});
