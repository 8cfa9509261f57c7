// The one table layout (src/output/table.ts) and its users: boxed sub-tables, label/value lines
// and the table of accounts (output/formats/table.ts). Today's shapes for ASCII data, the terminal's width for
// everything else, and time in proportion to the rows.
import { describe, expect, it } from 'vitest';
import type { Exporter, RowView } from '../../src/output/exporter.js';
import { exporter as tableExporter } from '../../src/output/formats/table.js';
import { Io } from '../../src/output/io.js';
import { fieldLines, painter, tableLines } from '../../src/output/render.js';
import { fitAccountColumns, fitColumns, overhead, Table, type TableOptions } from '../../src/output/table.js';
import { displayWidth } from '../../src/output/width.js';
import { longText } from '../helpers/layout.js';
import { emptyStdin } from '../helpers/pp.js';

const io = (columns: number, color = false) =>
  new Io({
    stdout: { write: () => true, once: () => undefined, columns, isTTY: true },
    stderr: { write: () => true, once: () => undefined },
    stdin: emptyStdin,
    env: color ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' },
  });

const lines = (text: string): string[] => text.replace(/\n$/, '').split('\n');
const stripColour = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');
/** No lone surrogate (a valid pair is one code point to a `u` regex) and no replacement character. */
const wellFormed = (text: string): boolean => !/[\p{Cs}\ufffd]/u.test(text);

/** A whole table from a head and rows. */
function table(options: TableOptions, head: string[] | undefined, rows: string[][]): string {
  const t = new Table(options);
  return (head ? t.header(head, (s) => s) : '') + rows.map((r) => t.row(r)).join('') + t.end();
}

const names = [
  'Ada 🧑‍💻 Dev',
  'Bob ⚠️ warn',
  '🇫🇷 Camille',
  'Ana 👍🏽 Petrović',
  'Toma\u0301s\u030c',
  '山田太郎',
  'zero\u200bwidth',
];

describe('the shapes of today, for ASCII data', () => {
  it('draws a boxed table as cli-table3 did: padding, a rule between rows, wrapped cells', () => {
    const head = ['Name', 'ID', 'Mailbox ID'];
    const rows = [
      ['Org a', '1', 'urn:li:organization:1234567890'],
      ['Org b with long name', '22', 'x'],
      ['e', '', ''],
    ];
    // a long id is never split: its column is as wide as it, and the name column wraps
    expect(tableLines(io(56), painter(false), head, rows)).toBe(
      [
        '┌────────────────┬────┬────────────────────────────────┐',
        '│ Name           │ ID │ Mailbox ID                     │',
        '├────────────────┼────┼────────────────────────────────┤',
        '│ Org a          │ 1  │ urn:li:organization:1234567890 │',
        '├────────────────┼────┼────────────────────────────────┤',
        '│ Org b with     │ 22 │ x                              │',
        '│ long name      │    │                                │',
        '├────────────────┼────┼────────────────────────────────┤',
        '│ e              │    │                                │',
        '└────────────────┴────┴────────────────────────────────┘',
        '',
      ].join('\n'),
    );
    // narrower than the id and the names' floor: a block per row, the id whole after its label
    expect(tableLines(io(50), painter(false), head, rows)).toContain(
      '    Mailbox ID  urn:li:organization:1234567890\n',
    );
  });

  it('paints the head of a box, not its borders or padding', () => {
    expect(tableLines(io(40, true), painter(true), ['Name', 'ID'], [['a', 'b']])).toBe(
      '┌──────┬────┐\n│ \u001b[2mName\u001b[22m │ \u001b[2mID\u001b[22m │\n├──────┼────┤\n│ a    │ b  │\n└──────┴────┘\n',
    );
  });

  it('lays out label/value lines as before: labels aligned, values wrapped, no trailing spaces', () => {
    const items = [
      { label: 'Headline', value: 'a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f' },
      { label: 'X', value: 'line1\nline2' },
      { label: 'Empty', value: '' },
    ];
    expect(fieldLines(io(40), painter(false), items)).toBe(
      [
        '  Headline  a b c d e f g h i j k l m',
        '            n o p q r s t u v w x y z',
        '            a b c d e f',
        '  X         line1',
        '            line2',
        '  Empty',
        '',
      ].join('\n'),
    );
    expect(fieldLines(io(40, true), painter(true), [{ ...items[0]!, tone: 'ok' }])).toBe(
      '  \u001b[2mHeadline\u001b[22m  \u001b[32ma b c d e f g h i j k l m\u001b[39m\n' +
        '            \u001b[32mn o p q r s t u v w x y z\u001b[39m\n' +
        '            \u001b[32ma b c d e f\u001b[39m\n',
    );
  });
});

describe('Table', () => {
  it('shows the emoji names whole in a column as wide as the terminal draws them', () => {
    const out = table(
      { style: 'box', columns: [{ width: 11 }] },
      ['Name'],
      [['Ada 🧑‍💻 Dev'], ['Bob ⚠️ warn']],
    );
    expect(out).toContain('│ Ada 🧑‍💻 Dev  │');
    expect(out).toContain('│ Bob ⚠️ warn │');
  });

  it('cuts them with an ellipsis between clusters in a narrower column that cuts', () => {
    const columns = [{ width: 8, overflow: 'cut' as const }];
    const out = table({ style: 'plain', columns }, undefined, [['Ada 🧑‍💻 Dev'], ['Bob ⚠️ warn']]);
    expect(out).toBe('Ada 🧑‍💻…\nBob ⚠️…\n'); // the space before the cut is not kept
  });

  it('wraps them between clusters in a narrower column that wraps', () => {
    const out = table({ style: 'box', columns: [{ width: 5 }] }, undefined, [['Ada 🧑‍💻 Dev']]);
    expect(lines(out)).toEqual(['┌───────┐', '│ Ada   │', '│ 🧑‍💻    │', '│ Dev   │', '└───────┘']);
  });

  it('keeps every line of a box as wide as the others, whatever is in the cells', () => {
    for (const width of [3, 5, 8, 12, 20]) {
      const out = table(
        { style: 'box', columns: [{ width }, { width: 4 }, { width: 6, overflow: 'cut' }] },
        ['Name', 'ID', 'Note'],
        names.map((n, i) => [n, String(i), n]),
      );
      expect(new Set(lines(out).map(displayWidth)).size).toBe(1);
      expect(displayWidth(lines(out)[0]!)).toBe(width + 4 + 6 + overhead({ style: 'box' }, 3));
      expect(wellFormed(out)).toBe(true);
    }
  });

  it('never writes a broken character, at any width', () => {
    for (let width = 1; width <= 24; width++) {
      for (const overflow of ['wrap', 'cut'] as const) {
        const out = table({ style: 'plain', columns: [{ width, overflow }, { width: 3 }] }, undefined, [
          [names.join(' '), 'x'],
        ]);
        expect(wellFormed(out)).toBe(true);
        for (const line of lines(out)) {
          // wider only by a word that is never split
          if (displayWidth(line) > width + 2 + 3) expect(line.trim()).toMatch(/^\S+( +x)?$/);
        }
      }
    }
  });

  it('paints after measuring, so colour takes no columns and never encloses padding', () => {
    const options: TableOptions = { style: 'box', columns: [{ width: 12 }, { width: 4 }] };
    const rows = names.map((n, i) => [n, String(i)]);
    const plain = table(options, ['Name', 'ID'], rows);
    const t = new Table(options);
    const red = (s: string) => `\u001b[31m${s}\u001b[39m`;
    const painted = t.header(['Name', 'ID'], red) + rows.map((r) => t.row(r, red)).join('') + t.end();
    expect(painted).not.toBe(plain);
    expect(stripColour(painted)).toBe(plain);
    expect(painted).not.toMatch(/ \u001b\[39m/); // no padding inside the colour
  });

  it('streams: a header, then rows one at a time, make the same text as the whole table', () => {
    const options: TableOptions = { style: 'box', columns: [{ width: 6 }, { width: 6 }] };
    const t = new Table(options);
    const streamed = [t.header(['a', 'b'], (s) => s), t.row(['1', '2']), t.row(['3', '4']), t.end()];
    expect(streamed[0]).toBe('┌────────┬────────┐\n│ a      │ b      │\n');
    expect(streamed[1]).toBe('├────────┼────────┤\n│ 1      │ 2      │\n');
    expect(streamed[3]).toBe('└────────┴────────┘\n');
    expect(streamed.join('')).toBe(
      table(
        options,
        ['a', 'b'],
        [
          ['1', '2'],
          ['3', '4'],
        ],
      ),
    );
  });

  it('in plain style: a gap between columns, an indent, no trailing spaces, 0-wide columns left out', () => {
    const t = new Table({
      style: 'plain',
      gap: 3,
      indent: 1,
      columns: [{ width: 4 }, { width: 0 }, { width: 5 }, { width: 6 }],
    });
    // indent 1, 'ab' padded to 4, gap 3, 'cd' padded to 5, gap 3, the last column not padded
    expect(t.row(['ab', 'hidden', 'cd', ''])).toBe(' ab     cd\n');
    expect(t.row(['ab', 'hidden', 'cd', 'ef gh ij'])).toBe(
      ` ab     cd${' '.repeat(6)}ef gh\n${' '.repeat(16)}ij\n`,
    );
    expect(t.end()).toBe('');
  });
});

describe('fitAccountColumns: what an account table gives up, in order', () => {
  const want = { id: 36, type: 12, name: 29, state: 13 };
  const sum = (c: { id: number; type: number; name: number; state: number }) =>
    c.id + c.type + c.name + c.state + (c.name ? 6 : 4);
  it.each([
    // total: the columns it gets
    [96, { id: 36, type: 12, name: 29, state: 13 }], // all whole
    [83, { id: 36, type: 12, name: 16, state: 13 }], // the name narrows to 16 first
    [79, { id: 36, type: 8, name: 16, state: 13 }], // then the type to 8
    [75, { id: 36, type: 8, name: 12, state: 13 }], // then the name, down to 8
    [71, { id: 36, type: 8, name: 8, state: 13 }],
    [65, { id: 36, type: 8, name: 0, state: 13 }], // then it goes; the id is never cut
  ])('at %i columns', (total, columns) => {
    const fitted = fitAccountColumns(total, want);
    expect(fitted).toEqual({ columns, extra: 0 });
    expect(sum(columns)).toBeLessThanOrEqual(total);
  });

  it('is undefined below that, and a state of several words wraps first, to its longest word', () => {
    expect(fitAccountColumns(60, want)).toBeUndefined();
    expect(fitAccountColumns(96 - 5, want, { stateMin: 8 })?.columns).toEqual({ ...want, state: 8 });
  });

  it('keeps an e-mail in the name whole before the type gives way, when that is enough', () => {
    expect(fitAccountColumns(92, want)?.columns).toEqual({ ...want, name: 25 });
    expect(fitAccountColumns(92, want, { nameKeep: 29 })?.columns).toEqual({ ...want, type: 8 });
    // not enough: the e-mail goes on a line of its own, and the type is not cut for nothing
    expect(fitAccountColumns(83, want, { nameKeep: 29 })?.columns).toEqual({ ...want, name: 16 });
    expect(fitAccountColumns(80, want, { nameKeep: 29 })?.columns).toEqual({ ...want, type: 9, name: 16 });
  });

  it('puts a last column beside only while the name and type are whole, giving it the rest', () => {
    expect(fitAccountColumns(130, want, { extra: 30 })).toEqual({ columns: want, extra: 32 });
    // nice to have: it gives way before the name does
    expect(fitAccountColumns(113, want, { extra: 30 })).toEqual({ columns: want, extra: 0 });
    expect(fitAccountColumns(100, want, { extra: 30 })).toEqual({ columns: want, extra: 0 });
  });
});

describe('fitColumns', () => {
  it('leaves columns that fit alone', () => {
    expect(fitColumns([10, 4, 20], 100, overhead({ style: 'box' }, 3))).toEqual([10, 4, 20]);
  });

  it('shrinks the widest column first, to fit the terminal exactly', () => {
    const widths = fitColumns([10, 4, 60], 60, overhead({ style: 'box' }, 3));
    expect(widths).toEqual([10, 4, 36]);
    expect(widths.reduce((a, b) => a + b) + overhead({ style: 'box' }, 3)).toBe(60);
    expect(fitColumns([30, 30, 4], 40, 10)).toEqual([13, 13, 4]);
  });

  it('never goes below the minimum', () => {
    expect(fitColumns([50, 50, 50], 10, 10, 6)).toEqual([6, 6, 6]);
    expect(fitColumns([3, 50], 10, 7, 6)).toEqual([3, 9]); // room for two minimums, shared
  });
});

describe('tableLines and fieldLines', () => {
  it('show emoji names whole in the table when the terminal is wide enough', () => {
    const rows = names.map((n, i) => [n, String(i)]);
    const out = tableLines(io(60), painter(false), ['Name', 'ID'], rows);
    expect(out).toContain('┌');
    for (const name of names) expect(out).toContain(name);
    expect(new Set(lines(out).map(displayWidth)).size).toBe(1);
  });

  it('keep label/value lines within the terminal with emoji, wide and zero-width text', () => {
    const items = names.map((n, i) => ({
      label: `Name ${i}`,
      value: `${n} ${names.join(' ')} ${names.join('')}`,
    }));
    for (const columns of [30, 50, 80]) {
      const out = fieldLines(io(columns), painter(false), items);
      expect(wellFormed(out)).toBe(true);
      for (const line of lines(out)) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    }
  });

  it('lay out a 10,000-character signature, all of it', () => {
    const value = longText(10_000, 19);
    // its time is measured by `npm run bench` (scripts/bench-render.mjs): with cli-table3, 580 s
    const out = fieldLines(io(100), painter(false), [{ label: 'Signature', value }]);
    for (const line of lines(out)) expect(displayWidth(line)).toBeLessThanOrEqual(100);
    const shown = out.replace('  Signature', '').replace(/\s+/g, '');
    expect(shown).toBe(value.replace(/\s+/g, ''));
  });
});

describe('the table of accounts', () => {
  interface Row {
    id: string;
    name: string;
    state?: string;
  }
  const view = (layout: 'held' | 'stream'): RowView<Row> => ({
    account: (r) => ({
      id: r.id,
      type: 'LINKEDIN',
      name: r.name,
      health: { state: r.state === undefined ? 'ok' : 'stopped', reasons: [] },
    }),
    json: (r) => ({ ...r }),
    table: { layout },
  });
  const table = (columns: number, layout: 'held' | 'stream') => {
    const written: string[] = [];
    const write = (t: string) => written.push(t) > 0;
    const deps = {
      io: new Io({
        stdout: { write, once: () => undefined, columns, isTTY: true },
        stderr: { write: () => true, once: () => undefined },
        stdin: emptyStdin,
        env: { NO_COLOR: '1' },
      }),
      clock: { now: () => 0, sleep: async () => {}, every: () => () => {} },
      warn: () => {},
      note: async () => {},
      profile: 'default',
    };
    const exporter: Exporter<Row> = tableExporter(view(layout), deps);
    return { exporter, written };
  };
  const summary = { counts: new Map(), line: '' };

  it('holds its rows and sizes the columns from all of them, whichever page they came on', async () => {
    const { exporter, written } = table(160, 'held');
    const rows = [
      { id: 'acc_1', name: 'Ada' },
      { id: 'acc_w_mail_stop', name: 'bonjour@lumen-boulangerie.fr' }, // a later page
    ];
    expect(rows.map((r) => exporter.row(r)).join('')).toBe('');
    await exporter.end(summary);
    expect(lines(written.join(''))).toEqual([
      'ID               TYPE      NAME                          STATE',
      'acc_1            LINKEDIN  Ada                           ok',
      'acc_w_mail_stop  LINKEDIN  bonjour@lumen-boulangerie.fr  ok',
    ]);
  });

  it('shows an emoji name whole when the column is wide enough, cut between clusters if not', async () => {
    const { exporter, written } = table(45, 'held');
    for (const name of ['Ada 🧑‍💻 Dev', 'Bob ⚠️ warn', `Ada 🧑‍💻 Dev ${'x'.repeat(30)}`])
      exporter.row({ id: 'acc_1', name });
    await exporter.end(summary);
    const out = lines(written.join(''));
    expect(out[1]).toBe(`acc_1  LINKEDIN  Ada 🧑‍💻 Dev${' '.repeat(13)}ok`); // 10 columns, padded to 21, and the gap
    expect(out[2]).toBe(`acc_1  LINKEDIN  Bob ⚠️ warn${' '.repeat(12)}ok`);
    expect(out[3]).toBe('acc_1  LINKEDIN  Ada 🧑‍💻 Dev xxxxxxxxx…  ok'); // cut between clusters
    for (const line of out) expect(displayWidth(line)).toBeLessThanOrEqual(45);
  });

  it('streamed, widens the row of an id wider than the column and puts such an e-mail below, never cutting either', () => {
    const { exporter } = table(60, 'stream');
    const ahead = () => ({ rows: [], pending: false, widestId: 5 });
    const first = lines(exporter.row({ id: 'acc_1', name: 'Ada Lovelace' }, ahead));
    const later = lines(exporter.row({ id: 'acc_a_much_longer_one', name: 'Grace Hopper' }, ahead));
    const mail = lines(exporter.row({ id: 'acc_2', name: 'someone.with.a.long.address@example.org' }, ahead));
    expect(first[0]).toMatch(/^ID {5}TYPE {6}NAME {10}STATE$/);
    expect(later[0]).toMatch(/^acc_a_much_longer_one {2}LINKEDIN {2}Grace Hopper {2}ok$/);
    // STATE where the header has it; the address whole on the next line, from the NAME column
    expect(mail).toEqual([
      `acc_2  LINKEDIN  ${' '.repeat(14)}ok`,
      `${' '.repeat(17)}someone.with.a.long.address@example.org`,
    ]);
    expect(mail[0]!.indexOf('ok')).toBe(first[0]!.indexOf('STATE'));
    // one the line has room for takes it, on its row
    const roomy = lines(exporter.row({ id: 'acc_3', name: 'ada@example.org' }, ahead));
    expect(roomy).toEqual(['acc_3  LINKEDIN  ada@example.org  ok']);
  });
});
