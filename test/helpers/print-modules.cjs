// Preloaded (`node -r`) by test/e2e/modules.test.ts: at exit, writes the built-in modules this
// process loaded (Node's own process.moduleLoadList, its NativeModule entries) to the file named by
// PP_TEST_MODULES_FILE, one a line.
'use strict';
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const modules = process.moduleLoadList
    .filter((entry) => entry.startsWith('NativeModule '))
    .map((entry) => entry.slice('NativeModule '.length));
  writeFileSync(process.env.PP_TEST_MODULES_FILE, `${modules.join('\n')}\n`);
});
