// The built-in modules each command may load beyond those an empty Node script loads: the guard of
// modules.test.ts (issue 20). A module that creeps onto one of these paths fails the suite, named.
// Load it where it is used (src/builtin.ts); if this path does need it, add it here in the same
// change, and say why.
export const allowedModules: Record<string, readonly string[]> = {
  // answered by bin/pp.js from package.json
  'pp --version': [],
  // dist/tab.cjs: the config file, the completion cache, standard output; bin/pp.js runs it with a
  // V8 code cache, as the bundle (node:vm): 1-2 ms less than require() compiling it
  'pp __complete accounts -- acc_': ['vm'],
  // dist/help.cjs: dist/help.json, standard output
  'pp --help': [],
  'pp whoami --json': [
    // bin/pp.js runs the bundle with a V8 code cache: node:vm
    'vm',
    // main.ts: Ctrl-C aborts the command through an AbortController
    'internal/abort_controller',
    // commander reads node:process
    'process',
    // one GET with node:http, which brings node:net and the streams
    '_http_agent',
    '_http_client',
    '_http_common',
    '_http_incoming',
    '_http_outgoing',
    '_http_server',
    'diagnostics_channel',
    'http',
    'internal/freelist',
    'internal/http',
    'internal/perf/observe',
    'internal/perf/performance_entry',
    'internal/stream_base_commons',
    'internal/streams/add-abort-signal',
    'internal/streams/compose',
    'internal/streams/destroy',
    'internal/streams/duplex',
    'internal/streams/duplexpair',
    'internal/streams/end-of-stream',
    'internal/streams/from',
    'internal/streams/legacy',
    'internal/streams/operators',
    'internal/streams/passthrough',
    'internal/streams/pipeline',
    'internal/streams/readable',
    'internal/streams/state',
    'internal/streams/transform',
    'internal/streams/writable',
    'net',
    'stream',
    'stream/promises',
    'string_decoder',
  ],
};
