# fish completion for pp. Generated from the program by `npm run completions`: do not edit.
# Install: pp completion fish > ~/.config/fish/completions/pp.fish

# Prints where the cursor is: the (sub)command ("pp", "pp config"), how many arguments it
# has so far, and "value" when the cursor is on an option's value (that option completes it).
function __pp_position
    set -l path pp
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
            case 'pp/whoami'
                set path 'pp whoami'; set args 0
            case 'pp/profile'
                set path 'pp profile'; set args 0
            case 'pp/accounts'
                set path 'pp accounts'; set args 0
            case 'pp/config'
                set path 'pp config'; set args 0
            case 'pp/doctor'
                set path 'pp doctor'; set args 0
            case 'pp/completion'
                set path 'pp completion'; set args 0
            case 'pp/sandbox'
                set path 'pp sandbox'; set args 0
            case 'pp/help'
                set path 'pp help'; set args 0
            case 'pp accounts/show'
                set path 'pp accounts show'; set args 0
            case 'pp config/set-key'
                set path 'pp config set-key'; set args 0
            case 'pp config/show'
                set path 'pp config show'; set args 0
            case 'pp config/unset-key'
                set path 'pp config unset-key'; set args 0
            case 'pp config/set-account'
                set path 'pp config set-account'; set args 0
            case 'pp config/unset-account'
                set path 'pp config unset-account'; set args 0
            case 'pp config/help'
                set path 'pp config help'; set args 0
            case '*/--base-url' '*/--timeout' '*/--retries' '*/--width' 'pp whoami/--account' 'pp whoami */--account' 'pp whoami/--fail-on' 'pp whoami */--fail-on' 'pp profile/--from-file' 'pp profile */--from-file' 'pp profile/--concurrency' 'pp profile */--concurrency' 'pp profile/--max-wait' 'pp profile */--max-wait' 'pp profile/--fail-on' 'pp profile */--fail-on' 'pp accounts/--type' 'pp accounts */--type' 'pp accounts/--state' 'pp accounts */--state' 'pp sandbox/--port' 'pp sandbox */--port' 'pp sandbox/--latency' 'pp sandbox */--latency' 'pp sandbox/--rate-limit' 'pp sandbox */--rate-limit' 'pp sandbox/--accounts' 'pp sandbox */--accounts'
                set option 1
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
function __pp_at
    set -l here (__pp_position)
    test "$here[1]" = "$argv[1]"; or return 1
    set -q here[3]; and return 1
    set -q argv[2]; or return 0
    test "$here[2]" = "$argv[2]"
end

# At the (sub)command $argv[1] or one below it.
function __pp_in
    set -l here (__pp_position)
    test "$here[1]" = "$argv[1]"; or string match -q -- "$argv[1] *" "$here[1]"
end

# No file names unless an option or argument asks for them.
complete -c pp -f

# pp
complete -c pp -s V -l version -d 'print the version of pp'
complete -c pp -l json -d 'print machine-readable JSON (the API body exactly as received)'
complete -c pp -l base-url -x -d 'the API base URL (env PP_BASE_URL; default https://api.postpress.ai)'
complete -c pp -l timeout -x -d 'give up on each attempt after this long'
complete -c pp -l retries -x -d 'extra attempts on 429, 5xx and network failures'
complete -c pp -l strict -d 'fail (exit 15) when a profile does not match its documented schema'
complete -c pp -l sandbox -d 'answer from the built-in sandbox: no key, no network (env PP_SANDBOX=1)'
complete -c pp -l no-color -d 'no colour, even on a terminal (env NO_COLOR)'
complete -c pp -l verbose -d 'log each request, answer and retry on standard error (the key is masked)'
complete -c pp -l width -x -d 'lay output out in n columns (default: COLUMNS, else the terminal, else 80)'
complete -c pp -s h -l help -d 'show help'
complete -c pp -n '__pp_at \'pp\'' -a 'whoami' -d 'who the linked account’s owner is, at a glance, with any warnings'
complete -c pp -n '__pp_at \'pp\'' -a 'profile' -d 'the full provider-specific profile of one account, or a summary of many'
complete -c pp -n '__pp_at \'pp\'' -a 'accounts' -d 'the workspace’s linked accounts and their health, from the accounts list (no provider call)'
complete -c pp -n '__pp_at \'pp\'' -a 'config' -d 'store the API key and a default account'
complete -c pp -n '__pp_at \'pp\'' -a 'doctor' -d 'check the setup: config file, key, network, TLS, proxy, clock'
complete -c pp -n '__pp_at \'pp\'' -a 'completion' -d 'print the shell completion script for bash, zsh or fish'
complete -c pp -n '__pp_at \'pp\'' -a 'sandbox' -d 'serve the built-in sandbox API on 127.0.0.1 until interrupted'
complete -c pp -n '__pp_at \'pp\'' -a 'help' -d 'show help for a command, or a topic'

# pp whoami
complete -c pp -n '__pp_in \'pp whoami\'' -l account -x -d 'the account id, as the argument'
complete -c pp -n '__pp_in \'pp whoami\'' -l fail-on -x -a 'warning' -d 'exit 17 when an account answered with warnings'

# pp profile
complete -c pp -n '__pp_in \'pp profile\'' -l from-file -r -F -d 'read account ids from a file, one a line (- for standard input)'
complete -c pp -n '__pp_in \'pp profile\'' -l concurrency -x -d 'requests at once when inspecting many accounts'
complete -c pp -n '__pp_in \'pp profile\'' -l max-wait -x -d 'with many accounts: wait out rate limits this long in all, then fail the rest (exit 9)'
complete -c pp -n '__pp_in \'pp profile\'' -l fail-on -x -a 'warning' -d 'exit 17 when an account answered with warnings'

# pp accounts
complete -c pp -n '__pp_in \'pp accounts\'' -l type -x -d 'only accounts of this provider type (LINKEDIN, GOOGLE_OAUTH, IMAP…)'
complete -c pp -n '__pp_in \'pp accounts\'' -l state -x -d 'only accounts in this health state (ok, warning, connecting, action_needed, stopped, unknown)'
complete -c pp -n '__pp_at \'pp accounts\'' -a 'show' -d 'one account: its sources and what to do, dates, groups and connection settings'

# pp accounts show

# pp config
complete -c pp -n '__pp_at \'pp config\'' -a 'set-key' -d 'store the API key (hidden prompt on a terminal, standard input when piped)'
complete -c pp -n '__pp_at \'pp config\'' -a 'show' -d 'the config file, the masked key and where each setting comes from'
complete -c pp -n '__pp_at \'pp config\'' -a 'unset-key' -d 'remove the stored API key'
complete -c pp -n '__pp_at \'pp config\'' -a 'set-account' -d 'store the default account for `pp whoami`'
complete -c pp -n '__pp_at \'pp config\'' -a 'unset-account' -d 'remove the default account'
complete -c pp -n '__pp_at \'pp config\'' -a 'help' -d 'show help for a command, or a topic'

# pp config set-key

# pp config show

# pp config unset-key

# pp config set-account

# pp config unset-account

# pp config help
complete -c pp -n '__pp_at \'pp config help\' 0' -a 'set-key show unset-key set-account unset-account' -d ''

# pp doctor

# pp completion
complete -c pp -n '__pp_at \'pp completion\' 0' -a 'bash zsh fish' -d 'the shell'

# pp sandbox
complete -c pp -n '__pp_in \'pp sandbox\'' -l port -x -d 'the port (0 picks a free one)'
complete -c pp -n '__pp_in \'pp sandbox\'' -l latency -x -d 'delay every answer by this many milliseconds'
complete -c pp -n '__pp_in \'pp sandbox\'' -l rate-limit -x -d 'answer 429 beyond n requests per second'
complete -c pp -n '__pp_in \'pp sandbox\'' -l accounts -x -d 'add n generated accounts to the accounts list (acc_gen_000001...)'

# pp help
complete -c pp -n '__pp_at \'pp help\' 0' -a 'whoami profile accounts config doctor completion sandbox' -d ''
