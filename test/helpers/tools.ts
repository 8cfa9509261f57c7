// Tests that need a program a machine may lack (zsh, fish, python3). Where it is missing they are
// skipped with the reason in the test's name and a line on standard error, so `npm test` passes on
// a fresh machine and says what it did not test; PP_REQUIRE_TOOLS=1 (set by .ci/run, which
// installs them) turns the skip into a failure.
import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';

const found = new Map<string, boolean>();

export function hasTool(tool: string): boolean {
  if (!found.has(tool))
    found.set(tool, spawnSync(tool, ['--version'], { stdio: 'ignore' }).error === undefined);
  return found.get(tool)!;
}

/** describe(), or a visibly skipped describe when `tool` is not installed (a failure with PP_REQUIRE_TOOLS=1). */
export function describeWith(tool: string, name: string, body: () => void): void {
  if (hasTool(tool)) {
    describe(name, body);
    return;
  }
  const reason = `${tool} is not installed: install it (apt-get install ${tool}) to run these tests`;
  if (process.env.PP_REQUIRE_TOOLS === '1') {
    describe(name, () => {
      throw new Error(`${reason} (PP_REQUIRE_TOOLS=1 requires every tool)`);
    });
    return;
  }
  process.stderr.write(`skipped: ${name}: ${reason}\n`);
  describe.skip(`${name} [skipped: ${reason}]`, body);
}

/** it(), or a visibly skipped it when `tool` is not installed (a failure with PP_REQUIRE_TOOLS=1). */
export function itWith(tool: string, name: string, body: () => Promise<void>, timeout?: number): void {
  describeWith(tool, `with ${tool}`, () => {
    it(name, body, timeout);
  });
}
