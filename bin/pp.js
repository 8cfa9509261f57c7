#!/usr/bin/env node
// Thin shim: check the runtime, then hand over to the bundle built from src/.
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  process.stderr.write(`pp needs Node.js 20 or newer; this is ${process.version}.\n`);
  process.exit(1);
}
import('../dist/main.js').then(
  (m) => m.main(process.argv.slice(2)),
  (err) => {
    process.stderr.write(
      `pp: cannot load its build (${err.code ?? err.message}); run \`npm install\` or \`npm run build\`.\n`,
    );
    process.exitCode = 1;
  },
);
