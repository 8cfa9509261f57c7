# fish completion for pp. Generated from the program by `npm run completions`: do not edit.
# Install: mkdir -p ~/.config/fish/completions &&
#          pp completion fish > ~/.config/fish/completions/pp.fish

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
            case 'pp/status'
                set path 'pp status'; set args 0
            case 'pp/config'
                set path 'pp config'; set args 0
            case 'pp/api'
                set path 'pp api'; set args 0
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
            case 'pp accounts/reconnect'
                set path 'pp accounts reconnect'; set args 0
            case 'pp accounts/wait'
                set path 'pp accounts wait'; set args 0
            case 'pp accounts/resync'
                set path 'pp accounts resync'; set args 0
            case 'pp accounts/checkpoint'
                set path 'pp accounts checkpoint'; set args 0
            case 'pp config/set-key'
                set path 'pp config set-key'; set args 0
            case 'pp config/set-key-command'
                set path 'pp config set-key-command'; set args 0
            case 'pp config/show'
                set path 'pp config show'; set args 0
            case 'pp config/unset-key'
                set path 'pp config unset-key'; set args 0
            case 'pp config/set-account'
                set path 'pp config set-account'; set args 0
            case 'pp config/unset-account'
                set path 'pp config unset-account'; set args 0
            case 'pp config/set-base-url'
                set path 'pp config set-base-url'; set args 0
            case 'pp config/unset-base-url'
                set path 'pp config unset-base-url'; set args 0
            case 'pp config/profiles'
                set path 'pp config profiles'; set args 0
            case 'pp config/use'
                set path 'pp config use'; set args 0
            case 'pp config/remove-profile'
                set path 'pp config remove-profile'; set args 0
            case 'pp config/help'
                set path 'pp config help'; set args 0
            case 'pp config help/set-key'
                set path 'pp config help set-key'; set args 0
            case 'pp config help/set-key-command'
                set path 'pp config help set-key-command'; set args 0
            case 'pp config help/show'
                set path 'pp config help show'; set args 0
            case 'pp config help/unset-key'
                set path 'pp config help unset-key'; set args 0
            case 'pp config help/set-account'
                set path 'pp config help set-account'; set args 0
            case 'pp config help/unset-account'
                set path 'pp config help unset-account'; set args 0
            case 'pp config help/set-base-url'
                set path 'pp config help set-base-url'; set args 0
            case 'pp config help/unset-base-url'
                set path 'pp config help unset-base-url'; set args 0
            case 'pp config help/profiles'
                set path 'pp config help profiles'; set args 0
            case 'pp config help/use'
                set path 'pp config help use'; set args 0
            case 'pp config help/remove-profile'
                set path 'pp config help remove-profile'; set args 0
            case 'pp help/whoami'
                set path 'pp help whoami'; set args 0
            case 'pp help/profile'
                set path 'pp help profile'; set args 0
            case 'pp help/accounts'
                set path 'pp help accounts'; set args 0
            case 'pp help/status'
                set path 'pp help status'; set args 0
            case 'pp help/config'
                set path 'pp help config'; set args 0
            case 'pp help/api'
                set path 'pp help api'; set args 0
            case 'pp help/doctor'
                set path 'pp help doctor'; set args 0
            case 'pp help/completion'
                set path 'pp help completion'; set args 0
            case 'pp help/sandbox'
                set path 'pp help sandbox'; set args 0
            case 'pp help/environment'
                set path 'pp help environment'; set args 0
            case 'pp help/exit-codes'
                set path 'pp help exit-codes'; set args 0
            case 'pp help/formats'
                set path 'pp help formats'; set args 0
            case 'pp help/health'
                set path 'pp help health'; set args 0
            case 'pp help/scripting'
                set path 'pp help scripting'; set args 0
            case 'pp help accounts/show'
                set path 'pp help accounts show'; set args 0
            case 'pp help accounts/reconnect'
                set path 'pp help accounts reconnect'; set args 0
            case 'pp help accounts/wait'
                set path 'pp help accounts wait'; set args 0
            case 'pp help accounts/resync'
                set path 'pp help accounts resync'; set args 0
            case 'pp help accounts/checkpoint'
                set path 'pp help accounts checkpoint'; set args 0
            case 'pp help config/set-key'
                set path 'pp help config set-key'; set args 0
            case 'pp help config/set-key-command'
                set path 'pp help config set-key-command'; set args 0
            case 'pp help config/show'
                set path 'pp help config show'; set args 0
            case 'pp help config/unset-key'
                set path 'pp help config unset-key'; set args 0
            case 'pp help config/set-account'
                set path 'pp help config set-account'; set args 0
            case 'pp help config/unset-account'
                set path 'pp help config unset-account'; set args 0
            case 'pp help config/set-base-url'
                set path 'pp help config set-base-url'; set args 0
            case 'pp help config/unset-base-url'
                set path 'pp help config unset-base-url'; set args 0
            case 'pp help config/profiles'
                set path 'pp help config profiles'; set args 0
            case 'pp help config/use'
                set path 'pp help config use'; set args 0
            case 'pp help config/remove-profile'
                set path 'pp help config remove-profile'; set args 0
            case '*/--format' '*/--base-url' '*/--timeout' '*/--retries' '*/--profile' '*/--width' 'pp whoami/--account' 'pp whoami */--account' 'pp whoami/--fail-on' 'pp whoami */--fail-on' 'pp profile/--from-file' 'pp profile */--from-file' 'pp profile/--concurrency' 'pp profile */--concurrency' 'pp profile/--max-wait' 'pp profile */--max-wait' 'pp profile/--fail-on' 'pp profile */--fail-on' 'pp accounts/--type' 'pp accounts */--type' 'pp accounts/--state' 'pp accounts */--state' 'pp accounts/--group' 'pp accounts */--group' 'pp accounts/--output-file' 'pp accounts */--output-file' 'pp accounts reconnect/--from-file' 'pp accounts reconnect */--from-file' 'pp accounts reconnect/--expires' 'pp accounts reconnect */--expires' 'pp accounts reconnect/--name' 'pp accounts reconnect */--name' 'pp accounts reconnect/--success-url' 'pp accounts reconnect */--success-url' 'pp accounts reconnect/--failure-url' 'pp accounts reconnect */--failure-url' 'pp accounts reconnect/--notify-url' 'pp accounts reconnect */--notify-url' 'pp accounts reconnect/--concurrency' 'pp accounts reconnect */--concurrency' 'pp accounts wait/--until' 'pp accounts wait */--until' 'pp accounts wait/--max-wait' 'pp accounts wait */--max-wait' 'pp accounts wait/--interval' 'pp accounts wait */--interval' 'pp accounts resync/--interval' 'pp accounts resync */--interval' 'pp accounts resync/--max-wait' 'pp accounts resync */--max-wait' 'pp accounts checkpoint/--code' 'pp accounts checkpoint */--code' 'pp status/--type' 'pp status */--type' 'pp status/--state' 'pp status */--state' 'pp status/--group' 'pp status */--group' 'pp status/--from-file' 'pp status */--from-file' 'pp status/--concurrency' 'pp status */--concurrency' 'pp status/--max-wait' 'pp status */--max-wait' 'pp status/--fail-on' 'pp status */--fail-on' 'pp status/--output-file' 'pp status */--output-file' 'pp api/-X' 'pp api */-X' 'pp api/--method' 'pp api */--method' 'pp api/-f' 'pp api */-f' 'pp api/--field' 'pp api */--field' 'pp api/--input' 'pp api */--input' 'pp api/-H' 'pp api */-H' 'pp api/--header' 'pp api */--header' 'pp sandbox/--port' 'pp sandbox */--port' 'pp sandbox/--latency' 'pp sandbox */--latency' 'pp sandbox/--rate-limit' 'pp sandbox */--rate-limit' 'pp sandbox/--accounts' 'pp sandbox */--accounts' 'pp sandbox/--flap' 'pp sandbox */--flap'
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

# Values known only when Tab is pressed (account ids, profiles): pp prints them, from local
# files only, told the words typed so far.
function __pp_values
    set -l words (commandline -opc)
    set -e words[1]
    pp __complete $argv[1] -- (commandline -ct) $words 2>/dev/null
end

# No file names unless an option or argument asks for them.
complete -c pp -f

# pp
complete -c pp -s V -l version -d 'print the version of pp'
complete -c pp -l json -d 'print machine-readable JSON (the API body exactly as received)'
complete -c pp -l format -x -a 'table json csv tsv nagios prometheus'
complete -c pp -l format -x -d 'table, json, csv, tsv, nagios or prometheus, where the command takes it'
complete -c pp -l base-url -x -d 'the API base URL (env PP_BASE_URL; default https://api.postpress.ai)'
complete -c pp -l timeout -x -d 'give up on each attempt after this long'
complete -c pp -l retries -x -d 'extra attempts on 429, 5xx and network failures'
complete -c pp -l strict -d 'fail (exit 15) when a profile does not match its documented schema'
complete -c pp -l sandbox -d 'answer from the built-in sandbox: no key, no network (env PP_SANDBOX=1)'
complete -c pp -l no-color -d 'no colour, even on a terminal (env NO_COLOR)'
complete -c pp -l verbose -d 'log each request, answer and retry on standard error (the key is masked)'
complete -c pp -l profile -x -a '(__pp_values profiles)'
complete -c pp -l profile -x -d 'the profile to use (env PP_PROFILE; default: the active one)'
complete -c pp -l width -x -d 'lay output out in n columns (default: COLUMNS, else the terminal, else 80)'
complete -c pp -s h -l help -d 'show help'
complete -c pp -n '__pp_at \'pp\'' -a 'whoami' -d 'who the linked account’s owner is, at a glance, with any warnings'
complete -c pp -n '__pp_at \'pp\'' -a 'profile' -d 'the full provider-specific profile of one account, or a summary of many'
complete -c pp -n '__pp_at \'pp\'' -a 'accounts' -d 'the workspace’s linked accounts and their health, from the accounts list (no provider call)'
complete -c pp -n '__pp_at \'pp\'' -a 'status' -d 'the health check for scripts and monitoring: every account’s verdict, a summary and an exit code'
complete -c pp -n '__pp_at \'pp\'' -a 'config' -d 'store the API key, base URL and default account of each profile'
complete -c pp -n '__pp_at \'pp\'' -a 'api' -d 'any endpoint of the API, with pp’s key and retries: the answer as received'
complete -c pp -n '__pp_at \'pp\'' -a 'doctor' -d 'check the setup: config file, key, network, TLS, proxy, clock'
complete -c pp -n '__pp_at \'pp\'' -a 'completion' -d 'print the shell completion script for bash, zsh or fish'
complete -c pp -n '__pp_at \'pp\'' -a 'sandbox' -d 'serve the built-in sandbox API on 127.0.0.1 until interrupted'
complete -c pp -n '__pp_at \'pp\'' -a 'help' -d 'show help for a command, or a topic'

# pp whoami
complete -c pp -n '__pp_in \'pp whoami\'' -l account -x -a '(__pp_values accounts)'
complete -c pp -n '__pp_in \'pp whoami\'' -l account -x -d 'the account id, as the argument'
complete -c pp -n '__pp_in \'pp whoami\'' -l fail-on -x -a 'warning'
complete -c pp -n '__pp_in \'pp whoami\'' -l fail-on -x -d 'exit 17 when an account answered with warnings'
complete -c pp -n '__pp_at \'pp whoami\' 0' -a '(__pp_values accounts)'

# pp profile
complete -c pp -n '__pp_in \'pp profile\'' -l from-file -r -F -d 'read account ids from a file, one a line (- for standard input)'
complete -c pp -n '__pp_in \'pp profile\'' -l concurrency -x -d 'requests at once when inspecting many accounts'
complete -c pp -n '__pp_in \'pp profile\'' -l max-wait -x -d 'with many accounts: wait out rate limits this long in all (90, 90s, 10m), then fail the rest (exit 9)'
complete -c pp -n '__pp_in \'pp profile\'' -l fail-on -x -a 'warning'
complete -c pp -n '__pp_in \'pp profile\'' -l fail-on -x -d 'exit 17 when an account answered with warnings'
complete -c pp -n '__pp_at \'pp profile\'' -a '(__pp_values accounts)'

# pp accounts
complete -c pp -n '__pp_in \'pp accounts\'' -l type -x -d 'only accounts of this provider type (LINKEDIN, GOOGLE_OAUTH, IMAP…)'
complete -c pp -n '__pp_in \'pp accounts\'' -l state -x -d 'only accounts in this health state (ok, warning, connecting, action_needed, stopped, unknown)'
complete -c pp -n '__pp_in \'pp accounts\'' -l group -x -d 'only accounts in this group (the account’s groups)'
complete -c pp -n '__pp_in \'pp accounts\'' -l output-file -r -F -d 'write the output to this file instead, replaced whole (a temporary file beside it, renamed over it); a new file is made 0644 so that a collector running as another user can read it, an existing one keeps its mode'
complete -c pp -n '__pp_at \'pp accounts\'' -a 'show' -d 'one account: its sources and what to do, dates, groups and connection settings'
complete -c pp -n '__pp_at \'pp accounts\'' -a 'reconnect' -d 'a fresh hosted link per account that its owner opens to reconnect it, and when it expires'
complete -c pp -n '__pp_at \'pp accounts\'' -a 'wait' -d 'wait until accounts are back (ok; or connecting with --until connecting)'
complete -c pp -n '__pp_at \'pp accounts\'' -a 'resync' -d 'start a resync of a LinkedIn or Telegram account’s history; --wait follows it'
complete -c pp -n '__pp_at \'pp accounts\'' -a 'checkpoint' -d 'solve a 2FA or one-time-code checkpoint: the code asked (not shown) or piped in'

# pp accounts show
complete -c pp -n '__pp_at \'pp accounts show\' 0' -a '(__pp_values accounts)'

# pp accounts reconnect
complete -c pp -n '__pp_in \'pp accounts reconnect\'' -l from-file -r -F -d 'the account ids in this file, one a line (- for standard input)'
complete -c pp -n '__pp_in \'pp accounts reconnect\'' -l needing -d 'every account of the workspace whose health is action_needed or stopped (--type, --state, --group narrow it)'
complete -c pp -n '__pp_in \'pp accounts reconnect\'' -l expires -x -d 'how long the links work, at most 24h (they also die at the service’s daily restart)'
complete -c pp -n '__pp_in \'pp accounts reconnect\'' -l name -x -d 'a name sent to --notify-url with the result (default: the account id)'
complete -c pp -n '__pp_in \'pp accounts reconnect\'' -l success-url -x -d 'where the owner lands once reconnected'
complete -c pp -n '__pp_in \'pp accounts reconnect\'' -l failure-url -x -d 'where the owner lands if it failed'
complete -c pp -n '__pp_in \'pp accounts reconnect\'' -l notify-url -x -d 'a webhook postpress calls when the owner is done'
complete -c pp -n '__pp_in \'pp accounts reconnect\'' -l dry-run -d 'print each request that would be sent (the key masked), and send none'
complete -c pp -n '__pp_in \'pp accounts reconnect\'' -s y -l yes -d 'do not ask first (required off a terminal for more than one account)'
complete -c pp -n '__pp_in \'pp accounts reconnect\'' -l qr -d 'on a terminal, also draw each link as a QR code for the owner to scan'
complete -c pp -n '__pp_in \'pp accounts reconnect\'' -l concurrency -x -d 'requests at once'
complete -c pp -n '__pp_at \'pp accounts reconnect\'' -a '(__pp_values accounts)'

# pp accounts wait
complete -c pp -n '__pp_in \'pp accounts wait\'' -l until -x -a 'ok connecting'
complete -c pp -n '__pp_in \'pp accounts wait\'' -l until -x -d 'the state to wait for: ok, or connecting (connecting or better)'
complete -c pp -n '__pp_in \'pp accounts wait\'' -l max-wait -x -d 'give up after this long (90, 90s, 10m, 2h), then exit 18'
complete -c pp -n '__pp_in \'pp accounts wait\'' -l interval -x -d 'check this often (longer after errors)'
complete -c pp -n '__pp_at \'pp accounts wait\'' -a '(__pp_values accounts)'

# pp accounts resync
complete -c pp -n '__pp_in \'pp accounts resync\'' -l wait -d 'follow it until it is done (exit 0) or failed (exit 10)'
complete -c pp -n '__pp_in \'pp accounts resync\'' -l interval -x -d 'with --wait: ask this often (longer after errors)'
complete -c pp -n '__pp_in \'pp accounts resync\'' -l max-wait -x -d 'with --wait: give up after this long, then exit 18'
complete -c pp -n '__pp_at \'pp accounts resync\' 0' -a '(__pp_values accounts)'

# pp accounts checkpoint
complete -c pp -n '__pp_in \'pp accounts checkpoint\'' -l code -x -d 'the code (else asked on a terminal, or read from standard input)'
complete -c pp -n '__pp_in \'pp accounts checkpoint\'' -l resend -d 'have the code sent to the owner again'
complete -c pp -n '__pp_in \'pp accounts checkpoint\'' -l another-way -d 'ask the provider for another kind of checkpoint'
complete -c pp -n '__pp_at \'pp accounts checkpoint\' 0' -a '(__pp_values accounts)'

# pp status
complete -c pp -n '__pp_in \'pp status\'' -l type -x -d 'only accounts of this provider type (LINKEDIN, GOOGLE_OAUTH, IMAP…)'
complete -c pp -n '__pp_in \'pp status\'' -l state -x -d 'only accounts in this health state (ok, warning, connecting, action_needed, stopped, unknown)'
complete -c pp -n '__pp_in \'pp status\'' -l group -x -d 'only accounts in this group (the account’s groups)'
complete -c pp -n '__pp_in \'pp status\'' -l from-file -r -F -d 'only the account ids in this file, one a line (- for standard input)'
complete -c pp -n '__pp_in \'pp status\'' -l deep -d 'also call the providers: users/me of each account whose sources are all OK (seat and restriction warnings)'
complete -c pp -n '__pp_in \'pp status\'' -l all -d 'table: a row for every account, not only those that are not ok'
complete -c pp -n '__pp_in \'pp status\'' -l concurrency -x -d 'requests at once with --deep'
complete -c pp -n '__pp_in \'pp status\'' -l max-wait -x -d 'with --deep: wait out rate limits this long in all (90, 90s, 10m), then fail the rest (exit 9)'
complete -c pp -n '__pp_in \'pp status\'' -l fail-on -x -a 'warning'
complete -c pp -n '__pp_in \'pp status\'' -l fail-on -x -d 'exit 17 when an account answered with warnings'
complete -c pp -n '__pp_in \'pp status\'' -l output-file -r -F -d 'write the output to this file instead, replaced whole (a temporary file beside it, renamed over it); a new file is made 0644 so that a collector running as another user can read it, an existing one keeps its mode'
complete -c pp -n '__pp_in \'pp status\'' -l changes -d 'only the accounts whose state changed since the last run; the exit code is theirs alone'
complete -c pp -n '__pp_in \'pp status\'' -l no-state -d 'neither read nor write what pp status remembers (PP_STATE_DIR)'
complete -c pp -n '__pp_at \'pp status\'' -a '(__pp_values accounts)'

# pp config
complete -c pp -n '__pp_at \'pp config\'' -a 'set-key' -d 'store the API key (hidden prompt on a terminal, standard input when piped)'
complete -c pp -n '__pp_at \'pp config\'' -a 'set-key-command' -d 'store a command that prints the key (run by /bin/sh when a key is needed)'
complete -c pp -n '__pp_at \'pp config\'' -a 'show' -d 'the config file, the profile, the masked key and where each setting comes from'
complete -c pp -n '__pp_at \'pp config\'' -a 'unset-key' -d 'remove the stored API key (its keychain entry too)'
complete -c pp -n '__pp_at \'pp config\'' -a 'set-account' -d 'store the default account for `pp whoami`'
complete -c pp -n '__pp_at \'pp config\'' -a 'unset-account' -d 'remove the default account'
complete -c pp -n '__pp_at \'pp config\'' -a 'set-base-url' -d 'store the API base URL of the profile'
complete -c pp -n '__pp_at \'pp config\'' -a 'unset-base-url' -d 'remove the stored base URL (back to the default)'
complete -c pp -n '__pp_at \'pp config\'' -a 'profiles' -d 'list the profiles: key and its storage, base URL, account, which is active'
complete -c pp -n '__pp_at \'pp config\'' -a 'use' -d 'make a profile the active one (--create: a new, empty one)'
complete -c pp -n '__pp_at \'pp config\'' -a 'remove-profile' -d 'delete a profile and its stored key (keychain entry included)'
complete -c pp -n '__pp_at \'pp config\'' -a 'help' -d 'show help for a command'

# pp config set-key
complete -c pp -n '__pp_in \'pp config set-key\'' -l no-verify -d 'store it without checking it with the API first'
complete -c pp -n '__pp_in \'pp config set-key\'' -l insecure-storage -d 'store it in the config file (plain text), not the keychain'

# pp config set-key-command

# pp config show

# pp config unset-key

# pp config set-account
complete -c pp -n '__pp_at \'pp config set-account\' 0' -a '(__pp_values accounts)'

# pp config unset-account

# pp config set-base-url

# pp config unset-base-url

# pp config profiles

# pp config use
complete -c pp -n '__pp_in \'pp config use\'' -l create -d 'make the profile if it does not exist yet'
complete -c pp -n '__pp_at \'pp config use\' 0' -a '(__pp_values profiles)'

# pp config remove-profile
complete -c pp -n '__pp_in \'pp config remove-profile\'' -s y -l yes -d 'do not ask (required when standard input is not a terminal)'
complete -c pp -n '__pp_at \'pp config remove-profile\' 0' -a '(__pp_values profiles)'

# pp config help
complete -c pp -n '__pp_at \'pp config help\'' -a 'set-key' -d 'store the API key (hidden prompt on a terminal, standard input when piped)'
complete -c pp -n '__pp_at \'pp config help\'' -a 'set-key-command' -d 'store a command that prints the key (run by /bin/sh when a key is needed)'
complete -c pp -n '__pp_at \'pp config help\'' -a 'show' -d 'the config file, the profile, the masked key and where each setting comes from'
complete -c pp -n '__pp_at \'pp config help\'' -a 'unset-key' -d 'remove the stored API key (its keychain entry too)'
complete -c pp -n '__pp_at \'pp config help\'' -a 'set-account' -d 'store the default account for `pp whoami`'
complete -c pp -n '__pp_at \'pp config help\'' -a 'unset-account' -d 'remove the default account'
complete -c pp -n '__pp_at \'pp config help\'' -a 'set-base-url' -d 'store the API base URL of the profile'
complete -c pp -n '__pp_at \'pp config help\'' -a 'unset-base-url' -d 'remove the stored base URL (back to the default)'
complete -c pp -n '__pp_at \'pp config help\'' -a 'profiles' -d 'list the profiles: key and its storage, base URL, account, which is active'
complete -c pp -n '__pp_at \'pp config help\'' -a 'use' -d 'make a profile the active one (--create: a new, empty one)'
complete -c pp -n '__pp_at \'pp config help\'' -a 'remove-profile' -d 'delete a profile and its stored key (keychain entry included)'

# pp config help set-key

# pp config help set-key-command

# pp config help show

# pp config help unset-key

# pp config help set-account

# pp config help unset-account

# pp config help set-base-url

# pp config help unset-base-url

# pp config help profiles

# pp config help use

# pp config help remove-profile

# pp api
complete -c pp -n '__pp_in \'pp api\'' -s X -l method -x -a 'GET POST PUT PATCH DELETE'
complete -c pp -n '__pp_in \'pp api\'' -s X -l method -x -d 'GET (the default), POST, PUT, PATCH or DELETE'
complete -c pp -n '__pp_in \'pp api\'' -s f -l field -x -d 'a field of the JSON body (the query for GET); repeat it'
complete -c pp -n '__pp_in \'pp api\'' -l input -r -F -d 'the request body, as sent: a file, or - for standard input'
complete -c pp -n '__pp_in \'pp api\'' -s H -l header -x -d 'one more request header; repeat it'
complete -c pp -n '__pp_in \'pp api\'' -l paginate -d 'follow cursor/next_cursor: every page’s items as NDJSON'
complete -c pp -n '__pp_in \'pp api\'' -l dry-run -d 'print the request (the key masked) and send nothing'
complete -c pp -n '__pp_at \'pp api\' 0' -a '/api/v1/accounts /api/v1/accounts/ /api/v1/accounts/checkpoint /api/v1/accounts/checkpoint/resend /api/v1/hosted/accounts/link /api/v1/users/me'

# pp doctor

# pp completion
complete -c pp -n '__pp_at \'pp completion\' 0' -a 'bash zsh fish'

# pp sandbox
complete -c pp -n '__pp_in \'pp sandbox\'' -l port -x -d 'the port (0 picks a free one)'
complete -c pp -n '__pp_in \'pp sandbox\'' -l latency -x -d 'delay every answer by this many milliseconds'
complete -c pp -n '__pp_in \'pp sandbox\'' -l rate-limit -x -d 'answer 429 beyond n requests per second'
complete -c pp -n '__pp_in \'pp sandbox\'' -l accounts -x -d 'add n generated accounts to the accounts list (acc_gen_000001...)'
complete -c pp -n '__pp_in \'pp sandbox\'' -l flap -x -d 'this account of the list changes state each time the list is read (again for more)'

# pp help
complete -c pp -n '__pp_at \'pp help\'' -a 'whoami' -d 'who the linked account’s owner is, at a glance, with any warnings'
complete -c pp -n '__pp_at \'pp help\'' -a 'profile' -d 'the full provider-specific profile of one account, or a summary of many'
complete -c pp -n '__pp_at \'pp help\'' -a 'accounts' -d 'the workspace’s linked accounts and their health, from the accounts list (no provider call)'
complete -c pp -n '__pp_at \'pp help\'' -a 'status' -d 'the health check for scripts and monitoring: every account’s verdict, a summary and an exit code'
complete -c pp -n '__pp_at \'pp help\'' -a 'config' -d 'store the API key, base URL and default account of each profile'
complete -c pp -n '__pp_at \'pp help\'' -a 'api' -d 'any endpoint of the API, with pp’s key and retries: the answer as received'
complete -c pp -n '__pp_at \'pp help\'' -a 'doctor' -d 'check the setup: config file, key, network, TLS, proxy, clock'
complete -c pp -n '__pp_at \'pp help\'' -a 'completion' -d 'print the shell completion script for bash, zsh or fish'
complete -c pp -n '__pp_at \'pp help\'' -a 'sandbox' -d 'serve the built-in sandbox API on 127.0.0.1 until interrupted'
complete -c pp -n '__pp_at \'pp help\'' -a 'environment' -d 'environment variables, the config file, precedence'
complete -c pp -n '__pp_at \'pp help\'' -a 'exit-codes' -d 'what each exit code means, and which are transient'
complete -c pp -n '__pp_at \'pp help\'' -a 'formats' -d 'tables, --json, NDJSON, csv, nagios, prometheus, errors'
complete -c pp -n '__pp_at \'pp help\'' -a 'health' -d 'warnings and errors about an account; sandbox ids'
complete -c pp -n '__pp_at \'pp help\'' -a 'scripting' -d 'recipes: jq, exit codes, cron, monitoring, CI, sandbox'

# pp help whoami

# pp help profile

# pp help accounts
complete -c pp -n '__pp_at \'pp help accounts\'' -a 'show' -d 'one account: its sources and what to do, dates, groups and connection settings'
complete -c pp -n '__pp_at \'pp help accounts\'' -a 'reconnect' -d 'a fresh hosted link per account that its owner opens to reconnect it, and when it expires'
complete -c pp -n '__pp_at \'pp help accounts\'' -a 'wait' -d 'wait until accounts are back (ok; or connecting with --until connecting)'
complete -c pp -n '__pp_at \'pp help accounts\'' -a 'resync' -d 'start a resync of a LinkedIn or Telegram account’s history; --wait follows it'
complete -c pp -n '__pp_at \'pp help accounts\'' -a 'checkpoint' -d 'solve a 2FA or one-time-code checkpoint: the code asked (not shown) or piped in'

# pp help accounts show

# pp help accounts reconnect

# pp help accounts wait

# pp help accounts resync

# pp help accounts checkpoint

# pp help status

# pp help config
complete -c pp -n '__pp_at \'pp help config\'' -a 'set-key' -d 'store the API key (hidden prompt on a terminal, standard input when piped)'
complete -c pp -n '__pp_at \'pp help config\'' -a 'set-key-command' -d 'store a command that prints the key (run by /bin/sh when a key is needed)'
complete -c pp -n '__pp_at \'pp help config\'' -a 'show' -d 'the config file, the profile, the masked key and where each setting comes from'
complete -c pp -n '__pp_at \'pp help config\'' -a 'unset-key' -d 'remove the stored API key (its keychain entry too)'
complete -c pp -n '__pp_at \'pp help config\'' -a 'set-account' -d 'store the default account for `pp whoami`'
complete -c pp -n '__pp_at \'pp help config\'' -a 'unset-account' -d 'remove the default account'
complete -c pp -n '__pp_at \'pp help config\'' -a 'set-base-url' -d 'store the API base URL of the profile'
complete -c pp -n '__pp_at \'pp help config\'' -a 'unset-base-url' -d 'remove the stored base URL (back to the default)'
complete -c pp -n '__pp_at \'pp help config\'' -a 'profiles' -d 'list the profiles: key and its storage, base URL, account, which is active'
complete -c pp -n '__pp_at \'pp help config\'' -a 'use' -d 'make a profile the active one (--create: a new, empty one)'
complete -c pp -n '__pp_at \'pp help config\'' -a 'remove-profile' -d 'delete a profile and its stored key (keychain entry included)'

# pp help config set-key

# pp help config set-key-command

# pp help config show

# pp help config unset-key

# pp help config set-account

# pp help config unset-account

# pp help config set-base-url

# pp help config unset-base-url

# pp help config profiles

# pp help config use

# pp help config remove-profile

# pp help api

# pp help doctor

# pp help completion

# pp help sandbox

# pp help environment

# pp help exit-codes

# pp help formats

# pp help health

# pp help scripting
