// `pp config use <profile>`: makes a profile the active one, creating it (empty) when it is new.
import { updateConfig } from '../../config/file.js';
import { checkProfileName, noProfile, profileNamesOf } from '../../config/settings.js';
import { defineCommand, examples } from '../command.js';
import { checkNewProfileName, profileIn } from './store.js';

export default defineCommand({
  path: ['config', 'use'],
  define: (cmd) =>
    cmd
      .description('make a profile the active one (--create: a new, empty one)')
      .argument('<profile>', 'the profile name: letters, digits, ".", "_", "-"')
      .option('--create', 'make the profile if it does not exist yet')
      .addHelpText(
        'after',
        examples('pp config use staging', 'pp config use default', 'pp config use client-b --create'),
      ),
  async run(ctx, opts, given) {
    const name = checkProfileName(given.trim(), 'the argument');
    const exists = name === 'default' || ctx.settings.config.profiles.has(name);
    // a typo must not make a profile that every later command fails in (`pp config use globx`)
    if (!exists && !opts.create) throw noProfile(name, undefined, profileNamesOf(ctx.settings.config));
    if (!exists) checkNewProfileName(ctx, name);
    const path = updateConfig(ctx.env, (config) => {
      profileIn(config.profiles, name);
      config.activeProfile = name;
    });
    const overridden = ctx.globals.profile
      ? '--profile'
      : ctx.env.PP_PROFILE?.trim()
        ? 'PP_PROFILE'
        : undefined;
    if (overridden) await ctx.warn(`${overridden} is set and wins over the active profile`);
    return ctx.result(`${exists ? 'Now using' : 'Created and now using'} profile ${name} (${path})`, {
      active: name,
      created: !exists,
      config_file: path,
    });
  },
});
