// StdioWriter: writes straight to the descriptor when it is not a terminal, waits when the
// descriptor cannot take more right now, and reports a failed write once.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, constants, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isTerminal, StdioWriter } from '../../src/output/stdio.js';
import { tempDir } from '../helpers/run.js';

const open: number[] = [];
afterEach(() => {
  for (const fd of open.splice(0)) closeSync(fd);
});
const track = (fd: number) => {
  open.push(fd);
  return fd;
};

/** A named pipe with a reader that has not read yet, and a writer in the given mode. */
function fifo(writerFlags: number): { reader: number; writer: number } {
  const path = join(tempDir('pp-fifo-'), 'pipe');
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  const reader = track(openSync(path, constants.O_RDONLY | constants.O_NONBLOCK));
  const writer = track(openSync(path, constants.O_WRONLY | writerFlags));
  return { reader, writer };
}

const never = () => {
  throw new Error('the stream should not have been built');
};

describe('isTerminal', () => {
  it('is false for /dev/null, a file, a pipe and a closed descriptor', () => {
    const devNull = track(openSync('/dev/null', 'w'));
    const file = track(openSync(join(tempDir(), 'out'), 'w'));
    const { writer } = fifo(0);
    expect(isTerminal(devNull)).toBe(false);
    expect(isTerminal(file)).toBe(false);
    expect(isTerminal(writer)).toBe(false);
    expect(isTerminal(987_654)).toBe(false);
  });
});

describe('StdioWriter', () => {
  it('writes every byte to a file, in order, without building the stream', () => {
    const path = join(tempDir(), 'out');
    const fd = track(openSync(path, 'w'));
    const out = new StdioWriter(fd, never, never);
    expect(out.isTTY).toBe(false);
    expect(out.columns).toBeUndefined();
    const lines = Array.from({ length: 2000 }, (_, i) => `${i} Zoë 東京 🎉\n`);
    for (const line of lines) expect(out.write(line)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(lines.join(''));
  });

  it('waits for a slow reader when a non-blocking pipe is full, and loses nothing', async () => {
    const dir = tempDir('pp-fifo-');
    const path = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [path]).status).toBe(0);
    const idle = track(openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)); // lets the writer open
    const writer = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
    // the real reader starts late, in another process: this one is blocked writing meanwhile
    const reader = spawn('sh', ['-c', `sleep 0.3; cat "${path}" > "${join(dir, 'out')}"`]);
    const out = new StdioWriter(writer, never, never);
    const lines = Array.from({ length: 4000 }, (_, i) => `${i} ${'x'.repeat(60)}\n`); // ~250 KB
    for (const line of lines) expect(out.write(line)).toBe(true);
    closeSync(writer);
    closeSync(open.splice(open.indexOf(idle), 1)[0]!);
    await once(reader, 'close');
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe(lines.join(''));
  });

  it('reports EPIPE once, builds no stream and writes nothing more, when the reader has gone', () => {
    const { reader, writer } = fifo(0);
    closeSync(open.splice(open.indexOf(reader), 1)[0]!);
    const errors: (string | undefined)[] = [];
    const out = new StdioWriter(writer, never, (err) => errors.push(err.code));
    expect(out.write('nobody reads this\n')).toBe(true);
    expect(out.write('nor this\n')).toBe(true);
    expect(errors).toEqual(['EPIPE']);
  });
});
