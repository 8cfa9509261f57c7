// `pp config`: the group of commands that store the API key, base URL and default account, per profile.
import { defineGroup, examples } from '../command.js';

export default defineGroup(['config'], (cmd) =>
  cmd
    .description('store the API key, base URL and default account of each profile')
    .addHelpText(
      'after',
      examples(
        'pp config set-key',
        'printf %s "$KEY" | pp config set-key',
        'pp config show --json',
        'pp config use staging',
      ),
    ),
);
