// The user's manual, for the terminal: `pp help <topic>`. Plain text that reads offline and fits a
// terminal of 60 columns (test/unit/help-topics.test.ts holds every line to that and checks that
// each topic still says what it must). Each text ends with one newline, ready to print as it is.
// Only what pp does today is described here; the README points to these topics.
import { sandboxIdsHelp } from '../sandbox/ids.js';
import type { HelpTopicName } from './topic-names.js';

export interface HelpTopic {
  /** One short line, for a list of the topics. */
  summary: string;
  /** The topic itself: plain text, no line over 60 columns. */
  text: string;
}

const environment = `ENVIRONMENT: where pp finds its settings

Each setting comes from the first place that has it:

  1. a flag           --account, --base-url
  2. the environment  PP_ACCOUNT_ID, PP_BASE_URL, ...
  3. the profile      pp config set-key, set-account,
                      set-base-url (in the config file)
  4. the default      https://api.postpress.ai

In short: flag > environment > profile > default. The
profile is --profile, else PP_PROFILE, else the active
one (\`pp config use\`), else "default".
\`pp config show\` prints each setting with where it came
from. Values are trimmed, and an empty or blank variable
counts as unset. An empty flag value (--account "") is a
usage error (exit 2), never some other account.

VARIABLES

PP_API_KEY
    The API key. Wins over the profile's key, wherever
    it is kept (keychain, file or key command). pp never
    prints it: it shows the key masked, as
    pp_live_…8GR2, --verbose included. A "key" longer
    than 4,096 characters, wherever it comes from, is
    refused (exit 3) and not shown.

PP_PROFILE
    The profile to use when --profile is absent; wins
    over the active one. Names: letters, digits, ".",
    "_" and "-", starting with a letter or digit, at
    most 64 characters. A profile that does not exist
    is exit 3, naming those that do.

PP_ACCOUNT_ID
    The account for \`pp whoami\` and \`pp profile\` when
    none is given. Wins over \`pp config set-account\`.

PP_BASE_URL
    The API's base URL, default https://api.postpress.ai.
    --base-url wins over it. An http:// URL is refused
    (exit 2) unless its host is loopback (localhost,
    127.0.0.0/8, ::1): the key must not cross a network
    in clear text. A query (?...) or fragment (#...) is
    refused too.

PP_CONFIG_DIR
    The folder holding config.json. Default:
    $XDG_CONFIG_HOME/postpress when that is an absolute
    path, else ~/.config/postpress. pp writes the file
    atomically, mode 0600, in a folder made 0700, under
    a lock (config.json.lock; one left by a pp that
    stopped is taken over, and pp doctor names it). It
    holds the profiles (where each key is kept,
    accountId, baseUrl); other keys you add are kept. A
    file that is not valid JSON, or larger than 8 MB,
    is exit 3 and is never rewritten. Beside it, cache/
    keeps the account ids pp accounts read, for Tab:
    read like config.json (only a file of yours, not
    writable by others, in folders of yours, at most
    2 MB), or not at all.

PP_STATE_DIR
    The folder holding what pp status remembers of each
    account, one folder per profile:
    PP_STATE_DIR/<profile>/accounts.json (--sandbox:
    <profile>/sandbox/accounts.json). Default:
    $XDG_STATE_HOME/postpress when that is an absolute
    path, else ~/.local/state/postpress. Written like
    config.json: atomically, mode 0600, in a folder
    made 0700, under a lock. A file pp cannot use
    (corrupt, a symlink, someone else's, writable by
    others) is set aside with a warning, kept as
    accounts.json.corrupt-<time> when it is yours; pp
    status then starts afresh. A run that changed
    nothing leaves it as it is and sets its time: when
    pp status last checked (pp accounts show). pp
    status --no-state neither reads nor writes it.

PP_SANDBOX
    1 or true: the same as --sandbox. Every command
    answers from the built-in sandbox: no key, no
    network (see \`pp help scripting\`).

NO_COLOR
    Any non-empty value: no colour.

FORCE_COLOR
    1: colour even when the output is not a terminal;
    0 or false: no colour. NO_COLOR wins over it, and
    --no-color wins over both. Without any of them,
    colour only on a terminal.

HTTPS_PROXY, HTTP_PROXY
    Requests go through this proxy (HTTPS_PROXY first;
    lower-case names work too), in a CONNECT tunnel: the
    proxy never sees the key or the answer. http:// and
    https:// proxies work; a login goes in the URL,
    URL-encoded:
      http://user:p%40ss@proxy.example:3128
    A value pp cannot use (not a URL, socks5://) is exit
    2, not a silent direct connection.

NO_PROXY
    Hosts that do not go through the proxy, separated by
    commas: example.com (its subdomains too),
    .example.com, host:port, IP addresses, [::1], or *
    for all. Loopback http:// base URLs never use the
    proxy.

COLUMNS
    The width output is laid out in, over the terminal's
    own (in a pipe: 80 when unset). --width n wins.

pp doctor names every PP_* variable that is set, and
warns when one hides a value stored in the config file.
`;

const exitCodes = `EXIT CODES: what each one means

Scripts can rely on these codes; \`pp help scripting\`
shows how to read them in a shell.

  0  success
  1  unexpected failure (a bug)
  2  usage error: unknown command or option, missing
     argument, bad option value, no account given, an
     http:// base URL whose host is not loopback
  3  configuration error: no API key anywhere, one
     longer than 4,096 characters, an unreadable or
     invalid config file
  4  the API key was refused: HTTP 401
     errors/missing_credentials, invalid_credentials,
     insufficient_privileges, or a 401 with no type
  5  the linked account needs its owner to act
     (reconnect it, solve a checkpoint, grant
     permissions, restart it): every other 401 type,
     listed in \`pp help health\`
  6  forbidden or restricted: HTTP 403
  7  not found: HTTP 404
  8  request rejected: HTTP 422, and any other 4xx
  9  rate limited (retries used up): HTTP 429
 10  server or provider error: HTTP 500, and any
     other 5xx not below
 11  not implemented: HTTP 501
 12  service unavailable: HTTP 502, 503
 13  gateway timeout: HTTP 504
 14  network failure: no HTTP answer (DNS, refused
     connection, TLS failure, the --timeout ran out)
 15  invalid response: an answer that is not well-
     formed HTTP (a 204 with a body), a 2xx whose body
     is not a JSON object with a provider, a list
     whose cursor pp cannot follow, or (with --strict)
     one that does not match its provider's schema
 16  mixed failures: several accounts failed with
     different codes
 17  answered, with warnings: only with --fail-on
     warning, when every account answered and one has
     warnings (a seat disconnected, a restriction)
 18  still waiting: pp accounts wait (or resync --wait)
     ran out of --max-wait before every account got
     there
130  interrupted (Ctrl-C)
143  terminated (SIGTERM: what cron, systemd and CI
     send on a timeout): handled like Ctrl-C. A
     machine format still writes its failure
     (pp_status_success 0; PP UNKNOWN, exit 3, in
     nagios); --output-file keeps the old file.

TRANSIENT: 9, 12, 13 and 14. Trying again later may
succeed; their --json errors say "retryable": true.
pp has already retried them --retries times (default
2) before it gives up. The other codes need something
changed first: the key, the id, the account itself.

MANY ACCOUNTS (pp profile with several ids or
--from-file): 0 when every account succeeded; when all
failures share one code, that code (three disconnected
accounts exit 5); when they differ, 16. Seat and
restriction warnings are not failures: they exit 0,
or 17 with --fail-on warning when nothing failed.

FIXING ACCOUNTS: pp accounts reconnect exits as many
accounts do (0 every link made, the shared code of
those that failed, else 16). pp accounts wait: 0 when
every account got there, 18 when --max-wait ran out
first, an account's own code when it cannot be read (a
wrong id: 7), 16 when these differ. pp accounts resync:
8 for an account that is not LinkedIn or Telegram
(nothing started), 10 on SYNC_ERROR, 18 when --wait ran
out of --max-wait. pp accounts checkpoint: 5 for a
wrong code, whatever the HTTP status it came with.

PP STATUS: 0 when every account is ok; 5 when one is
action_needed or stopped; an unknown account (not in
the workspace, or --deep could not read it) adds its
error's code, and different codes make 16. warning and
connecting exit 0, or 17 with --fail-on warning. With
--changes only the accounts that changed count: a
standing problem exits 0, a new one 5 (or 17). With
--format nagios the plugin codes replace all of these:
0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (any failure of
the check itself, a bad option included).
`;

const formats = `FORMATS: what pp prints, for a person and a script

Standard output carries the result and nothing else.
Errors, warnings, the progress line and --verbose lines
go to standard error; so does the count line after a
table. A machine format (json, csv, tsv, nagios,
prometheus) writes that count only when standard error
is a terminal: a check that succeeds from cron prints
nothing there, so cron sends no mail.

FOR A PERSON (the default)
  pp whoami: the name and handle, then one line each
  for the provider, the account, a few details and
  every warning.
  pp profile <id>: every documented field of the
  provider, in groups: numbers with thousands
  separators, Unix times and Twitter dates as UTC
  dates, sub-tables for LinkedIn organizations, Gmail
  aliases, Telegram restriction reasons and IMAP/SMTP
  servers.
  Tables of accounts share their columns: ID, TYPE,
  NAME, STATE (pp help health), then what the command
  adds; and after the table, WHAT TO DO about each
  reason once, with the accounts that have it.
  pp accounts: every account, and when it was created
  where there is room.
  pp profile <id> <id>...: a row per account (TYPE the
  provider, REASON its warnings or error type), printed
  in input order as the answers come.
  pp status: a row per account that is not ok (--all:
  every one), worst first, with its REASON codes, SINCE
  when and its PREVIOUS state (MEMORY below). Then the
  count of each state, led by what changed.
  Tables fit --width, else COLUMNS, else the terminal;
  in a pipe or a file they have no width and nothing is
  cut. Long values wrap at spaces. An id, URL or
  e-mail address is never cut or split: a line too
  narrow for an id is left for the terminal to wrap;
  an e-mail in NAME with no room goes whole on the
  line below, so STATE stays in line. A name is
  shortened only when there is no room for it.
  Colour only on a terminal (\`pp help environment\`).
  Text from the server is shown with control characters,
  bidi overrides, CR and BS as visible escapes (\\u001b),
  everywhere, pp doctor's checks included; a password
  in any URL pp quotes as *** (http://***@host).
  Errors: a line naming the problem, its type, HTTP
  status and account, then the detail and a hint:
    error: <title> (<type>, HTTP <status>) [<account>]
      <detail>
      hint: <what to do about it>

--json, ONE ACCOUNT
  The response body exactly as the server sent it:
  every field kept, none added, none reordered, numbers
  as written; pretty-printed with two spaces, then one
  newline. One exception: an API key the server echoes
  back in the body is printed masked (pp_live_…8GR2).

--json, MANY ACCOUNTS: NDJSON, one object a line, in
input order:
  {"account_id":"acc_…","ok":true,"health":{…},
   "profile":{…}}
  {"account_id":"acc_…","ok":false,"error":{…}}
  profile is the body as received, on one line; health
  is {"state","reasons"} (pp help health); error is the
  object below. Keep only the failures with
    jq -c 'select(.ok | not)'

--json, THE ACCOUNTS LIST (pp accounts, pp status): one
line an account, as the pages arrive:
  {"account_id","type","name","health","account",
   "config_profile"}
  account is the list item as received, config_profile
  the name of pp's profile in use (which workspace);
  pp status adds "since", "previous" and "change"
  after health (MEMORY below), and with --deep
  "profile" or "error". The accounts that need a human:
    pp accounts --json
      | jq -r 'select(.health.state != "ok")
               | .account_id'

--format csv, tsv (pp accounts, pp status, pp profile
with many ids): a header, then a row per account:
  account_id,type,name,state,reasons
reasons are codes joined by ";"; pp status adds
  since,previous,change
csv quotes a value
holding a comma, quote or line break (RFC 4180); tsv
writes a tab, line break or backslash in a value as
\\t, \\n, \\r or \\\\, so each row is one line. A value a
spreadsheet would run as a formula (it begins with =,
@, a tab or a CR, or with + or - and more than a number
or a phone number) gets a leading ' (before tsv's
escapes): names like +33 6 00 00 00 01 stay as they are.

--format nagios (pp status): the plugin convention.
  PP CRITICAL - default: 2 new problems, 1 recovered;
    12 accounts: 7 ok, ... | ok=7 warning=0
    connecting=1 action_needed=2 stopped=2 unknown=0
    new_problems=2 recovered=1
("default": pp's profile, the workspace checked), then
a line per account that is not ok, with what to do and
the pp command that does it ("Fix: pp accounts
reconnect acc_..."), where there is one. Exit 0 OK,
1 WARNING, 2 CRITICAL, 3 UNKNOWN: the check failed (no
key, network, the list unreadable, a bad option) or an
account could not be checked and none is CRITICAL.
Those lines wait for the status line as text only:
1,000,000 stopped accounts take ~1.4 times the memory
of --json (~210 MB). An account the list gives twice
is counted once, with a warning.

--format prometheus (pp status): text exposition for
node_exporter's textfile collector, every account:
  pp_account_health{account_id,type,name,state} 1
  pp_account_state_since_seconds{account_id,type,
    name,state}               since when, Unix time
  pp_accounts{state} N        all six states
  pp_status_success 1         0: the check failed, and
                              pp_accounts is left out
  pp_status_timestamp_seconds
every sample also labelled profile="<pp's profile>", so
two workspaces' files can share one collector folder.
Write it with --output-file (below). A check that fails,
or is stopped by Ctrl-C or SIGTERM (a scheduler's
timeout: exit 143), still ends with pp_status_success 0
on standard output; nagios says PP UNKNOWN, exit 3.

--output-file <path> (pp status, pp accounts): the
output goes to a temporary file in the same folder,
renamed over <path> when the run is done, so a reader
(node_exporter's textfile collector) finds the old file
or the new one, never part of one. Nothing goes to
standard output. A new file is made 0644: the collector
runs as a user of its own and must read it (the file
holds ids, names and states, no secret). An existing
file keeps its mode, and its owner and group where pp
may set them. A check that fails still replaces the
file with its failure (pp_status_success 0, PP
UNKNOWN): a stale success is never left. A format with
no way to say it failed (json, csv, tsv, table) leaves
the old file rather than part of a list; so do Ctrl-C,
SIGTERM and a write that fails (a full disk: exit 3),
and no temporary file stays. A folder that does not
exist, a directory or a symbolic link: exit 2, before
any request; a folder pp may not write in: exit 3.
  pp status --format prometheus --output-file \\
    /var/lib/node_exporter/textfile_collector/pp.prom

pp api <path>: THE ANSWER AS RECEIVED
  On a pipe or in a file, the body byte for byte as it
  arrives, never held whole (a 100 MB answer streams):
  JSON keeps its spacing, member order and digits;
  anything else (an attachment) keeps its bytes. The one
  change: the API key, in any spelling, is masked, with
  a warning. A JSON string that spells it with escapes
  is written again masked; a string longer than 1 MB
  goes on in pieces, its escapes written JSON's own way
  (the same text).
  On a terminal, JSON up to 4 MB is laid out as --json
  lays it out; anything else is described (its size and
  content type): redirect it to a file to keep it.
  --paginate: every item of every page (under "items"
  or "data") on a line of its own, as the server wrote
  it, the cursor followed ("cursor" or "next_cursor"),
  the next page asked for while one is printed (never
  more than one ahead); a cursor given twice is exit 15.
  Errors are pp's own (below), whatever the endpoint.

MEMORY (pp status)
Each run remembers every account's state, per profile
(pp help environment, PP_STATE_DIR), and each account
carries, in every format:
  since     when pp first saw it in its state (ISO
            8601); on a first run, the time of the run
  previous  the state before, or null
  change    new_problem (was ok or unseen, now not),
            worse, better (between two states that
            are not ok: connecting < warning <
            action_needed < stopped < unknown),
            recovered (now ok), same, removed (in the
            last complete list, not in this one)
The table says it in SINCE: "3 days ago" (stopped for
3 days), "now" (changed in this run), "first seen"
(nothing remembered yet), "first seen 3 days ago" (no
change seen since: it may be older); PREVIOUS is the
state before. A removed account's STATE says removed;
its health is null (an empty state in csv), it has no
prometheus sample, it is told once, and forgotten 30
days later. An account that is
not ok and changed state 4 times or more in 24 hours
also has the reason code flapping. Each account keeps
its last 20 transitions: pp accounts show <id>.
--changes: only the accounts whose change is not same;
the exit code counts only them, and a run where
nothing changed prints nothing at all, unless standard
error is a terminal. --no-state: no memory (since,
previous and change are null). A run that failed
part-way records what it read and removes nobody;
so does one of named ids or with --type, --state or
--group: it records only the accounts it shows
(--state and --no-state together are refused). --deep
runs remember apart from the others, and so does
--sandbox.

--json, ERRORS
  Nothing on standard output. On standard error one
  line, here spread out:
    {"error": {"status": 401,
      "type": "errors/disconnected_account",
      "title": "Disconnected account",
      "detail": "The account is disconnected ...",
      "exit_code": 5, "retryable": false,
      "account_id": "acc_…", "request_id": "req_…",
      "retry_after": null}}
  status       the HTTP status; null with no answer
  type         the API's error type, or null
  title        one line naming the problem
  detail       the server's explanation, or null
  exit_code    what pp exits with (pp help exit-codes)
  retryable    true for 9, 12, 13, 14: try again later
  account_id   the account it was about, or null
  request_id   the server's id of the request (its body
               or x-request-id): quote it to support
  retry_after  seconds the server asked to wait, or
               null
  The API answers errors in two shapes, both read: the
  problem details above, and {"error": {"code",
  "message", "request_id"}}, whose code is the type and
  whose message is the detail.
  Usage errors are JSON too when --json is given; help
  that was asked for stays text.

--json, CONFIG
  pp config show --json and the other config commands
  print one JSON object on one line, e.g.
    pp config show --json | jq .api_key.source
`;

const health = `HEALTH: what pp tells you about an account

One verdict per account, the same for a person and a
script; in --json, "health": {"state", "reasons":
[{"code", "text"}]} (reasons empty when ok). The states:
  ok             nothing is wrong
  warning        the profile answered with warnings
  connecting     a source is still connecting
  action_needed  the owner must act: a source needs
                 credentials or permissions, or has a
                 status pp does not know; or users/me
                 failed with an exit-5 error
  stopped        a source stopped or failed, or none
                 runs at all
  unknown        the check itself failed (not found,
                 rate limited, network...)

FROM THE ACCOUNTS LIST (pp accounts, pp accounts show):
each account's sources, with no call to the provider.
Reason codes: source_connecting, source_credentials,
source_permissions, source_unknown, source_error,
source_stopped, no_source; pp status adds flapping to
an account that keeps changing state (pp help formats,
MEMORY). pp accounts exits 0 when the
list was read, whatever the accounts' health; filter
with --state action_needed, --type LINKEDIN. pp status
is the health check: the accounts that are not ok,
worst first, with what to do, and an exit code (pp help
exit-codes); --deep also reads each profile, for the
warnings below.
  pp --sandbox accounts
  pp --sandbox accounts show acc_demo_mobile_permissions
  pp --sandbox status --deep

FROM THE PROFILE (pp whoami, pp profile): reading an
account ends one of three ways.

1. IT ANSWERED, ALL IS WELL. Health ok, exit 0.

2. IT ANSWERED, WITH WARNINGS. Health warning. Exit 0,
or 17 with --fail-on warning: the account works, but
something about it needs a look. pp whoami and
pp profile show "Health warning" and each reason
with what to do; a many-account table shows them as
the row's STATE, and each --json line carries
"health": {"state", "reasons": [{"code", "text"}]}.
The reason codes:
  recruiter_disconnected, recruiter_multiple_sessions,
  sales_navigator_disconnected,
  sales_navigator_multiple_sessions,
  telegram_restricted, telegram_deleted, telegram_fake,
  twitter_protected, twitter_withheld
The warnings as a person reads them:
  LinkedIn  Recruiter seat disconnected
            Recruiter seat in multiple sessions
            Sales Navigator seat disconnected
            Sales Navigator seat in multiple sessions
  Telegram  Restricted by Telegram (and why)
            Account deleted
            Flagged as fake by Telegram
  Twitter   Tweets are protected
            Withheld in <countries>
In --json they are the profile's own fields:
recruiter.error and sales_navigator.error
(DISCONNECTED, MULTIPLE_SESSIONS); restricted,
restriction_reason, deleted, fake; protected,
withheld_in_countries.

3. IT FAILED. The error names its type, HTTP status,
detail and a hint of what to do; the exit code says
who must act (\`pp help exit-codes\`). Exit 5: the
linked account needs its owner to act (reconnect it in
postpress, solve a checkpoint, grant permissions,
restart it). These 401 types exit 5:
  errors/disconnected_account
  errors/expired_credentials
  errors/multiple_sessions
  errors/checkpoint_error
  errors/invalid_checkpoint_solution
  errors/invalid_proxy_credentials
  errors/disconnected_feature
  errors/invalid_credentials_but_valid_account_imap
  errors/expired_link
  errors/wrong_account
The other 401s are about your API key, not the
account: missing_credentials, invalid_credentials,
insufficient_privileges (exit 4).

TRY THEM IN THE SANDBOX (no key, no network)
  pp --sandbox whoami --account \\
    acc_demo_linkedin_seats_disconnected
  pp --sandbox whoami --account acc_demo_telegram
  pp --sandbox whoami --account \\
    acc_error_disconnected_account; echo "exit $?"

acc_demo_linkedin_seats_disconnected: both LinkedIn
seats disconnected. acc_demo_telegram: a restricted
Telegram user. acc_demo_linkedin, acc_demo_twitter,
acc_demo_gmail, acc_demo_outlook, acc_demo_imap: full
profiles.

acc_error_<type> answers that documented error, e.g.
acc_error_disconnected_account answers 401
errors/disconnected_account. The 38 types:
  401  missing_credentials, multiple_sessions,
       invalid_checkpoint_solution,
       invalid_proxy_credentials, checkpoint_error,
       invalid_credentials, expired_credentials,
       insufficient_privileges, disconnected_account,
       disconnected_feature,
       invalid_credentials_but_valid_account_imap,
       expired_link, wrong_account
  403  account_restricted, account_mismatch,
       insufficient_permissions, session_mismatch,
       feature_not_subscribed, subscription_required,
       unknown_authentication_context,
       action_required, resource_access_restricted
  404  resource_not_found, invalid_resource_identifier
  422  invalid_account, unprocessable_entity,
       account_configuration_error
  429  too_many_requests (with Retry-After: 1)
  500  unexpected_error, provider_error,
       authentication_intent_error
  501  feature_not_implemented
  503  no_client_session, no_channel, no_handler,
       network_down, service_unavailable
  504  request_timeout
Any other id answers 404 errors/resource_not_found.
`;

const scripting = `SCRIPTING: recipes for shell scripts and cron

Standard output holds only the result, so pipe it;
add --json for the API's own JSON, and read the exit
code (\`pp help exit-codes\`). Everything below runs
as is against the sandbox: add --sandbox, or export
PP_SANDBOX=1, and use ACC=acc_demo_linkedin.

ONE FIELD WITH jq
  pp whoami --account "$ACC" --json | jq -r .email
  pp profile "$ACC" --json |
    jq -r '.organizations[].name'
  pp profile "$ACC" --json |
    jq -c '{recruiter, sales_navigator}'

READ THE EXIT CODE
  pp whoami --account "$ACC" --json \\
    > out.json 2> err.json
  case $? in
    0) jq -r .email out.json ;;
    5) echo "reconnect $ACC:" \\
         "$(jq -r .error.detail err.json)" ;;
    3|4) echo "fix the key: pp config show" ;;
    9|12|13|14) echo "transient: try again later" ;;
    *) jq -r .error.title err.json ;;
  esac

MANY ACCOUNTS
A file of ids, one a line (blank lines, # comments and
repeated ids skipped), or - for standard input:
  pp profile --from-file accounts.txt --json \\
    > today.ndjson
  # the ones that failed, with why
  jq -r 'select(.ok | not)
    | "\\(.account_id) \\(.error.type)"' today.ndjson
  # answered, but a LinkedIn seat has a problem
  jq -r 'select(.ok) | select(.profile.recruiter.error
    or .profile.sales_navigator.error)
    | .account_id' today.ndjson
--concurrency n (default 4, at most 64) requests at
once; a 429 slows the whole run down instead of
failing it; --max-wait bounds that waiting (then exit
9). A duration is seconds (90) or 90s, 10m, 2h.

A CRON MORNING CHECK
Quiet when all is well, so cron mails only when
something needs doing. Save as ~/bin/morning-check:
  #!/bin/sh
  out=$(mktemp)
  pp profile --from-file "$HOME/accounts.txt" \\
    --json > "$out" 2> /dev/null
  code=$?
  case $code in
    0) ;;
    5) echo "Reconnect these accounts in postpress:"
       jq -r 'select(.ok | not) | .account_id' "$out"
       ;;
    9|12|13|14) echo "transient failure (exit $code)" ;;
    *) echo "pp failed (exit $code):"
       jq -r 'select(.ok | not)
         | "\\(.account_id) \\(.error.title)"' "$out" ;;
  esac
  rm -f "$out"
  exit $code
and in \`crontab -e\`:
  MAILTO=ops@example.com
  0 7 * * 1-5  $HOME/bin/morning-check
cron's PATH is short: write pp's full path (see
\`command -v pp\`). Store the key for the cron user with
\`pp config set-key\`, or set PP_API_KEY in the crontab.

HEALTH CHECKS FOR CRON, MONITORING AND CI
pp status reads the accounts list (no provider call;
--deep reads each profile too) and exits 5 when an
account needs its owner (pp help exit-codes).
In \`crontab -e\`, a mail only when something needs a
look (cron mails what a job prints):
  0 7 * * 1-5  out=$(pp status --fail-on warning 2>&1)
    || echo "$out"
(one line in the crontab). Or a mail only about what
changed since the last run: new problems, accounts
worse, better, recovered or removed; nothing at all
when nothing did:
  0 7 * * 1-5  pp status --changes
(--format csv for a spreadsheet; the first run reports
every account that is not ok as new.) Nagios, Naemon,
Icinga 1:
  define command {
    command_name  check_postpress
    command_line  /usr/local/bin/pp status
                  --format nagios
  }
node_exporter's textfile collector, every 5 minutes;
--output-file replaces the file whole, never half
written (a failed check writes pp_status_success 0;
pp help formats):
  */5 * * * *  cd /var/lib/node_exporter/textfile_collector
    && pp status --format prometheus --output-file pp.prom
(one line in the crontab).
A GitHub Actions step that fails the job when an
account needs action (exit 5):
  - run: pp status --fail-on warning
    env:
      PP_API_KEY: \${{ secrets.PP_API_KEY }}

THE MORNING ROUND: FROM A PROBLEM TO ITS FIX
Every morning: what changed since yesterday, a fresh
reconnect link for each account that needs its owner,
then wait for the owners to use them. At a terminal:
  pp status --changes
  pp accounts reconnect --needing
pp accounts reconnect asks first when it acts on more
than one account (naming how many); --dry-run prints
the requests and sends none. --needing takes every
account whose health is action_needed or stopped.
Each link works once, for --expires (default 1h, at
most 24h), and dies at the service's daily restart
anyway: send them today.

For a mail merge, the links as csv (a script says
--yes: off a terminal, pp does not ask, it refuses):
  pp accounts reconnect --needing --yes \\
    --format csv > links.csv
  # account_id,type,name,state,url,expires_at
then, once the mails are out, wait for the owners:
  pp accounts wait $(tail -n +2 links.csv |
    cut -d, -f1) --max-wait 2h
  case $? in
    0) echo "every account is back" ;;
    18) echo "still waiting for some (above)" ;;
    *) echo "pp failed" ;;
  esac
pp accounts wait reads each account every --interval
(10s; the accounts list when more than 20 wait), prints
a line per account as it comes back and, at the end,
one for each that did not; a terminal shows who is
still waiting. --until connecting accepts connecting
or better. Ctrl-C ends it at once (exit 130), naming
who was still waiting. With --json, a line each:
  pp accounts wait "$ACC" --json |
    jq -r 'select(.reached | not) | .account_id'
Links are secrets of the moment: pp writes them to
standard output only (never to --verbose lines or
errors). Keep links.csv private, and delete it once
sent.

ONE ACCOUNT AT A TIME
  # on a terminal: a QR code the owner scans
  pp accounts reconnect "$ACC" --qr
  # a 2FA code: asked (not shown), or piped in
  pp accounts checkpoint "$ACC"
  printf %s "$CODE" | pp accounts checkpoint "$ACC"
  pp accounts checkpoint "$ACC" --resend
  # a LinkedIn or Telegram history, followed to its end
  pp accounts resync "$ACC" --wait --max-wait 30m
Every write carries an Idempotency-Key and is retried
only where it cannot have been done (no answer, 429,
502, 503, 504): a link is never asked for twice.

RETRIES AND TIMEOUTS
pp itself retries 429, 502, 503, 504, a 500
errors/provider_error and network failures: --retries n
more attempts (default 2), with exponential backoff and
jitter, honouring Retry-After. A Retry-After over 60 s
is not waited out: pp exits 9 at once, and the --json
error's retry_after says how long to wait. --timeout s
(default 30) bounds each attempt, so the worst case is
about (retries + 1) x timeout plus the waits.
  # one quick try, for a health probe
  pp --retries 0 --timeout 5 whoami --account "$ACC"
  # try again later yourself, as the server asks
  for i in 1 2 3; do
    pp whoami --account "$ACC" --json \\
      > out.json 2> err.json && break
    case $? in
      9|12|13|14)
        sleep "$(jq '.error.retry_after // 30' err.json)" ;;
      *) break ;;
    esac
  done

TEST YOUR SCRIPTS WITH THE SANDBOX
--sandbox (or PP_SANDBOX=1) answers every command from
a built-in copy of the API: no key, no network. Its
accounts are listed in \`pp help health\`.
  PP_SANDBOX=1 ./morning-check
For programs other than pp, serve it on 127.0.0.1;
pp sandbox prints its base URL and runs until Ctrl-C:
  pp sandbox --port 8787 &
  PP_BASE_URL=http://127.0.0.1:8787 \\
    PP_API_KEY=pp_test_x pp whoami --account \\
    acc_demo_gmail
  url=http://127.0.0.1:8787/api/v1/users/me
  curl -H 'X-API-KEY: pp_test_x' \\
    "$url?account_id=acc_demo_gmail"
Any non-empty key is accepted. --latency ms delays
every answer; --rate-limit n answers 429 beyond n
requests a second; --flap <id> makes that account of
the list change state each time the list is read, to
try pp status --changes and flapping:
  pp sandbox --port 8787 --flap acc_demo_gmail &
  export PP_BASE_URL=http://127.0.0.1:8787
  PP_API_KEY=pp_test_x pp status --changes
The sandbox does the account actions too: a link for
any listed account, which then comes back (ok) 5 s
later; acc_demo_whatsapp_connecting comes back 5 s
after the sandbox starts; acc_demo_linkedin and
acc_demo_telegram resync in four steps; the checkpoint
of acc_demo_instagram_credentials takes 123456. With
--sandbox each command has a sandbox of its own: serve
one (pp sandbox) for the morning round to remember
between commands:
  pp sandbox --port 8787 &
  export PP_BASE_URL=http://127.0.0.1:8787 \\
    PP_API_KEY=pp_test_x
  pp accounts reconnect --needing --yes
  pp accounts wait acc_demo_mail_stopped \\
    --interval 1s
`;

export const helpTopics: Record<HelpTopicName, HelpTopic> = {
  environment: {
    summary: 'environment variables, the config file, precedence',
    text: environment,
  },
  'exit-codes': {
    summary: 'what each exit code means, and which are transient',
    text: exitCodes,
  },
  formats: {
    summary: 'tables, --json, NDJSON, csv, nagios, prometheus, errors',
    text: formats,
  },
  health: {
    summary: 'warnings and errors about an account; sandbox ids',
    text: health,
  },
  scripting: {
    summary: 'recipes: jq, exit codes, cron, monitoring, CI, sandbox',
    // the sandbox's ids, generated from the sandbox itself, when the topic is read
    get text() {
      return `${scripting}\nTHE SANDBOX'S ACCOUNT IDS\n${sandboxIdsHelp()}`;
    },
  },
};
