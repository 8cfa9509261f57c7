// The zsh completion script: one function per (sub)command built on `_arguments`, so zsh shows
// each option's and subcommand's description. Works autoloaded from $fpath (as `_pp`) or sourced.
import {
  type ArgumentSpec,
  allCommands,
  type CommandSpec,
  chainTo,
  type OptionSpec,
  type ValueCompletion,
} from './spec.js';

/** A zsh word in single quotes. */
const q = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;
/** Text inside an `_arguments` spec, where `[`, `]` and `:` are syntax. */
const esc = (s: string): string => s.replace(/([\\[\]:])/g, '\\$1');

const functionName = (program: string, path: string[]): string =>
  ['', program, ...path].join('_').replace(/[^\w]/g, '_');

function action(completion: ValueCompletion, program: string): string {
  if (completion.kind === 'files') return '_files';
  if (completion.kind === 'choices') return `(${completion.choices.join(' ')})`;
  if (completion.kind === 'dynamic') return `{${valuesFunction(program)} ${completion.source}}`;
  return ' '; // a value is expected, but there is nothing to offer
}

const valuesFunction = (program: string): string => `_${functionName(program, [])}_values`;

function optionSpec(option: OptionSpec, program: string): string {
  const description = `[${esc(option.description)}]`;
  const value = option.value ? `:${esc(option.value.name)}:${action(option.value.completion, program)}` : '';
  // With a value: `-p+` and `--port=` accept it in the same word or the next one.
  const forms = option.flags.map((f) => (option.value ? (f.startsWith('--') ? `${f}=` : `${f}+`) : f));
  if (forms.length === 1) return q(`${forms[0]}${description}${value}`);
  // Short and long forms exclude each other: `'(-h --help)'{-h,--help}'[show help]'`
  return `${q(`(${option.flags.join(' ')})`)}{${forms.join(',')}}${q(`${description}${value}`)}`;
}

function argumentSpec(argument: ArgumentSpec, program: string): string {
  const message = esc(argument.name.replaceAll('_', ' '));
  const prefix = argument.variadic ? '*' : argument.required ? '' : ':';
  return q(`${prefix}:${message}:${action(argument.completion, program)}`);
}

const continued = (lines: string[], indent: string): string =>
  lines.map((l) => `${indent}${l}`).join(' \\\n');

/** The array holding a command's own option specs, shared by the commands below it. */
const optionArray = (program: string, cmd: CommandSpec): string =>
  `${functionName(program, cmd.path)}_options`;

function optionArrays(root: CommandSpec, program: string): string {
  return allCommands(root)
    .filter((cmd) => cmd.options.length > 0)
    .map(
      (cmd) =>
        `${optionArray(program, cmd)}=(\n${cmd.options.map((o) => `  ${optionSpec(o, program)}`).join('\n')}\n)\n`,
    )
    .join('');
}

function commandFunction(root: CommandSpec, cmd: CommandSpec, program: string): string {
  const name = functionName(program, cmd.path);
  // Its own options, then its ancestors': commander accepts those after a subcommand too.
  const options = chainTo(root, cmd.path)
    .reverse()
    .filter((c) => c.options.length > 0)
    .map((c) => `"\${${optionArray(program, c)}[@]}"`);
  if (cmd.commands.length === 0) {
    const specs = [...options, ...cmd.arguments.map((a) => argumentSpec(a, program))];
    return `${name}() {\n  _arguments -s -S \\\n${continued(specs, '    ')}\n}\n`;
  }
  const label = [program, ...cmd.path].join(' ');
  const context = [program, ...cmd.path].join('-');
  const entries = cmd.commands.map((c) => `    ${q(`${c.name.replaceAll(':', '\\:')}:${c.description}`)}`);
  const branches = cmd.commands.map(
    (c) => `        ${[c.name, ...c.aliases].join('|')}) ${functionName(program, c.path)} && ret=0 ;;`,
  );
  return `${name}() {
  local curcontext=$curcontext state state_descr line ret=1
  local -A opt_args
  _arguments -s -S -C \\
${continued([...options, q(': :->command'), q('*:: :->argument')], '    ')} && ret=0
  case $state in
    command)
      local -a commands=(
${entries.map((e) => `    ${e}`).join('\n')}
      )
      _describe -t commands ${q(`${label} command`)} commands && ret=0
      ;;
    argument)
      curcontext=\${curcontext%:*:*}:${context}-$words[1]:
      case $words[1] in
${branches.join('\n')}
      esac
      ;;
  esac
  return ret
}
`;
}

export function zshScript(root: CommandSpec, program: string): string {
  const main = functionName(program, []);
  const functions = allCommands(root).map((cmd) => commandFunction(root, cmd, program));
  return `#compdef ${program}
# zsh completion for ${program}. Generated from the program by \`npm run completions\`: do not edit.
# Install: mkdir -p ~/.zfunc && ${program} completion zsh > ~/.zfunc/_${program}
#          with   fpath=(~/.zfunc $fpath)   before compinit in ~/.zshrc
#     or:  echo 'source <(${program} completion zsh)' >> ~/.zshrc   (after compinit)

# Values known only when Tab is pressed (account ids, profiles): ${program} prints them, from local
# files only, told the words typed so far.
${valuesFunction(program)}() {
  local -a values
  values=(\${(f)"$(${program} __complete $1 -- "$PREFIX" \${(z)LBUFFER} 2>/dev/null)"})
  compadd -a values
}

# The option specs of each command.
${optionArrays(root, program)}
${functions.join('\n')}
# Autoloaded from $fpath, this file is the body of ${main}: define the functions above, then complete.
# Sourced, it registers ${main} instead.
if [[ $funcstack[1] == ${main} ]]; then
  ${main} "$@"
else
  compdef ${main} ${program}
fi
`;
}
