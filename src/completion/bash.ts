// The bash completion script. Self-contained (no bash-completion helpers needed): the function
// walks the words before the cursor to find the (sub)command and how many arguments it has,
// skipping the values of options that take one, then offers an option's value, options,
// subcommands or argument choices.
import { allCommands, type CommandSpec, optionsAt, pathKey, type ValueCompletion } from './spec.js';

/** A bash word in single quotes. */
const q = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;

const arm = (indent: string, patterns: string[], body: string): string =>
  `${indent}${patterns.join(' | ')}) ${body} ;;`;

/** Patterns matching `<path>/<word>` at the command `path` and every command below it. */
const atAndBelow = (path: string[], word: string): string[] =>
  path.length === 0
    ? [`*${q(`/${word}`)}`]
    : [q(`${pathKey(path)}/${word}`), `${q(`${pathKey(path)} `)}*${q(`/${word}`)}`];

function offer(completion: ValueCompletion, program: string): string {
  if (completion.kind === 'files')
    return 'COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null';
  if (completion.kind === 'choices') return `words=${q(completion.choices.join(' '))}`;
  // the program prints them (from local files), told what is typed so far
  if (completion.kind === 'dynamic')
    return `words=$(${program} __complete ${completion.source} -- "$cur" "\${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null)`;
  return ':';
}

export function bashScript(root: CommandSpec, program: string): string {
  const fn = `_${program.replace(/\W/g, '_')}`;
  const walkArms: string[] = [];
  const valueArms: string[] = [];
  const optionArms: string[] = [];
  const wordArms: string[] = [];

  for (const cmd of allCommands(root)) {
    const key = pathKey(cmd.path);
    for (const sub of cmd.commands) {
      const patterns = [sub.name, ...sub.aliases].map((n) => q(`${key}/${n}`));
      walkArms.push(arm('      ', patterns, `path=${q(pathKey(sub.path))} args=0`));
    }
    for (const option of cmd.options) {
      if (!option.value) continue;
      const patterns = option.flags.flatMap((f) => atAndBelow(cmd.path, f));
      walkArms.push(arm('      ', patterns, 'option=$word'));
      if (option.value.completion.kind !== 'none')
        valueArms.push(arm('    ', patterns, offer(option.value.completion, program)));
    }
    const flags = optionsAt(root, cmd.path).flatMap((o) => o.flags);
    optionArms.push(arm('      ', [q(key)], `words=${q(flags.join(' '))}`));
    if (cmd.commands.length > 0) {
      wordArms.push(
        arm('      ', [`${q(`${key}/`)}*`], `words=${q(cmd.commands.map((c) => c.name).join(' '))}`),
      );
    } else {
      cmd.arguments.forEach((argument, index) => {
        if (argument.completion.kind === 'none') return;
        const pattern = argument.variadic ? `${q(`${key}/`)}*` : q(`${key}/${index}`);
        wordArms.push(arm('      ', [pattern], offer(argument.completion, program)));
      });
    }
  }

  return `# bash completion for ${program}. Generated from the program by \`npm run completions\`: do not edit.
# Install: mkdir -p ~/.local/share/bash-completion/completions &&
#          ${program} completion bash > ~/.local/share/bash-completion/completions/${program}
#     or:  echo 'source <(${program} completion bash)' >> ~/.bashrc

${fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} path='' args=0 option='' word i words=''
  COMPREPLY=()
  # "--opt=<Tab>": COMP_WORDBREAKS makes "=" a word of its own; complete what follows it.
  [[ $cur == = ]] && cur=''
  # The words before the cursor: the (sub)command, how many arguments it has so far, and whether
  # the cursor is on the value of an option ("--opt <Tab>" or "--opt=<Tab>").
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    if [[ -n $option ]]; then
      [[ $word == = ]] || option=''
      continue
    fi
    case "$path/$word" in
${walkArms.join('\n')}
      */-*) ;;
      *) ((args++)) ;;
    esac
  done
  if [[ -n $option ]]; then
    case "$path/$option" in
${valueArms.join('\n')}
    esac
  elif [[ $cur == -* ]]; then
    case $path in
${optionArms.join('\n')}
    esac
  else
    case "$path/$args" in
${wordArms.join('\n')}
    esac
  fi
  [[ -n $words ]] && COMPREPLY=($(compgen -W "$words" -- "$cur"))
  return 0
}

complete -F ${fn} ${program}
`;
}
