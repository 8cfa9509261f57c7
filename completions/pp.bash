# bash completion for pp. Generated from the program by `npm run completions`: do not edit.
# Install: pp completion bash > ~/.local/share/bash-completion/completions/pp
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
      '/config') path='config' args=0 ;;
      '/doctor') path='doctor' args=0 ;;
      '/completion') path='completion' args=0 ;;
      '/sandbox') path='sandbox' args=0 ;;
      '/help') path='help' args=0 ;;
      *'/--base-url') option=$word ;;
      *'/--timeout') option=$word ;;
      *'/--retries') option=$word ;;
      *'/--width') option=$word ;;
      'whoami/--account' | 'whoami '*'/--account') option=$word ;;
      'whoami/--fail-on' | 'whoami '*'/--fail-on') option=$word ;;
      'profile/--from-file' | 'profile '*'/--from-file') option=$word ;;
      'profile/--concurrency' | 'profile '*'/--concurrency') option=$word ;;
      'profile/--max-wait' | 'profile '*'/--max-wait') option=$word ;;
      'profile/--fail-on' | 'profile '*'/--fail-on') option=$word ;;
      'accounts/show') path='accounts show' args=0 ;;
      'accounts/--type' | 'accounts '*'/--type') option=$word ;;
      'accounts/--state' | 'accounts '*'/--state') option=$word ;;
      'config/set-key') path='config set-key' args=0 ;;
      'config/show') path='config show' args=0 ;;
      'config/unset-key') path='config unset-key' args=0 ;;
      'config/set-account') path='config set-account' args=0 ;;
      'config/unset-account') path='config unset-account' args=0 ;;
      'config/help') path='config help' args=0 ;;
      'sandbox/--port' | 'sandbox '*'/--port') option=$word ;;
      'sandbox/--latency' | 'sandbox '*'/--latency') option=$word ;;
      'sandbox/--rate-limit' | 'sandbox '*'/--rate-limit') option=$word ;;
      'sandbox/--accounts' | 'sandbox '*'/--accounts') option=$word ;;
      */-*) ;;
      *) ((args++)) ;;
    esac
  done
  if [[ -n $option ]]; then
    case "$path/$option" in
    'whoami/--fail-on' | 'whoami '*'/--fail-on') words='warning' ;;
    'profile/--from-file' | 'profile '*'/--from-file') COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null ;;
    'profile/--fail-on' | 'profile '*'/--fail-on') words='warning' ;;
    esac
  elif [[ $cur == -* ]]; then
    case $path in
      '') words='-V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'whoami') words='--account --fail-on -V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'profile') words='--from-file --concurrency --max-wait --fail-on -V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'accounts') words='--type --state -V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'accounts show') words='--type --state -V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'config') words='-V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'config set-key') words='-V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'config show') words='-V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'config unset-key') words='-V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'config set-account') words='-V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'config unset-account') words='-V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'config help') words='-V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'doctor') words='-V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'completion') words='-V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'sandbox') words='--port --latency --rate-limit --accounts -V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
      'help') words='-V --version --json --base-url --timeout --retries --strict --sandbox --no-color --verbose --width -h --help' ;;
    esac
  else
    case "$path/$args" in
      '/'*) words='whoami profile accounts config doctor completion sandbox help' ;;
      'accounts/'*) words='show' ;;
      'config/'*) words='set-key show unset-key set-account unset-account help' ;;
      'config help/0') words='set-key show unset-key set-account unset-account' ;;
      'completion/0') words='bash zsh fish' ;;
      'help/0') words='whoami profile accounts config doctor completion sandbox' ;;
    esac
  fi
  [[ -n $words ]] && COMPREPLY=($(compgen -W "$words" -- "$cur"))
  return 0
}

complete -F _pp pp
