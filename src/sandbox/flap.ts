// `pp sandbox --flap <id>`: an account of the list that changes state every time the list is read
// from its start, so that pp status's memory (--changes, flapping) can be tried offline. Reading n
// (1, 2, 3…) shows the account as it is for odd n, and the other way for even n: an account whose
// sources are all OK loses its first one's credentials (CREDENTIALS, action_needed), and one with a
// problem has every source OK. GET /accounts/{id} answers as the last reading showed it.
import type { SandboxAccount, SandboxWorkspace } from './accounts.js';

export function withFlaps(workspace: SandboxWorkspace, ids: readonly string[]): SandboxWorkspace {
  if (ids.length === 0) return workspace;
  const flapping = new Set(ids);
  let readings = 0;
  const shown = (account: SandboxAccount | undefined) =>
    account && flapping.has(account.id) && readings > 0 && readings % 2 === 0 ? flipped(account) : account;
  return {
    size: workspace.size,
    at: (position) => shown(workspace.at(position)),
    find: (id) => shown(workspace.find(id)),
    listed: () => {
      readings++;
      workspace.listed?.();
    },
  };
}

function flipped(account: SandboxAccount): SandboxAccount {
  const healthy = account.sources.every((s) => s.status === 'OK');
  const sources = account.sources.map((s, i) => ({
    ...s,
    status: healthy ? (i === 0 ? 'CREDENTIALS' : s.status) : 'OK',
  }));
  return { ...account, sources };
}
