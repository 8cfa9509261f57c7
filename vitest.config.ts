import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that spawn processes, a terminal or npm take longest: they start first, so that the
 * run is not left waiting on one of them at the end (vitest otherwise starts the largest files
 * first on a machine with no timings cached, as CI is).
 */
const slowFirst = [
  'package',
  'safety',
  'network',
  'terminal',
  'fixing-process',
  'readme-recipes',
  'slow-reader',
  'bulk',
  'memory-writers',
  'completion',
  'sandbox-accounts',
  'keychain',
  'config-lock',
].map((name) => `/test/e2e/${name}.test.ts`);

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = slowFirst.findIndex((suffix) => f.moduleId.endsWith(suffix));
      return i < 0 ? slowFirst.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A worker runs its files in one module graph instead of loading pp's modules afresh for each
    // file: measured side by side, 50 s of CPU instead of 72 s for the whole suite. pp keeps no
    // state in modules (everything comes through run()'s deps), which is what makes this safe.
    isolate: false,
    // Most files wait on sockets, child processes and the sandbox's own 5 s of real time rather
    // than the CPU: on this 2-core machine, measured side by side, four files at once finished the
    // suite in 50-55 s against 61 s with three.
    maxWorkers: 4,
    sequence: { sequencer: SlowFirst },
  },
});
