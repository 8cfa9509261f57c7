import * as v from 'valibot';
import { join, text } from '../output/format.js';
import { field, fields } from '../output/model.js';
import { group, present } from './render.js';
import { defineProvider } from './types.js';

const schema = () =>
  v.looseObject({
    object: v.literal('AccountOwnerProfile'),
    provider: v.literal('OUTLOOK'),
    id: v.nullable(v.string()),
    email: v.nullable(v.string()),
    display_name: v.nullable(v.string()),
    given_name: v.nullable(v.string()),
    surname: v.nullable(v.string()),
    user_principal_name: v.nullable(v.string()),
    job_title: v.nullable(v.string()),
    mobile_phone: v.nullable(v.string()),
    preferred_language: v.nullable(v.string()),
  });

export const outlook = defineProvider({
  id: 'OUTLOOK',
  label: 'Outlook',
  schema,
  identity: (p) => ({
    name:
      text(p.display_name) ||
      join(' ', p.given_name, p.surname) ||
      text(p.email) ||
      text(p.user_principal_name) ||
      'Outlook account',
    handle: text(p.email) || text(p.user_principal_name) || undefined,
    details: fields(field('Job title', text(p.job_title))),
    warnings: [],
  }),
  sections: (p) =>
    present(
      group(
        'Identity',
        field('Display name', text(p.display_name)),
        field('Given name', text(p.given_name)),
        field('Surname', text(p.surname)),
        field('Job title', text(p.job_title)),
        field('Email', text(p.email)),
        field('Mobile phone', text(p.mobile_phone)),
        field('Preferred language', text(p.preferred_language)),
      ),
      group('Account', field('ID', text(p.id)), field('User principal name', text(p.user_principal_name))),
    ),
  fixtures: () => ({
    acc_demo_outlook: {
      object: 'AccountOwnerProfile',
      provider: 'OUTLOOK',
      id: '7f3c2a91-5b8e-4d6f-9a1c-2e4b8d0f6a13',
      email: 'grace.okafor@northwindtraders.com',
      display_name: 'Grace Okafor',
      given_name: 'Grace',
      surname: 'Okafor',
      user_principal_name: 'grace.okafor@northwindtraders.onmicrosoft.com',
      job_title: 'Senior Account Executive',
      mobile_phone: '+44 7700 900123',
      preferred_language: 'en-GB',
    },
  }),
});
