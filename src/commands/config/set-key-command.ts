// `pp config set-key-command <command>`: the key is what a command prints (a password manager),
// run only when a key is needed (config/key-command.ts). Nothing is run here.
import { updateConfig } from '../../config/file.js';
import { usageError } from '../../errors.js';
import { defineCommand, examples } from '../command.js';
import { forgetKeychainEntry, profileIn, profileToWrite } from './store.js';

export default defineCommand({
  path: ['config', 'set-key-command'],
  define: (cmd) =>
    cmd
      .description('store a command that prints the key (run by /bin/sh when a key is needed)')
      .argument('<command>', 'the command, one argument: quote it')
      .addHelpText(
        'after',
        examples(
          "pp config set-key-command 'op read op://ops/postpress/key'",
          "pp config set-key-command 'pass show postpress'",
        ),
      ),
  async run(ctx, _opts, given) {
    const command = given.trim();
    if (command === '' || /[\u0000-\u001f\u007f]/.test(command)) {
      throw usageError(
        command === '' ? 'the key command is empty' : 'the key command has a control character in it',
        "Give the command as one quoted argument: pp config set-key-command 'op read op://ops/postpress/key'",
      );
    }
    const profile = profileToWrite(ctx);
    let before: string | undefined;
    const path = updateConfig(ctx.env, (config) => {
      const stored = profileIn(config.profiles, profile);
      before = stored.keychain;
      delete stored.apiKey;
      delete stored.keychain;
      stored.keyCommand = command;
    });
    if (before) await forgetKeychainEntry(ctx, before);
    if (ctx.env.PP_API_KEY?.trim())
      await ctx.warn('PP_API_KEY is set in the environment and wins over the key command');
    return ctx.result(
      `Saved the key command of profile ${profile} in ${path}; it runs when a key is needed`,
      {
        saved: true,
        profile,
        storage: 'command',
        config_file: path,
      },
    );
  },
});
