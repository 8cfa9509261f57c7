// Loads a Node built-in when it is first needed, so a path that never needs it never pays for it
// (a static import is evaluated at start-up in the bundle). process.getBuiltinModule is Node
// 20.16+; on an older Node 20 the bundle's require does the same (built-ins resolve from any
// folder). Not createRequire: importing node:module loads Node's ES module loader with it, which
// a shell's Tab (dist/tab.cjs) would pay for nothing.
type Load = typeof process.getBuiltinModule;

export const builtin: Load =
  typeof process.getBuiltinModule === 'function'
    ? process.getBuiltinModule.bind(process)
    : (((name: string) => require(name)) as Load);
