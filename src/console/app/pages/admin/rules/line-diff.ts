export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
  /** 1-based line number in the old text (same and removed lines). */
  oldNumber?: number;
  /** 1-based line number in the new text (same and added lines). */
  newNumber?: number;
}

/** Above this many cells the LCS table is not built: the changed middle is shown as removed, then added. */
const MAX_TABLE_CELLS = 4_000_000;

/**
 * A line diff of two texts by longest common subsequence: the lines both keep, and what was
 * removed and added between them (removals first). The common head and tail are taken off first,
 * so the table covers only the changed middle: a rule's definition is tens of lines, an edit a few.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;

  const result: DiffLine[] = [];
  const same = (oldIndex: number, newIndex: number) => result.push({ kind: 'same', text: a[oldIndex]!, oldNumber: oldIndex + 1, newNumber: newIndex + 1 });
  const removed = (oldIndex: number) => result.push({ kind: 'removed', text: a[oldIndex]!, oldNumber: oldIndex + 1 });
  const added = (newIndex: number) => result.push({ kind: 'added', text: b[newIndex]!, newNumber: newIndex + 1 });

  for (let index = 0; index < head; index++) same(index, index);
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n * m > MAX_TABLE_CELLS) {
    for (let i = 0; i < n; i++) removed(head + i);
    for (let j = 0; j < m; j++) added(head + j);
  } else {
    // lengths[i * (m + 1) + j]: the longest common subsequence of the middles' suffixes from i and j.
    const width = m + 1;
    const lengths = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i * width + j] = a[head + i] === b[head + j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[head + i] === b[head + j]) same(head + i++, head + j++);
      else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) removed(head + i++);
      else added(head + j++);
    }
    while (i < n) removed(head + i++);
    while (j < m) added(head + j++);
  }
  for (let index = tail; index > 0; index--) same(a.length - index, b.length - index);
  return result;
}

export const countChanges = (lines: readonly DiffLine[]) => ({
  added: lines.filter((line) => line.kind === 'added').length,
  removed: lines.filter((line) => line.kind === 'removed').length,
});
