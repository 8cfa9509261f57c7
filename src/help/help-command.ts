// `pp help [command...]`: pp's own help command, on the program and on each group of commands
// (`pp config help set-key`), built on commander's public API only. commander's built-in help
// command reads one word (`pp help config set-key` showed config's help), shows the whole help on
// standard error for a word it does not know, and knows nothing of the manual's topics.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { closest } from '../similar.js';
import { type HelpTopicName, helpTopicNames } from './topic-names.js';

/** The text of the topic `name`, or undefined when there is none (the texts load only now). */
async function topicText(name: string): Promise<string | undefined> {
  if (!(helpTopicNames as readonly string[]).includes(name)) return undefined;
  const { helpTopics } = await import('./topics.js');
  return helpTopics[name as HelpTopicName].text;
}

/** Adds `help [command...]` to `group` (the program, or a group such as `config`), as its last command. */
export function addHelpCommand(group: CommandUnknownOpts, examples: string): void {
  const top = group.parent === null;
  group
    .command('help')
    .description(top ? 'show help for a command, or a topic' : 'show help for a command')
    .argument('[command...]', top ? 'the command’s words, or a topic' : 'the command’s words')
    .addHelpText('after', examples)
    .action((words: string[]) => showHelp(group, words));
}

/**
 * Follows the words down from `group` to the command they name and prints its help on standard
 * output. At the top, a word that names no command may name a topic of the manual. A word that
 * names nothing is the error `pp <word>` gives (exit 2), with its "Did you mean"; a word past a
 * command that has no subcommands stands where an argument goes (`pp help whoami acc_1`), and the
 * help found so far is shown.
 */
async function showHelp(group: CommandUnknownOpts, words: readonly string[]): Promise<void> {
  let target = group;
  for (const [i, word] of words.entries()) {
    const next = target.commands.find((c) => c.name() === word || c.aliases().includes(word));
    // `pp help help`, `pp help config help`: the help of what the words named before it
    if (next?.name() === 'help') break;
    if (next) {
      target = next;
      continue;
    }
    const topic = i === 0 && group.parent === null ? await topicText(word) : undefined;
    if (topic !== undefined) {
      group.configureOutput().writeOut?.(topic.endsWith('\n') ? topic : `${topic}\n`);
      return;
    }
    if (i > 0 && target.commands.length === 0) break;
    // at the top a word may have meant a topic of the manual too (`pp help exit-code`)
    unknownCommand(target, word, target === group && group.parent === null ? [...helpTopicNames] : []);
  }
  target.outputHelp();
}

/**
 * The error commander gives `pp <word>` for a word that names no command of `group`; at the top,
 * where a topic could have been meant, it also names the topics.
 */
function unknownCommand(group: CommandUnknownOpts, word: string, topics: readonly string[]): never {
  const names = group
    .createHelp()
    .visibleCommands(group)
    .flatMap((c) => [c.name(), ...c.aliases().slice(0, 1)]);
  const similar = closest(word, [...names, ...topics]);
  const suggestion =
    similar.length === 0
      ? ''
      : `\n(Did you mean ${similar.length === 1 ? similar[0] : `one of ${similar.join(', ')}`}?)`;
  const what = topics.length > 0 ? 'command or help topic' : 'command';
  const listed = topics.length > 0 ? `\nThe help topics: ${topics.join(', ')}.` : '';
  // error() writes through the program's outputError and throws (exitOverride) the CommanderError
  // that cli.ts turns into exit 2, as for `pp <word>`
  group.error(`error: unknown ${what} '${word}'${suggestion}${listed}`, { code: 'commander.unknownCommand' });
}
