// `pp config`: the group of commands that store the API key and a default account.
import { defineGroup, examples } from '../command.js';

export default defineGroup(['config'], (cmd) =>
  cmd
    .description('store the API key and a default account')
    .addHelpText(
      'after',
      examples('pp config set-key', 'printf %s "$KEY" | pp config set-key', 'pp config show --json'),
    ),
);
