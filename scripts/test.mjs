// `npm test` after the build and the lint: the type-check and the tests at once. Most of the test
// run waits on sockets and child processes, which leaves a core for tsc (~13 s here on its own).
import { spawn } from 'node:child_process';

const run = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const [typecheck, tests] = await Promise.all([
  run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit']),
  run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)]),
]);
if (typecheck !== 0) console.error(`type-check failed (tsc exited ${typecheck})`);
process.exitCode = typecheck || tests;
