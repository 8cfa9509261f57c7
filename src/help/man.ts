// The man page, pp.1, generated from the program pp runs and its help topics, so that `man pp`
// says what `pp --help` and `pp help <topic>` say. `npm run completions` writes man/pp.1 (a test
// fails when it drifts, and renders it with groff when the machine has it).
import type { CommandUnknownOpts, Help, OutputConfiguration } from '@commander-js/extra-typings';
import { helpTopics } from './topics.js';

/** Text for roff: backslashes, dashes, quotes and non-ASCII characters as escapes that render as typed. */
function roff(text: string): string {
  return text
    .replaceAll('\\', '\\e')
    .replaceAll('-', '\\-')
    .replaceAll("'", '\\(aq')
    .replaceAll('`', '\\(ga')
    .replace(
      /[^\x20-\x7e\n]/gu,
      (c) => `\\[u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`,
    );
}

/** A line roff must not read as a request (it starts with . or '). */
const textLine = (line: string): string => (/^[.']/.test(line) ? `\\&${line}` : line);

const filled = (text: string): string => text.split('\n').map(textLine).join('\n');

/** Lines kept as they are (a topic, examples), indented a little. */
const verbatim = (text: string): string =>
  ['.RS 2', '.nf', ...roff(text.replace(/\n+$/, '')).split('\n').map(textLine), '.fi', '.RE'].join('\n');

/** `--base-url <url>` as bold flags and an italic value. */
const term = (flags: string): string =>
  roff(flags).replace(/(<[^>]+>|\[[^\]]+\])|([^<[]+)/g, (_m, value: string | undefined, plain: string) =>
    value ? `\\fI${value}\\fR` : `\\fB${plain}\\fR`,
  );

const item = (label: string, description: string): string => `.TP\n${label}\n${filled(roff(description))}`;

function commandsOf(cmd: CommandUnknownOpts, help: Help): CommandUnknownOpts[] {
  return help
    .visibleCommands(cmd)
    .filter((c) => c.name() !== 'help')
    .flatMap((c) => [c, ...commandsOf(c, help)]);
}

/** The examples a command's --help ends with (its `examples()` text), as lines. */
function examplesOf(
  cmd: CommandUnknownOpts,
  helpText: (cmd: CommandUnknownOpts) => string,
): string | undefined {
  const after = helpText(cmd).split('\nExamples:\n')[1];
  if (!after) return undefined;
  const lines = after.split('\n');
  const end = lines.indexOf('');
  return lines.slice(0, end === -1 ? undefined : end).join('\n');
}

// Topic name → man section: the conventional names where there is one.
const topicSections: Record<keyof typeof helpTopics, string> = {
  environment: 'ENVIRONMENT',
  'exit-codes': 'EXIT STATUS',
  formats: 'FORMATS',
  health: 'HEALTH',
  scripting: 'SCRIPTING',
};

/**
 * The page, from a program built with the output configuration given (so that its help, examples
 * included, can be captured at 60 columns).
 */
export function manPage(build: (output: OutputConfiguration) => CommandUnknownOpts): string {
  let captured = '';
  const program = build({
    writeOut: (s) => {
      captured += s;
    },
    getOutHelpWidth: () => 60,
  });
  const helpText = (cmd: CommandUnknownOpts): string => {
    captured = '';
    cmd.outputHelp();
    return captured;
  };
  const help = program.createHelp();
  const name = program.name();
  const out: string[] = [
    `.TH ${name.toUpperCase()} 1 "" "${name}" "User Commands"`,
    // no hyphenation and no justification: a URL, an option or an id must read (and copy) as typed
    '.nh',
    '.ad l',
    '.SH NAME',
    `${name} \\- ${roff(program.description().replace(/\.$/, ''))}`,
    '.SH SYNOPSIS',
    `.B ${name}`,
    '[\\fIoptions\\fR] \\fIcommand\\fR [\\fIarguments\\fR]',
    '.br',
    `.B ${name} help`,
    `[\\fIcommand\\fR...|\\fItopic\\fR]`,
    '.SH DESCRIPTION',
    filled(roff(program.description())),
    '.PP',
    filled(
      roff(
        `Every command takes the options below. ${name} help <topic> prints the sections ` +
          `${Object.values(topicSections).join(', ')} of this page on the terminal.`,
      ),
    ),
    '.SH OPTIONS',
    ...help.visibleOptions(program).map((o) => item(term(help.optionTerm(o)), help.optionDescription(o))),
    '.SH COMMANDS',
  ];
  for (const cmd of commandsOf(program, help)) {
    out.push(`.SS "${roff(help.commandUsage(cmd))}"`, filled(roff(help.commandDescription(cmd))));
    for (const argument of help.visibleArguments(cmd)) {
      const description = help.argumentDescription(argument);
      if (description) out.push(item(`\\fI${roff(help.argumentTerm(argument))}\\fR`, description));
    }
    for (const option of help.visibleOptions(cmd).filter((o) => o.long !== '--help'))
      out.push(item(term(help.optionTerm(option)), help.optionDescription(option)));
    const examples = examplesOf(cmd, helpText);
    if (examples) out.push('.PP', 'Examples:', verbatim(examples));
  }
  for (const [topic, section] of Object.entries(topicSections)) {
    // the topic without its title line, which the section heading replaces
    const text = helpTopics[topic as keyof typeof helpTopics].text.replace(/^[^\n]*\n\n?/, '');
    out.push(`.SH ${section}`, verbatim(text));
  }
  out.push(
    '.SH EXAMPLES',
    verbatim(examplesOf(program, helpText) ?? ''),
    '.SH SEE ALSO',
    filled(roff(`${name} help <topic>; ${name} completion <bash|zsh|fish> for shell completion.`)),
  );
  return `${out.join('\n')}\n`;
}
