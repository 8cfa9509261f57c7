// The endpoints pp knows (the API reference, restated in api/*.md): what `pp api <path>` completes
// to on Tab. Any other path under the base URL works as well; these are the ones pp can name.
export const knownPaths: readonly string[] = [
  '/api/v1/accounts',
  '/api/v1/accounts/',
  '/api/v1/accounts/checkpoint',
  '/api/v1/accounts/checkpoint/resend',
  '/api/v1/hosted/accounts/link',
  '/api/v1/users/me',
];

/** The methods `pp api --method` sends. */
export const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
