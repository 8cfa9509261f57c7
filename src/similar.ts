// Which of some names a mistyped word was most likely meant to be: "Did you mean" for commands,
// help topics and profile names alike.

/**
 * The names a mistyped `word` was most likely meant to be, in alphabetical order: those at the
 * smallest edit distance, if it is at most 3 and leaves more than 40% of the longer word alike
 * (the rule commander's own suggestions follow, so both read the same).
 */
export function closest(word: string, names: readonly string[]): string[] {
  let best = Number.POSITIVE_INFINITY;
  let found: string[] = [];
  for (const name of new Set(names)) {
    if (name.length <= 1) continue;
    const distance = editDistance(word, name);
    const length = Math.max(word.length, name.length);
    if (distance > 3 || (length - distance) / length <= 0.4) continue;
    if (distance < best) {
      best = distance;
      found = [name];
    } else if (distance === best) found.push(name);
  }
  return found.sort((a, b) => a.localeCompare(b));
}

/** Insertions, deletions, substitutions, and two neighbouring letters swapped, each one edit. */
function editDistance(a: string, b: string): number {
  // rows i-2, i-1 and i of the table, over b's positions
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let cost = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        cost = Math.min(cost, before[j - 2]! + 1);
      row.push(cost);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}
