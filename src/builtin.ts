// Loads a Node built-in when it is first needed, so a path that never needs it never pays for it
// (a static import is evaluated at start-up in the bundle). process.getBuiltinModule is Node
// 20.16+; on an older Node 20 a require does the same (built-ins resolve from any folder).
import { createRequire } from 'node:module';

type Load = typeof process.getBuiltinModule;

export const builtin: Load =
  typeof process.getBuiltinModule === 'function'
    ? process.getBuiltinModule.bind(process)
    : (createRequire('/') as unknown as Load);
