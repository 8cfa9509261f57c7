// A command's options and arguments are typed from its definition: the handler gets what commander
// parsed, under the names `define` declared, and (checked by tsc, which npm test runs over test/)
// a name it did not declare does not compile.
import { Command } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { defineCommand, integer } from '../../src/commands/command.js';
import type { Context } from '../../src/context.js';
import { closest } from '../../src/similar.js';

describe('defineCommand', () => {
  it('hands the handler the parsed arguments and options under their declared names and types', async () => {
    const seen: unknown[] = [];
    const def = defineCommand({
      path: ['demo'],
      define: (cmd) =>
        cmd
          .argument('<first>', 'one')
          .argument('[rest...]', 'more')
          .option('--from-file <path>', 'a file')
          .option('--concurrency <n>', 'at once', integer('--concurrency', 1, 64), 4),
      formats: (opts, first) => (opts.fromFile === undefined && first !== 'x' ? ['table'] : ['json']),
      async run(_ctx, opts, first, rest) {
        const concurrency: number = opts.concurrency;
        const file: string | undefined = opts.fromFile;
        // @ts-expect-error: no --file option was declared (it is --from-file)
        void opts.file;
        // @ts-expect-error: a variadic argument is a list of strings
        const wrong: number[] = rest;
        seen.push(first, rest, concurrency, file, wrong);
        return 7;
      },
    });
    const program = new Command('pp').exitOverride();
    let code: number | undefined;
    const cmd = program.command('demo');
    def.define(cmd).action(async (...values: unknown[]) => {
      code = await def.run?.({} as Context, values.slice(0, -1));
      expect(def.formats?.(values.slice(0, -1))).toEqual(['json']);
    });
    await program.parseAsync(['demo', 'a', 'b', 'c', '--from-file', 'ids.txt', '--concurrency', '8'], {
      from: 'user',
    });
    expect(code).toBe(7);
    expect(seen).toEqual(['a', ['b', 'c'], 8, 'ids.txt', ['b', 'c']]);
  });
});

describe('the suggestion for a mistyped command', () => {
  it.each([
    ['whoamy', ['whoami']],
    ['stauts', ['status']],
    ['sho', ['show']],
    ['confg', ['config']],
    ['accunt', ['accounts']],
    ['xyz', []],
  ])('%s: %j', (word, expected) => {
    const names = ['whoami', 'profile', 'accounts', 'status', 'config', 'show', 'help'];
    expect(closest(word, names)).toEqual(expected);
  });

  it('names every command at the same, smallest distance', () => {
    expect(closest('set', ['get', 'sit', 'settings'])).toEqual(['get', 'sit']);
  });
});
