// The 38 documented error types of GET /api/v1/users/me, with the source's description of each and a
// hint of what the user can do about it. Exit codes follow the CLI contract: the type first, then the status.
import { ExitCode } from '../errors.js';

export interface ErrorInfo {
  status: number;
  title: string;
  description: string;
  hint: string;
}

const RECONNECT = 'Reconnect the account, then run the command again.';
const CHECK_KEY = 'Check the API key: `pp config show`, then `pp config set-key` to store a valid one.';
const RETRY_LATER = 'This is usually temporary: try again in a few minutes.';
const CHECK_ID = 'Check the account id: `pp accounts` lists the workspace’s ids (acc_…).';

const entry = (status: number, title: string, description: string, hint: string): ErrorInfo => ({
  status,
  title,
  description,
  hint,
});

export const errorCatalogue: Readonly<Record<string, ErrorInfo>> = {
  // 401
  missing_credentials: entry(
    401,
    'Missing credentials',
    'Some credentials are necessary to perform the request.',
    'Store an API key with `pp config set-key` or set PP_API_KEY.',
  ),
  multiple_sessions: entry(
    401,
    'Multiple sessions',
    'LinkedIn limits multiple sessions on certain Recruiter accounts. Use the cookie connection method.',
    'Reconnect the account with the cookie connection method.',
  ),
  invalid_checkpoint_solution: entry(
    401,
    'Invalid checkpoint solution',
    'The checkpoint resolution did not pass successfully. Retry.',
    'Solve the provider checkpoint again, with the latest code.',
  ),
  invalid_proxy_credentials: entry(
    401,
    'Invalid proxy credentials',
    'The provided proxy credentials are invalid.',
    'Fix the proxy credentials of this account in postpress.',
  ),
  checkpoint_error: entry(
    401,
    'Checkpoint error',
    'The checkpoint does not appear to be resolvable.',
    RECONNECT,
  ),
  invalid_credentials: entry(401, 'Invalid credentials', 'The provided credentials are invalid.', CHECK_KEY),
  expired_credentials: entry(
    401,
    'Expired credentials',
    'Credentials have expired. Reconnect the account.',
    RECONNECT,
  ),
  insufficient_privileges: entry(
    401,
    'Insufficient privileges',
    'This resource is out of your API-key scopes.',
    'Use an API key whose scopes include this account.',
  ),
  disconnected_account: entry(
    401,
    'Disconnected account',
    'The account is disconnected from the provider service.',
    RECONNECT,
  ),
  disconnected_feature: entry(
    401,
    'Disconnected feature',
    "The service you're trying to reach is disconnected.",
    'Reconnect the feature (e.g. the Recruiter or Sales Navigator seat) in postpress.',
  ),
  invalid_credentials_but_valid_account_imap: entry(
    401,
    'Invalid IMAP/SMTP credentials',
    'IMAP/SMTP credentials are invalid but the account is otherwise valid.',
    'Update the IMAP/SMTP password of this account in postpress.',
  ),
  expired_link: entry(
    401,
    'Expired link',
    'This link has expired. Generate a new one.',
    'Make a new link for the account’s owner.',
  ),
  wrong_account: entry(
    401,
    'Wrong account',
    'The provided credentials do not match the correct account.',
    'Reconnect with the credentials of the right account.',
  ),
  // 403
  account_restricted: entry(
    403,
    'Account restricted',
    'The account has been restricted by the provider.',
    'Check the account on the provider’s own site; it has restricted it.',
  ),
  account_mismatch: entry(403, 'Account mismatch', 'This action cannot be done with your account.', CHECK_ID),
  insufficient_permissions: entry(
    403,
    'Insufficient permissions',
    'Valid authentication but insufficient permissions to perform the request.',
    'Ask an administrator for access, or use a key with more permissions.',
  ),
  session_mismatch: entry(
    403,
    'Session mismatch',
    'Token user id does not match client session id.',
    RECONNECT,
  ),
  feature_not_subscribed: entry(
    403,
    'Feature not subscribed',
    'The requested feature has not been subscribed or authenticated properly.',
    'Subscribe to the feature, or authenticate it again, in postpress.',
  ),
  subscription_required: entry(
    403,
    'Subscription required',
    'A subscription is required to use this feature.',
    'Check the postpress subscription of this workspace.',
  ),
  unknown_authentication_context: entry(
    403,
    'Unknown authentication context',
    'An additional step seems necessary to complete login.',
    'Finish the login of this account in postpress.',
  ),
  action_required: entry(
    403,
    'Action required',
    'An additional step is required.',
    'Open the account in postpress and complete the step it asks for.',
  ),
  resource_access_restricted: entry(
    403,
    'Resource access restricted',
    "You don't have access to this resource.",
    'Use an API key of the workspace that owns this account.',
  ),
  // 404
  resource_not_found: entry(404, 'Resource not found', 'The requested resource was not found.', CHECK_ID),
  invalid_resource_identifier: entry(
    404,
    'Invalid resource identifier',
    'The provided identifier is not valid.',
    CHECK_ID,
  ),
  // 422
  invalid_account: entry(
    422,
    'Invalid account',
    'Provided account is not designed for this feature.',
    'This account’s provider does not support this request.',
  ),
  unprocessable_entity: entry(
    422,
    'Unprocessable entity',
    'The request could not be processed as submitted.',
    'Check the account id and options; run with --verbose to see the request.',
  ),
  account_configuration_error: entry(
    422,
    'Account configuration error',
    'The account configuration prevents this operation.',
    'Review the account’s configuration in postpress.',
  ),
  // 429
  too_many_requests: entry(
    429,
    'Too many requests',
    'Provider rate limit reached. Back off and retry.',
    'Wait a while before trying again, or lower --concurrency.',
  ),
  // 500
  unexpected_error: entry(
    500,
    'Unexpected error',
    'Something went wrong.',
    'Try again; if it keeps failing, contact postpress support.',
  ),
  provider_error: entry(
    500,
    'Provider error',
    'The provider is experiencing operational problems. Retry later.',
    RETRY_LATER,
  ),
  authentication_intent_error: entry(
    500,
    'Authentication intent error',
    'The current authentication intent was killed after failure.',
    'Start the account’s authentication again in postpress.',
  ),
  // 501
  feature_not_implemented: entry(
    501,
    'Feature not implemented',
    'This feature has not been implemented yet.',
    'This is not available for this provider yet.',
  ),
  // 503
  no_client_session: entry(503, 'No client session', 'No client session is currently running.', RETRY_LATER),
  no_channel: entry(503, 'No channel', 'No channel to client session.', RETRY_LATER),
  no_handler: entry(503, 'No handler', 'Handler missing for that request.', RETRY_LATER),
  network_down: entry(
    503,
    'Network down',
    'Network is down on the server side. Retry shortly.',
    'Try again in a minute.',
  ),
  service_unavailable: entry(
    503,
    'Service unavailable',
    'Service temporarily unavailable. Retry later.',
    RETRY_LATER,
  ),
  // 504
  request_timeout: entry(
    504,
    'Request timeout',
    'Request timed out. Retry, and contact support if it persists.',
    'Try again; contact postpress support if it persists.',
  ),
};

export const errorNames = Object.keys(errorCatalogue);

/** `errors/disconnected_account` → `disconnected_account`; anything else → undefined. */
export function errorName(type: string | null | undefined): string | undefined {
  return type?.startsWith('errors/') ? type.slice('errors/'.length) : undefined;
}

/** The exit code of an HTTP error answer: the type first (401s differ), then the status (the CLI contract). */
/**
 * The 401 types that are the linked account's problem, not the key's (the CLI contract: exit 5): its owner
 * must act. The key's own (missing, invalid, not privileged), a 401 with no type and a type pp does
 * not know yet stay exit 4.
 */
const accountSide = new Set(
  [
    'disconnected_account',
    'expired_credentials',
    'multiple_sessions',
    'checkpoint_error',
    'invalid_checkpoint_solution',
    'invalid_proxy_credentials',
    'disconnected_feature',
    'invalid_credentials_but_valid_account_imap',
    'expired_link',
    'wrong_account',
  ].map((name) => `errors/${name}`),
);

export function exitCodeFor(status: number, type?: string | null): ExitCode {
  if (status === 401 && type && accountSide.has(type)) return ExitCode.disconnected;
  if (status === 401) return ExitCode.auth;
  if (status === 403) return ExitCode.forbidden;
  if (status === 404) return ExitCode.notFound;
  if (status === 429) return ExitCode.rateLimited;
  if (status === 501) return ExitCode.notImplemented;
  if (status === 502 || status === 503) return ExitCode.unavailable;
  if (status === 504) return ExitCode.gatewayTimeout;
  if (status >= 400 && status < 500) return ExitCode.rejected;
  if (status >= 500 && status < 600) return ExitCode.server;
  return ExitCode.bug;
}

/** A generic hint for an HTTP status with no known type. */
export function hintForStatus(status: number): string {
  if (status === 401) return CHECK_KEY;
  if (status === 403) return 'The key is valid but not allowed to read this account.';
  if (status === 404) return CHECK_ID;
  if (status === 429) return 'Wait a while before trying again, or lower --concurrency.';
  if (status >= 500) return RETRY_LATER;
  return 'Check the account id and options; run with --verbose to see the request.';
}
