// builtin(): Node's own loader where it has one (20.16+), a require on an older Node 20.
import * as tty from 'node:tty';
import { afterEach, describe, expect, it, vi } from 'vitest';

const original = process.getBuiltinModule;
afterEach(() => {
  process.getBuiltinModule = original;
  vi.resetModules();
});

describe('builtin', () => {
  it('loads a built-in through process.getBuiltinModule when Node has it', async () => {
    const { builtin } = await import('../../src/builtin.js');
    expect(builtin('node:tty').isatty).toBe(tty.isatty);
  });

  it('loads the same module on a Node 20 without process.getBuiltinModule', async () => {
    // @ts-expect-error: Node 20.0 to 20.15 have no getBuiltinModule
    delete process.getBuiltinModule;
    vi.resetModules();
    const { builtin } = await import('../../src/builtin.js');
    expect(typeof process.getBuiltinModule).toBe('undefined');
    expect(builtin('node:tty').isatty).toBe(tty.isatty);
    expect(builtin('node:https').request).toBeTypeOf('function');
  });
});
