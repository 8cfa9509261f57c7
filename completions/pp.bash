# bash completion for pp. Generated from the program by `npm run completions`: do not edit.
# Install: mkdir -p ~/.local/share/bash-completion/completions &&
#          pp completion bash > ~/.local/share/bash-completion/completions/pp
#     or:  echo 'source <(pp completion bash)' >> ~/.bashrc

_pp() {
  local cur=${COMP_WORDS[COMP_CWORD]} path='' args=0 option='' word i words=''
  COMPREPLY=()
  # "--opt=<Tab>": COMP_WORDBREAKS makes "=" a word of its own; complete what follows it.
  [[ $cur == = ]] && cur=''
  # The words before the cursor: the (sub)command, how many arguments it has so far, and whether
  # the cursor is on the value of an option ("--opt <Tab>" or "--opt=<Tab>").
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ -n $option ]]; then
      [[ $word == = ]] || option=''
      continue
    fi
    case "$path/$word" in
      '/whoami') path='whoami' args=0 ;;
      '/profile') path='profile' args=0 ;;
      '/accounts') path='accounts' args=0 ;;
      '/status') path='status' args=0 ;;
      '/config') path='config' args=0 ;;
      '/api') path='api' args=0 ;;
      '/doctor') path='doctor' args=0 ;;
      '/completion') path='completion' args=0 ;;
      '/sandbox') path='sandbox' args=0 ;;
      '/help') path='help' args=0 ;;
      *'/--format') option=$word ;;
      *'/--base-url') option=$word ;;
      *'/--timeout') option=$word ;;
      *'/--retries') option=$word ;;
      *'/--profile') option=$word ;;
      *'/--width') option=$word ;;
      'whoami/--account' | 'whoami '*'/--account') option=$word ;;
      'whoami/--fail-on' | 'whoami '*'/--fail-on') option=$word ;;
      'profile/--from-file' | 'profile '*'/--from-file') option=$word ;;
      'profile/--concurrency' | 'profile '*'/--concurrency') option=$word ;;
      'profile/--max-wait' | 'profile '*'/--max-wait') option=$word ;;
      'profile/--fail-on' | 'profile '*'/--fail-on') option=$word ;;
      'accounts/show') path='accounts show' args=0 ;;
      'accounts/reconnect') path='accounts reconnect' args=0 ;;
      'accounts/wait') path='accounts wait' args=0 ;;
      'accounts/resync') path='accounts resync' args=0 ;;
      'accounts/checkpoint') path='accounts checkpoint' args=0 ;;
      'accounts/--type' | 'accounts '*'/--type') option=$word ;;
      'accounts/--state' | 'accounts '*'/--state') option=$word ;;
      'accounts/--group' | 'accounts '*'/--group') option=$word ;;
      'accounts/--output-file' | 'accounts '*'/--output-file') option=$word ;;
      'accounts reconnect/--from-file' | 'accounts reconnect '*'/--from-file') option=$word ;;
      'accounts reconnect/--expires' | 'accounts reconnect '*'/--expires') option=$word ;;
      'accounts reconnect/--name' | 'accounts reconnect '*'/--name') option=$word ;;
      'accounts reconnect/--success-url' | 'accounts reconnect '*'/--success-url') option=$word ;;
      'accounts reconnect/--failure-url' | 'accounts reconnect '*'/--failure-url') option=$word ;;
      'accounts reconnect/--notify-url' | 'accounts reconnect '*'/--notify-url') option=$word ;;
      'accounts reconnect/--concurrency' | 'accounts reconnect '*'/--concurrency') option=$word ;;
      'accounts wait/--until' | 'accounts wait '*'/--until') option=$word ;;
      'accounts wait/--max-wait' | 'accounts wait '*'/--max-wait') option=$word ;;
      'accounts wait/--interval' | 'accounts wait '*'/--interval') option=$word ;;
      'accounts resync/--interval' | 'accounts resync '*'/--interval') option=$word ;;
      'accounts resync/--max-wait' | 'accounts resync '*'/--max-wait') option=$word ;;
      'accounts checkpoint/--code' | 'accounts checkpoint '*'/--code') option=$word ;;
      'status/--type' | 'status '*'/--type') option=$word ;;
      'status/--state' | 'status '*'/--state') option=$word ;;
      'status/--group' | 'status '*'/--group') option=$word ;;
      'status/--from-file' | 'status '*'/--from-file') option=$word ;;
      'status/--concurrency' | 'status '*'/--concurrency') option=$word ;;
      'status/--max-wait' | 'status '*'/--max-wait') option=$word ;;
      'status/--fail-on' | 'status '*'/--fail-on') option=$word ;;
      'status/--output-file' | 'status '*'/--output-file') option=$word ;;
      'config/set-key') path='config set-key' args=0 ;;
      'config/set-key-command') path='config set-key-command' args=0 ;;
      'config/show') path='config show' args=0 ;;
      'config/unset-key') path='config unset-key' args=0 ;;
      'config/set-account') path='config set-account' args=0 ;;
      'config/unset-account') path='config unset-account' args=0 ;;
      'config/set-base-url') path='config set-base-url' args=0 ;;
      'config/unset-base-url') path='config unset-base-url' args=0 ;;
      'config/profiles') path='config profiles' args=0 ;;
      'config/use') path='config use' args=0 ;;
      'config/remove-profile') path='config remove-profile' args=0 ;;
      'config/help') path='config help' args=0 ;;
      'config help/set-key') path='config help set-key' args=0 ;;
      'config help/set-key-command') path='config help set-key-command' args=0 ;;
      'config help/show') path='config help show' args=0 ;;
      'config help/unset-key') path='config help unset-key' args=0 ;;
      'config help/set-account') path='config help set-account' args=0 ;;
      'config help/unset-account') path='config help unset-account' args=0 ;;
      'config help/set-base-url') path='config help set-base-url' args=0 ;;
      'config help/unset-base-url') path='config help unset-base-url' args=0 ;;
      'config help/profiles') path='config help profiles' args=0 ;;
      'config help/use') path='config help use' args=0 ;;
      'config help/remove-profile') path='config help remove-profile' args=0 ;;
      'api/-X' | 'api '*'/-X' | 'api/--method' | 'api '*'/--method') option=$word ;;
      'api/-f' | 'api '*'/-f' | 'api/--field' | 'api '*'/--field') option=$word ;;
      'api/--input' | 'api '*'/--input') option=$word ;;
      'api/-H' | 'api '*'/-H' | 'api/--header' | 'api '*'/--header') option=$word ;;
      'sandbox/--port' | 'sandbox '*'/--port') option=$word ;;
      'sandbox/--latency' | 'sandbox '*'/--latency') option=$word ;;
      'sandbox/--rate-limit' | 'sandbox '*'/--rate-limit') option=$word ;;
      'sandbox/--accounts' | 'sandbox '*'/--accounts') option=$word ;;
      'sandbox/--flap' | 'sandbox '*'/--flap') option=$word ;;
      'help/whoami') path='help whoami' args=0 ;;
      'help/profile') path='help profile' args=0 ;;
      'help/accounts') path='help accounts' args=0 ;;
      'help/status') path='help status' args=0 ;;
      'help/config') path='help config' args=0 ;;
      'help/api') path='help api' args=0 ;;
      'help/doctor') path='help doctor' args=0 ;;
      'help/completion') path='help completion' args=0 ;;
      'help/sandbox') path='help sandbox' args=0 ;;
      'help/environment') path='help environment' args=0 ;;
      'help/exit-codes') path='help exit-codes' args=0 ;;
      'help/formats') path='help formats' args=0 ;;
      'help/health') path='help health' args=0 ;;
      'help/scripting') path='help scripting' args=0 ;;
      'help accounts/show') path='help accounts show' args=0 ;;
      'help accounts/reconnect') path='help accounts reconnect' args=0 ;;
      'help accounts/wait') path='help accounts wait' args=0 ;;
      'help accounts/resync') path='help accounts resync' args=0 ;;
      'help accounts/checkpoint') path='help accounts checkpoint' args=0 ;;
      'help config/set-key') path='help config set-key' args=0 ;;
      'help config/set-key-command') path='help config set-key-command' args=0 ;;
      'help config/show') path='help config show' args=0 ;;
      'help config/unset-key') path='help config unset-key' args=0 ;;
      'help config/set-account') path='help config set-account' args=0 ;;
      'help config/unset-account') path='help config unset-account' args=0 ;;
      'help config/set-base-url') path='help config set-base-url' args=0 ;;
      'help config/unset-base-url') path='help config unset-base-url' args=0 ;;
      'help config/profiles') path='help config profiles' args=0 ;;
      'help config/use') path='help config use' args=0 ;;
      'help config/remove-profile') path='help config remove-profile' args=0 ;;
      */-*) ;;
      *) ((args++)) ;;
    esac
  done
  if [[ -n $option ]]; then
    case "$path/$option" in
    *'/--format') words='table json csv tsv nagios prometheus' ;;
    *'/--profile') words=$(pp __complete profiles -- "$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) ;;
    'whoami/--account' | 'whoami '*'/--account') words=$(pp __complete accounts -- "$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) ;;
    'whoami/--fail-on' | 'whoami '*'/--fail-on') words='warning' ;;
    'profile/--from-file' | 'profile '*'/--from-file') COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null ;;
    'profile/--fail-on' | 'profile '*'/--fail-on') words='warning' ;;
    'accounts/--output-file' | 'accounts '*'/--output-file') COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null ;;
    'accounts reconnect/--from-file' | 'accounts reconnect '*'/--from-file') COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null ;;
    'accounts wait/--until' | 'accounts wait '*'/--until') words='ok connecting' ;;
    'status/--from-file' | 'status '*'/--from-file') COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null ;;
    'status/--fail-on' | 'status '*'/--fail-on') words='warning' ;;
    'status/--output-file' | 'status '*'/--output-file') COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null ;;
    'api/-X' | 'api '*'/-X' | 'api/--method' | 'api '*'/--method') words='GET POST PUT PATCH DELETE' ;;
    'api/--input' | 'api '*'/--input') COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null ;;
    esac
  elif [[ $cur == -* ]]; then
    case $path in
      '') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'whoami') words='--account --fail-on -V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'profile') words='--from-file --concurrency --max-wait --fail-on -V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'accounts') words='--type --state --group --output-file -V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'accounts show') words='--type --state --group --output-file -V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'accounts reconnect') words='--from-file --needing --expires --name --success-url --failure-url --notify-url --dry-run -y --yes --qr --concurrency --type --state --group --output-file -V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'accounts wait') words='--until --max-wait --interval --type --state --group --output-file -V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'accounts resync') words='--wait --interval --max-wait --type --state --group --output-file -V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'accounts checkpoint') words='--code --resend --another-way --type --state --group --output-file -V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'status') words='--type --state --group --from-file --deep --all --concurrency --max-wait --fail-on --output-file --changes --no-state -V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config set-key') words='--no-verify --insecure-storage -V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config set-key-command') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config show') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config unset-key') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config set-account') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config unset-account') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config set-base-url') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config unset-base-url') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config profiles') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config use') words='--create -V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config remove-profile') words='-y --yes -V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config help') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config help set-key') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config help set-key-command') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config help show') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config help unset-key') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config help set-account') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config help unset-account') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config help set-base-url') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config help unset-base-url') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config help profiles') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config help use') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'config help remove-profile') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'api') words='-X --method -f --field --input -H --header --paginate --dry-run -V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'doctor') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'completion') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'sandbox') words='--port --latency --rate-limit --accounts --flap -V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help whoami') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help profile') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help accounts') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help accounts show') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help accounts reconnect') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help accounts wait') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help accounts resync') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help accounts checkpoint') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help status') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help config') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help config set-key') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help config set-key-command') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help config show') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help config unset-key') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help config set-account') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help config unset-account') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help config set-base-url') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help config unset-base-url') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help config profiles') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help config use') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help config remove-profile') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help api') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help doctor') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help completion') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help sandbox') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help environment') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help exit-codes') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help formats') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help health') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
      'help scripting') words='-V --version --json --format --base-url --timeout --retries --strict --sandbox --no-color --verbose --profile --width -h --help' ;;
    esac
  else
    case "$path/$args" in
      '/'*) words='whoami profile accounts status config api doctor completion sandbox help' ;;
      'whoami/0') words=$(pp __complete accounts -- "$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) ;;
      'profile/'*) words=$(pp __complete accounts -- "$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) ;;
      'accounts/'*) words='show reconnect wait resync checkpoint' ;;
      'accounts show/0') words=$(pp __complete accounts -- "$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) ;;
      'accounts reconnect/'*) words=$(pp __complete accounts -- "$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) ;;
      'accounts wait/'*) words=$(pp __complete accounts -- "$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) ;;
      'accounts resync/0') words=$(pp __complete accounts -- "$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) ;;
      'accounts checkpoint/0') words=$(pp __complete accounts -- "$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) ;;
      'status/'*) words=$(pp __complete accounts -- "$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) ;;
      'config/'*) words='set-key set-key-command show unset-key set-account unset-account set-base-url unset-base-url profiles use remove-profile help' ;;
      'config set-account/0') words=$(pp __complete accounts -- "$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) ;;
      'config use/0') words=$(pp __complete profiles -- "$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) ;;
      'config remove-profile/0') words=$(pp __complete profiles -- "$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) ;;
      'config help/'*) words='set-key set-key-command show unset-key set-account unset-account set-base-url unset-base-url profiles use remove-profile' ;;
      'api/0') words='/api/v1/accounts /api/v1/accounts/ /api/v1/accounts/checkpoint /api/v1/accounts/checkpoint/resend /api/v1/hosted/accounts/link /api/v1/users/me' ;;
      'completion/0') words='bash zsh fish' ;;
      'help/'*) words='whoami profile accounts status config api doctor completion sandbox environment exit-codes formats health scripting' ;;
      'help accounts/'*) words='show reconnect wait resync checkpoint' ;;
      'help config/'*) words='set-key set-key-command show unset-key set-account unset-account set-base-url unset-base-url profiles use remove-profile' ;;
    esac
  fi
  [[ -n $words ]] && COMPREPLY=($(compgen -W "$words" -- "$cur"))
  return 0
}

complete -F _pp pp
