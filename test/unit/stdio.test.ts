// StdioWriter: off a terminal it writes to the descriptor (to a file or /dev/null at once; to a pipe
// its first 16 KB at once, then in the thread pool), in order, across both descriptors; a reader that does not read blocks neither the event loop nor the requests,
// and write() says when to wait (backpressure); a failed write is reported once.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, constants, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { descriptorKind, StdioWriter } from '../../src/output/stdio.js';
import { tempDir } from '../helpers/run.js';

const open: number[] = [];
afterEach(() => {
  for (const fd of open.splice(0)) closeSync(fd);
});
const track = (fd: number) => {
  open.push(fd);
  return fd;
};
const untrack = (fd: number) => closeSync(open.splice(open.indexOf(fd), 1)[0]!);

/** A named pipe with a reader that has not read yet, and a writer in the given mode. */
function fifo(writerFlags: number): { path: string; reader: number; writer: number } {
  const path = join(tempDir('pp-fifo-'), 'pipe');
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  const reader = track(openSync(path, constants.O_RDONLY | constants.O_NONBLOCK));
  const writer = track(openSync(path, constants.O_WRONLY | writerFlags));
  return { path, reader, writer };
}

/** Whether everything written is out before the event loop turns (a queued write needs a turn). */
const atOnce = (out: StdioWriter) => async (): Promise<boolean> => {
  let idle = false;
  void out.idle().then(() => {
    idle = true;
  });
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return idle;
};

/** What a pipe's non-blocking reader can read now. */
function readAvailable(fd: number): string {
  const buffer = Buffer.alloc(1024 * 1024);
  let text = '';
  for (;;) {
    let n = 0;
    try {
      n = readSync(fd, buffer);
    } catch {
      break; // EAGAIN: nothing more for now
    }
    if (n === 0) break;
    text += buffer.toString('utf8', 0, n);
  }
  return text;
}

const never = () => {
  throw new Error('the stream should not have been built');
};

describe('descriptorKind', () => {
  it('tells a file and /dev/null from a pipe and a closed descriptor, none of them a terminal', () => {
    const devNull = track(openSync('/dev/null', 'w'));
    const file = track(openSync(join(tempDir(), 'out'), 'w'));
    const { writer } = fifo(0);
    expect([devNull, file, writer, 987_654].map(descriptorKind)).toEqual(['file', 'file', 'other', 'other']);
  });
});

describe('StdioWriter', () => {
  // first in this file: the budget of bytes written at once is the process's, spent by the tests after
  it('writes a run’s first bytes to a pipe at once (no thread pool for a page of help), then through the queue', async () => {
    const { reader, writer } = fifo(0);
    const out = new StdioWriter(writer, never, never);
    const outAtOnce = atOnce(out);
    out.write('written before write() returns\n');
    expect(await outAtOnce()).toBe(true);
    expect(readAvailable(reader)).toBe('written before write() returns\n');
    out.write('x'.repeat(20 * 1024)); // past the 16 KB: queued
    expect(await outAtOnce()).toBe(false);
    await out.idle();
    expect(readAvailable(reader)).toHaveLength(20 * 1024);
  });

  it('writes to a file or /dev/null at once, however much (no reader can hold it up)', async () => {
    const path = join(tempDir(), 'out');
    for (const fd of [track(openSync(path, 'w')), track(openSync('/dev/null', 'w'))]) {
      const out = new StdioWriter(fd, never, never);
      const outAtOnce = atOnce(out);
      // far past the 16 KB a pipe gets at once, and past the queue's 1 MB
      for (let i = 0; i < 3; i++) expect(out.write('x'.repeat(1024 * 1024))).toBe(true);
      expect(await outAtOnce()).toBe(true);
    }
    expect(readFileSync(path, 'utf8')).toHaveLength(3 * 1024 * 1024);
  });

  it('writes every byte to a file, in order, without building the stream', async () => {
    const path = join(tempDir(), 'out');
    const fd = track(openSync(path, 'w'));
    const out = new StdioWriter(fd, never, never);
    expect(out.isTTY).toBe(false);
    expect(out.columns).toBeUndefined();
    const lines = Array.from({ length: 2000 }, (_, i) => `${i} Zoë 東京 🎉\n`);
    for (const line of lines) out.write(line);
    await out.idle();
    expect(readFileSync(path, 'utf8')).toBe(lines.join(''));
  });

  it('keeps the order of writes across standard output and error sharing one file (2>&1)', async () => {
    const path = join(tempDir(), 'both');
    const a = track(openSync(path, 'a'));
    const b = track(openSync(path, 'a'));
    const out = new StdioWriter(a, never, never);
    const err = new StdioWriter(b, never, never);
    const expected: string[] = [];
    for (let i = 0; i < 500; i++) {
      const w = i % 3 === 0 ? err : out;
      const line = `${w === err ? 'err' : 'out'} ${i}\n`;
      w.write(line);
      expected.push(line);
    }
    await Promise.all([out.idle(), err.idle()]);
    expect(readFileSync(path, 'utf8')).toBe(expected.join(''));
  });

  it('a reader that does not read blocks neither the event loop nor anything else; then nothing is lost', async () => {
    const { path, reader, writer } = fifo(0); // a blocking pipe, as a shell gives one
    const out = new StdioWriter(writer, never, never);
    // ~2.7 MB: far past a pipe's 64 KB, and past the 1 MB queue that makes write() say to wait
    const lines = Array.from({ length: 40_000 }, (_, i) => `${i} ${'x'.repeat(60)}\n`);
    let refused = 0;
    for (const line of lines) if (!out.write(line)) refused++;
    // backpressure: write() said to wait once the queue was long
    expect(refused).toBeGreaterThan(0);
    let drained = false;
    out.once('drain', () => {
      drained = true;
    });
    // The pipe is full and nobody reads; timers still fire (a synchronous write would block here).
    const ticks: number[] = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      ticks.push(i);
    }
    expect(ticks).toHaveLength(5);
    expect(drained).toBe(false);
    // now a reader drains it (the idle reader stays open: closing the last reader would be EPIPE)
    expect(reader).toBeGreaterThan(0);
    const dir = join(path, '..');
    const cat = spawn('sh', ['-c', `cat "${path}" > "${join(dir, 'out')}"`]);
    await out.idle();
    expect(drained).toBe(true);
    untrack(writer);
    await once(cat, 'close');
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe(lines.join(''));
  });

  it('waits for a slow reader when a non-blocking pipe is full (EAGAIN), and loses nothing', async () => {
    const dir = tempDir('pp-fifo-');
    const path = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [path]).status).toBe(0);
    const idle = track(openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)); // lets the writer open
    const writer = track(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    const reader = spawn('sh', ['-c', `sleep 0.3; cat "${path}" > "${join(dir, 'out')}"`]);
    const out = new StdioWriter(writer, never, never);
    const lines = Array.from({ length: 4000 }, (_, i) => `${i} ${'x'.repeat(60)}\n`); // ~270 KB
    for (const line of lines) out.write(line);
    await out.idle();
    untrack(writer);
    untrack(idle);
    await once(reader, 'close');
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe(lines.join(''));
  });

  it('reports EPIPE once, builds no stream and writes nothing more, when the reader has gone', async () => {
    const { reader, writer } = fifo(0);
    untrack(reader);
    const errors: (string | undefined)[] = [];
    const out = new StdioWriter(writer, never, (err) => errors.push(err.code));
    out.write('nobody reads this\n');
    out.write('nor this\n');
    await out.idle();
    out.write('nor this either\n');
    await out.idle();
    expect(errors).toEqual(['EPIPE']);
  });
});
