import * as v from 'valibot';
import { record, text } from '../output/format.js';
import { field, fields } from '../output/model.js';
import { present, table } from './render.js';
import { defineProvider } from './types.js';

const endpoint = () =>
  v.looseObject({
    username: v.nullable(v.string()),
    port: v.number(),
    host: v.nullable(v.string()),
  });

const schema = () =>
  v.looseObject({
    object: v.literal('AccountOwnerProfile'),
    provider: v.literal('IMAP'),
    connection_params: v.looseObject({ imap: endpoint(), smtp: endpoint() }),
  });

const protocols = [
  ['imap', 'IMAP'],
  ['smtp', 'SMTP'],
] as const;

/** "host:port", or the part that is there. */
const address = (server: Record<string, unknown>): string | undefined => {
  const host = text(server.host);
  const port = text(server.port);
  return host && port ? `${host}:${port}` : host || port;
};

/**
 * The login as a person knows it: a username that is already an e-mail address stays as it is
 * (not "maria@example.com@imap.example.com"), a bare one becomes "username@host".
 */
const login = (server: Record<string, unknown>): string | undefined => {
  const username = text(server.username);
  const host = text(server.host);
  if (!username) return undefined;
  return username.includes('@') || !host ? username : `${username}@${host}`;
};

export const imap = defineProvider({
  id: 'IMAP',
  label: 'IMAP',
  schema,
  identity: (p) => {
    const params = record(p.connection_params);
    const incoming = record(params.imap);
    const handle = login(incoming);
    return {
      name: handle || text(incoming.host) || 'IMAP mailbox',
      handle,
      details: fields(...protocols.map(([key, label]) => field(label, address(record(params[key]))))),
      warnings: [],
    };
  },
  sections: (p) => {
    const params = record(p.connection_params);
    return present(
      table(
        'Servers',
        ['Protocol', 'Host', 'Port', 'Username'],
        protocols
          .map(([key, label]) => [label, record(params[key])] as const)
          .filter(([, server]) => Object.keys(server).length > 0)
          .map(([label, server]) => [label, server.host, server.port, server.username]),
      ),
    );
  },
  fixtures: () => ({
    acc_demo_imap: {
      object: 'AccountOwnerProfile',
      provider: 'IMAP',
      connection_params: {
        imap: { username: 'maria.keller@keller-design.de', port: 993, host: 'imap.keller-design.de' },
        smtp: { username: 'maria.keller@keller-design.de', port: 465, host: 'smtp.keller-design.de' },
      },
    },
  }),
});
