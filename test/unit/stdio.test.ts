// StdioWriter: writes straight to the descriptor when it is not a terminal, hands over to Node's
// stream when the descriptor cannot take more right now, and reports a failed write once.
import { spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, readFileSync, readSync } from 'node:fs';
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

function drain(fd: number): Buffer {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(65536);
  for (;;) {
    try {
      const n = readSync(fd, buf);
      if (n === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') break;
      throw err;
    }
  }
  return Buffer.concat(chunks);
}

/** Stands in for process.stdout: records what it is given. */
function fakeStream() {
  const got: string[] = [];
  const stream = {
    write: (chunk: string | Uint8Array) => {
      got.push(Buffer.from(chunk).toString('utf8'));
      return true;
    },
    once: () => stream,
  } as unknown as NodeJS.WriteStream;
  return { stream, got };
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

  it('hands the rest to the stream when a non-blocking pipe is full, and keeps using it', () => {
    const { reader, writer } = fifo(constants.O_NONBLOCK);
    const { stream, got } = fakeStream();
    let built = 0;
    const out = new StdioWriter(
      writer,
      () => {
        built++;
        return stream;
      },
      never,
    );
    const big = 'x'.repeat(50_000);
    out.write(`${big}\n`);
    out.write(`${big}\n`); // the pipe holds 64 KiB: this one does not fit
    out.write('after\n');
    expect(built).toBe(1);
    const direct = drain(reader).toString('utf8');
    expect(direct.length).toBeGreaterThanOrEqual(50_001);
    expect(direct + got.join('')).toBe(`${big}\n${big}\nafter\n`);
    expect(got.at(-1)).toBe('after\n');
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
