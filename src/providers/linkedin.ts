import * as v from 'valibot';
import { join, list, record, text, yesNo } from '../output/format.js';
import { type Field, field, fields, type Tone, type Warning } from '../output/model.js';
import { group, present, table } from './render.js';
import { defineProvider } from './types.js';

const seat = () =>
  v.looseObject({
    owner_seat_id: v.nullable(v.string()),
    contract_id: v.nullable(v.string()),
  });

const schema = () =>
  v.looseObject({
    object: v.literal('AccountOwnerProfile'),
    provider: v.literal('LINKEDIN'),
    provider_id: v.nullable(v.string()),
    entity_urn: v.nullable(v.string()),
    object_urn: v.nullable(v.string()),
    first_name: v.nullable(v.string()),
    last_name: v.nullable(v.string()),
    profile_picture_url: v.nullable(v.string()),
    public_profile_url: v.nullish(v.string()),
    public_identifier: v.nullish(v.string()),
    headline: v.nullish(v.string()),
    location: v.nullish(v.string()),
    email: v.nullable(v.string()),
    premium: v.boolean(),
    open_profile: v.boolean(),
    occupation: v.nullish(v.string()),
    // Documented as required, but real servers omit it.
    organizations: v.nullish(
      v.array(
        v.looseObject({
          id: v.nullable(v.string()),
          mailbox_id: v.nullable(v.string()),
          name: v.nullable(v.string()),
        }),
      ),
    ),
    // A union's own message names its forms; valibot's default reads "Expected Object | Object".
    recruiter: v.nullable(
      v.union(
        [seat(), v.looseObject({ error: v.picklist(['MULTIPLE_SESSIONS', 'DISCONNECTED']) })],
        'expected null, a seat { owner_seat_id, contract_id } or { error: "MULTIPLE_SESSIONS" | "DISCONNECTED" }',
      ),
    ),
    sales_navigator: v.nullable(
      v.union(
        [seat(), v.looseObject({ error: v.picklist(['DISCONNECTED']) })],
        'expected null, a seat { owner_seat_id, contract_id } or { error: "DISCONNECTED" }',
      ),
    ),
  });

// The sandbox's owner: every documented field, two organizations, a Recruiter seat, no Sales Navigator.
const demo = {
  object: 'AccountOwnerProfile',
  provider: 'LINKEDIN',
  provider_id: 'ACoAAB3kQ7sBf9x2Lr8TzWq1vN4mPe6HdYc0J5U',
  entity_urn: 'urn:li:fsd_profile:ACoAAB3kQ7sBf9x2Lr8TzWq1vN4mPe6HdYc0J5U',
  object_urn: 'urn:li:member:498213377',
  first_name: 'Camille',
  last_name: 'Durand',
  profile_picture_url:
    'https://media.licdn.com/dms/image/v2/D4E03AQH8kQ2x7YbT1g/profile-displayphoto-shrink_400_400/0/1704293310442?e=1767225600&v=beta&t=Jd2mR8vXq4LpN7sYk1TcWz3Hf6Gb9Ue0Oa5Mi2Kn7Bw',
  public_profile_url: 'https://www.linkedin.com/in/camille-durand-talent',
  public_identifier: 'camille-durand-talent',
  headline: 'Head of Talent Acquisition at Brightwave Labs · Hiring engineers in Lyon & remote',
  location: 'Lyon, Auvergne-Rhône-Alpes, France',
  email: 'camille.durand@brightwave.io',
  premium: true,
  open_profile: false,
  occupation: 'Head of Talent Acquisition at Brightwave Labs',
  organizations: [
    { id: '81234567', mailbox_id: 'urn:li:organization:81234567', name: 'Brightwave Labs' },
    { id: '10432211', mailbox_id: 'urn:li:organization:10432211', name: 'Lyon Tech Recruiters Network' },
  ],
  recruiter: { owner_seat_id: 'urn:li:ts_seat:392817465', contract_id: 'urn:li:ts_contract:118274503' },
  sales_navigator: null,
};

const seats = [
  ['recruiter', 'Recruiter'],
  ['sales_navigator', 'Sales Navigator'],
] as const;

/** A seat's state in words: null is no seat, an `error` is a sub-feature that is down. */
function seatState(value: unknown): { state: string | undefined; tone?: Tone } {
  if (value === null) return { state: 'none', tone: 'dim' };
  const error = record(value).error;
  if (error === 'DISCONNECTED') return { state: 'disconnected', tone: 'warn' }; // its health: warning
  if (error === 'MULTIPLE_SESSIONS') return { state: 'in multiple sessions', tone: 'warn' };
  if (error !== undefined) return { state: text(error), tone: 'warn' };
  if (Object.keys(record(value)).length > 0) return { state: 'connected', tone: 'ok' };
  return { state: text(value) };
}

/** `key` is the profile field (recruiter, sales_navigator), which also starts the warning's code. */
function seatWarning(key: string, label: string, value: unknown): Warning | undefined {
  const error = record(value).error;
  if (error === 'DISCONNECTED') return { code: `${key}_disconnected`, text: `${label} seat disconnected` };
  if (error === 'MULTIPLE_SESSIONS')
    return { code: `${key}_multiple_sessions`, text: `${label} seat in multiple sessions` };
  // An error the schema does not list (tolerant mode): one fixed code, the error itself in the text.
  const other = text(error);
  return other ? { code: `${key}_seat_error`, text: `${label} seat: ${other}` } : undefined;
}

function seatFields(label: string, value: unknown): Field[] {
  const { state, tone } = seatState(value);
  const data = record(value);
  return fields(
    field(label, state, tone),
    field(`${label} owner seat`, text(data.owner_seat_id)),
    field(`${label} contract`, text(data.contract_id)),
  );
}

export const linkedin = defineProvider({
  id: 'LINKEDIN',
  label: 'LinkedIn',
  schema,
  identity: (p) => ({
    name:
      join(' ', p.first_name, p.last_name) || text(p.email) || text(p.public_identifier) || 'LinkedIn user',
    handle: text(p.email) || undefined,
    details: fields(
      field('Headline', text(p.headline) || text(p.occupation)),
      field('Profile', text(p.public_profile_url)),
    ),
    warnings: seats
      .map(([key, label]) => seatWarning(key, label, p[key]))
      .filter((w): w is Warning => w !== undefined),
  }),
  sections: (p) =>
    present(
      group(
        'Identity',
        field('Name', join(' ', p.first_name, p.last_name)),
        field('Email', text(p.email)),
        field('Headline', text(p.headline)),
        field('Occupation', text(p.occupation)),
        field('Location', text(p.location)),
        field('Public profile', text(p.public_profile_url)),
        field('Public identifier', text(p.public_identifier)),
        field('Picture', text(p.profile_picture_url)),
      ),
      group(
        'Account',
        field('Provider ID', text(p.provider_id)),
        field('Entity URN', text(p.entity_urn)),
        field('Object URN', text(p.object_urn)),
        field('Premium', yesNo(p.premium)),
        field('Open profile', yesNo(p.open_profile)),
      ),
      group('Seats', ...seats.flatMap(([key, label]) => seatFields(label, p[key]))),
      table(
        'Organizations',
        ['Name', 'ID', 'Mailbox ID'],
        list(p.organizations).map((o) => {
          const org = record(o);
          return [org.name, org.id, org.mailbox_id];
        }),
      ),
    ),
  fixtures: () => ({
    acc_demo_linkedin: demo,
    acc_demo_linkedin_seats_disconnected: {
      ...demo,
      provider_id: 'ACoAAC9wLm2Rt4Hn8Qe1XyKd5Vb7Js3Pf0Ga6Zo',
      entity_urn: 'urn:li:fsd_profile:ACoAAC9wLm2Rt4Hn8Qe1XyKd5Vb7Js3Pf0Ga6Zo',
      object_urn: 'urn:li:member:731904562',
      first_name: 'Jonas',
      last_name: 'Lindqvist',
      profile_picture_url:
        'https://media.licdn.com/dms/image/v2/C4D03AQF2kX9mWq7bTg/profile-displayphoto-shrink_400_400/0/1651843200000?e=1767225600&v=beta&t=Qm7pX2vN8sLk4RzT1wYc9HfJd3Ue6Ba0Go5Ki8Mn2Vo',
      public_profile_url: 'https://www.linkedin.com/in/jonas-lindqvist',
      public_identifier: 'jonas-lindqvist',
      headline: 'Technical Recruiter · Nordic engineering teams',
      location: 'Stockholm, Sweden',
      email: 'jonas.lindqvist@fjordhire.se',
      premium: false,
      occupation: 'Technical Recruiter at Fjordhire',
      organizations: [
        { id: '52048813', mailbox_id: 'urn:li:organization:52048813', name: 'Fjordhire AB' },
        { id: '33177240', mailbox_id: 'urn:li:organization:33177240', name: 'Stockholm Tech Meetup' },
      ],
      recruiter: { error: 'DISCONNECTED' },
      sales_navigator: { error: 'DISCONNECTED' },
    },
  }),
});
