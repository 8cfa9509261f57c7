// The fish completion script: `complete` lines guarded by a helper that finds the (sub)command at
// the cursor, the same walk as the bash script's, so nested subcommands and option values work.
import { allCommands, type CommandSpec, type OptionSpec, pathKey, type ValueCompletion } from './spec.js';

/** A fish word in single quotes. */
const q = (s: string): string => `'${s.replace(/(['\\])/g, '\\$1')}'`;

/** Where the walk is: "pp", "pp config", "pp config set-key". */
const where = (program: string, path: string[]): string => pathKey([program, ...path]);

/** Patterns for `switch "$path/$word"` at `path` and every command below it. */
const atAndBelow = (program: string, path: string[], word: string): string[] =>
  path.length === 0
    ? [q(`*/${word}`)]
    : [q(`${where(program, path)}/${word}`), q(`${where(program, path)} */${word}`)];

/** The -a of values: the choices, or the program's own `__complete` when Tab is pressed. */
function values(program: string, completion: ValueCompletion & { kind: 'choices' | 'dynamic' }): string {
  if (completion.kind === 'choices') return completion.choices.join(' ');
  return `(__${program.replace(/\W/g, '_')}_values ${completion.source})`;
}

/**
 * The option's `complete` lines. Values it offers go on a line of their own without -d (a -d there
 * would describe every value alike), before the line describing the option: fish shows the option
 * with the last description given.
 */
function completeOption(program: string, condition: string, option: OptionSpec): string[] {
  const parts = [`complete -c ${program}`];
  if (condition) parts.push(`-n ${q(condition)}`);
  for (const flag of option.flags)
    parts.push(flag.startsWith('--') ? `-l ${flag.slice(2)}` : `-s ${flag.slice(1)}`);
  const completion = option.value?.completion;
  if (completion?.kind === 'files') parts.push('-r -F');
  else if (completion) parts.push('-x');
  const described = `${parts.join(' ')} -d ${q(option.description)}`;
  if (completion?.kind !== 'choices' && completion?.kind !== 'dynamic') return [described];
  return [`${parts.join(' ')} -a ${q(values(program, completion))}`, described];
}

export function fishScript(root: CommandSpec, program: string): string {
  const fn = `__${program.replace(/\W/g, '_')}`;
  const walk: string[] = [];
  const valueOptions: string[] = [];
  const lines: string[] = [];

  for (const cmd of allCommands(root)) {
    const here = where(program, cmd.path);
    for (const sub of cmd.commands) {
      const patterns = [sub.name, ...sub.aliases].map((n) => q(`${here}/${n}`));
      walk.push(
        `            case ${patterns.join(' ')}`,
        `                set path ${q(where(program, sub.path))}; set args 0`,
      );
    }
    for (const option of cmd.options) {
      if (option.value) valueOptions.push(...option.flags.flatMap((f) => atAndBelow(program, cmd.path, f)));
    }

    lines.push('', `# ${here}`);
    // Options are accepted at the command that declares them and below it.
    const inside = cmd.path.length === 0 ? '' : `${fn}_in ${q(here)}`;
    for (const option of cmd.options) lines.push(...completeOption(program, inside, option));
    for (const sub of cmd.commands) {
      lines.push(
        `complete -c ${program} -n ${q(`${fn}_at ${q(here)}`)} -a ${q(sub.name)} -d ${q(sub.description)}`,
      );
    }
    if (cmd.commands.length === 0) {
      cmd.arguments.forEach((argument, index) => {
        const { completion } = argument;
        if (completion.kind === 'none') return;
        const at = argument.variadic ? `${fn}_at ${q(here)}` : `${fn}_at ${q(here)} ${index}`;
        // no -d: it would describe every value alike ("bash (the shell)")
        const offer = completion.kind === 'files' ? '-F' : `-a ${q(values(program, completion))}`;
        lines.push(`complete -c ${program} -n ${q(at)} ${offer}`);
      });
    }
  }
  if (valueOptions.length > 0) {
    walk.push(`            case ${valueOptions.join(' ')}`, '                set option 1');
  }

  return `# fish completion for ${program}. Generated from the program by \`npm run completions\`: do not edit.
# Install: mkdir -p ~/.config/fish/completions &&
#          ${program} completion fish > ~/.config/fish/completions/${program}.fish

# Prints where the cursor is: the (sub)command ("${program}", "${program} config"), how many arguments it
# has so far, and "value" when the cursor is on an option's value (that option completes it).
function ${fn}_position
    set -l path ${program}
    set -l args 0
    set -l option 0
    set -l words (commandline -opc)
    set -e words[1]
    for word in $words
        if test $option = 1
            set option 0
            continue
        end
        switch "$path/$word"
${walk.join('\n')}
            case '*/-*'
            case '*'
                set args (math $args + 1)
        end
    end
    echo $path
    echo $args
    test $option = 1; and echo value
end

# At the (sub)command $argv[1], with $argv[2] arguments so far when given.
function ${fn}_at
    set -l here (${fn}_position)
    test "$here[1]" = "$argv[1]"; or return 1
    set -q here[3]; and return 1
    set -q argv[2]; or return 0
    test "$here[2]" = "$argv[2]"
end

# At the (sub)command $argv[1] or one below it.
function ${fn}_in
    set -l here (${fn}_position)
    test "$here[1]" = "$argv[1]"; or string match -q -- "$argv[1] *" "$here[1]"
end

# Values known only when Tab is pressed (account ids, profiles): ${program} prints them, from local
# files only, told the words typed so far.
function ${fn}_values
    set -l words (commandline -opc)
    set -e words[1]
    ${program} __complete $argv[1] -- (commandline -ct) $words 2>/dev/null
end

# No file names unless an option or argument asks for them.
complete -c ${program} -f
${lines.join('\n')}
`;
}
