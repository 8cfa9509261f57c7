// The yes/no question of `config remove-profile` on a terminal: only y or yes (any case) is yes.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirm } from '../../src/output/prompt.js';
import { type MemoryStream, memoryIo } from '../helpers/pp.js';

async function answer(typed: string[], end = false): Promise<{ yes: boolean; asked: string }> {
  const io = memoryIo();
  const input = new PassThrough();
  const asked = confirm(io, input, 'Remove profile x? [y/N] ');
  for (const chunk of typed) input.write(chunk);
  if (end) input.end();
  const yes = await asked;
  return { yes, asked: (io.stderr as MemoryStream).text };
}

describe('confirm', () => {
  it.each([['y\n'], ['YES\n'], [' yes \r\n']])('%j is yes', async (typed) => {
    expect((await answer([typed])).yes).toBe(true);
  });

  it.each([['\n'], ['n\n'], ['yep\n'], ['y es\n']])('%j is no', async (typed) => {
    expect((await answer([typed])).yes).toBe(false);
  });

  it('asks on standard error, waits for the whole line, and takes the end of input as no', async () => {
    const { yes, asked } = await answer(['y', 'e', 's\n']);
    expect(yes).toBe(true);
    expect(asked).toBe('Remove profile x? [y/N] ');
    expect((await answer([], true)).yes).toBe(false);
  });
});
