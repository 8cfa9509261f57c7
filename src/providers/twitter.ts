import * as v from 'valibot';
import { count, join, list, record, text, twitterCreatedAt, yesNo } from '../output/format.js';
import { field, fields, type Warning } from '../output/model.js';
import { alarm, at, group, present, table } from './render.js';
import { defineProvider } from './types.js';

const schema = () =>
  v.looseObject({
    object: v.literal('AccountOwnerProfile'),
    provider: v.literal('TWITTER'),
    id: v.nullable(v.string()),
    name: v.nullable(v.string()),
    screen_name: v.nullable(v.string()),
    location: v.nullable(v.string()),
    description: v.nullable(v.string()),
    url: v.nullable(v.string()),
    entities: v.looseObject({ description: v.looseObject({ urls: v.array(v.unknown()) }) }),
    protected: v.boolean(),
    verified: v.boolean(),
    followers_count: v.number(),
    friends_count: v.number(),
    listed_count: v.number(),
    favourites_count: v.number(),
    statuses_count: v.number(),
    created_at: v.nullable(v.string()),
    profile_banner_url: v.nullish(v.string()),
    profile_image_url_https: v.nullable(v.string()),
    default_profile: v.boolean(),
    default_profile_image: v.boolean(),
    withheld_in_countries: v.array(v.string()),
    followed_by: v.nullish(v.boolean()),
    following: v.nullish(v.boolean()),
    follow_request_sent: v.nullish(v.boolean()),
    has_extended_profile: v.nullish(v.boolean()),
    notifications: v.nullish(v.boolean()),
    advertiser_account_type: v.nullish(v.string()),
    business_profile_state: v.nullable(v.string()),
    require_some_consent: v.nullish(v.boolean()),
  });

/** "DE, FR" from withheld_in_countries, or nothing. */
const withheldIn = (value: unknown): string | undefined => join(', ', ...list(value));

/** The withheld_in_countries field: 'none' (dim) when empty, the countries (warn) otherwise. */
const withheldField = (value: unknown) =>
  Array.isArray(value) && value.length === 0
    ? field('Withheld in', 'none', 'dim')
    : field('Withheld in', withheldIn(value), 'warn');

export const twitter = defineProvider({
  id: 'TWITTER',
  label: 'Twitter',
  schema,
  identity: (p) => {
    const warnings: Warning[] = [];
    if (p.protected === true) warnings.push({ code: 'twitter_protected', text: 'Tweets are protected' });
    const withheld = withheldIn(p.withheld_in_countries);
    if (withheld) warnings.push({ code: 'twitter_withheld', text: `Withheld in ${withheld}` });
    return {
      name: text(p.name) || at(p.screen_name) || text(p.id) || 'Twitter user',
      handle: at(p.screen_name),
      details: fields(
        field('Description', text(p.description)),
        field('Followers', count(p.followers_count)),
      ),
      warnings,
    };
  },
  sections: (p, now) =>
    present(
      group(
        'Identity',
        field('Name', text(p.name)),
        field('Screen name', at(p.screen_name)),
        field('ID', text(p.id)),
        field('Description', text(p.description)),
        field('Location', text(p.location)),
        field('URL', text(p.url)),
        field('Profile image', text(p.profile_image_url_https)),
        field('Banner', text(p.profile_banner_url)),
      ),
      group(
        'Counts',
        field('Followers', count(p.followers_count)),
        field('Following', count(p.friends_count)),
        field('Listed', count(p.listed_count)),
        field('Likes', count(p.favourites_count)),
        field('Posts', count(p.statuses_count)),
      ),
      group(
        'Account',
        field('Created', twitterCreatedAt(p.created_at, now)),
        withheldField(p.withheld_in_countries),
        field('Advertiser account type', text(p.advertiser_account_type)),
        field('Business profile state', text(p.business_profile_state)),
      ),
      group(
        'Flags',
        field('Verified', yesNo(p.verified)),
        alarm('Protected', p.protected),
        field('Default profile', yesNo(p.default_profile)),
        field('Default profile image', yesNo(p.default_profile_image)),
        field('Extended profile', yesNo(p.has_extended_profile)),
        field('Requires consent', yesNo(p.require_some_consent)),
        field('Follows you', yesNo(p.followed_by)),
        field('You follow', yesNo(p.following)),
        field('Follow request sent', yesNo(p.follow_request_sent)),
        field('Notifications', yesNo(p.notifications)),
      ),
      table(
        'URLs in the description',
        ['URL', 'Expands to'],
        list(record(record(p.entities).description).urls).map((u) =>
          typeof u === 'string' ? [u] : [record(u).url, record(u).expanded_url],
        ),
      ),
    ),
  fixtures: () => ({
    acc_demo_twitter: {
      object: 'AccountOwnerProfile',
      provider: 'TWITTER',
      id: '1049385226517422080',
      name: 'Priya Raman',
      screen_name: 'priyabuilds',
      location: 'Bengaluru, India',
      description: 'Building developer tools. Writing at https://t.co/Xb3kQ9pLmZ',
      url: 'https://t.co/R2mVq8WnTd',
      entities: {
        description: {
          urls: [
            {
              url: 'https://t.co/Xb3kQ9pLmZ',
              expanded_url: 'https://priyaraman.dev/notes',
              display_url: 'priyaraman.dev/notes',
              indices: [37, 60],
            },
          ],
        },
      },
      protected: false,
      verified: true,
      followers_count: 12345,
      friends_count: 812,
      listed_count: 97,
      favourites_count: 40321,
      statuses_count: 15872,
      created_at: 'Wed Oct 10 20:19:24 +0000 2018',
      profile_banner_url: 'https://pbs.twimg.com/profile_banners/1049385226517422080/1712345678',
      profile_image_url_https: 'https://pbs.twimg.com/profile_images/1712345678901234567/Pr1yaR4m_normal.jpg',
      default_profile: false,
      default_profile_image: false,
      withheld_in_countries: [],
      followed_by: false,
      following: false,
      follow_request_sent: false,
      has_extended_profile: true,
      notifications: false,
      advertiser_account_type: 'promotable_user',
      business_profile_state: 'none',
      require_some_consent: false,
    },
  }),
});
