import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { Io } from '../../src/output/io.js';
import { fitColumns, painter, tableLines } from '../../src/output/render.js';
import { emptyStdin } from '../helpers/pp.js';

const io = (columns: number) =>
  new Io({
    stdout: { write: () => true, once: () => undefined, columns },
    stderr: { write: () => true, once: () => undefined },
    stdin: emptyStdin,
    env: {},
  });

describe('long tables', () => {
  const head = ['Name', 'ID', 'Mailbox ID'];
  const rows = Array.from({ length: 1234 }, (_, i) => [
    `Org ${i}`,
    String(i * 7),
    `urn:li:organization:${i}`,
  ]);

  it('are laid out in slices that join into exactly the table cli-table3 would draw in one go', () => {
    const sliced = tableLines(io(100), painter(false), head, rows);
    const natural = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const whole = new Table({
      head,
      style: { head: [], border: [] },
      colWidths: fitColumns(natural, 100, 4),
    });
    for (const r of rows) whole.push(r);
    expect(sliced).toBe(`${whole.toString()}\n`);
  });
});
