import { diffLines, countChanges } from '../../src/console/app/pages/admin/rules/line-diff';
import { locateJsonPath } from '../../src/console/app/pages/admin/rules/json-locate';
import { changedFields } from '../../src/console/app/pages/admin/audit/changed-fields';

// The console's pure helpers behind the rule diff, the rule editor's problems and the audit log's changes.

const render = (before: string, after: string) =>
  diffLines(before, after).map((line) => `${{ same: ' ', added: '+', removed: '-' }[line.kind]}${line.text}`);

describe('diffLines', () => {
  test('keeps the common lines and shows what was removed and added between them', () => {
    expect(render('a\nb\nc\nd', 'a\nc\nx\nd')).toEqual([' a', '-b', ' c', '+x', ' d']);
  });

  test('a changed line is a removal then an addition, with the line numbers of each side', () => {
    const lines = diffLines('{\n  "enabled": true,\n  "priority": 50\n}', '{\n  "enabled": false,\n  "priority": 50\n}');
    expect(lines).toEqual([
      { kind: 'same', text: '{', oldNumber: 1, newNumber: 1 },
      { kind: 'removed', text: '  "enabled": true,', oldNumber: 2 },
      { kind: 'added', text: '  "enabled": false,', newNumber: 2 },
      { kind: 'same', text: '  "priority": 50', oldNumber: 3, newNumber: 3 },
      { kind: 'same', text: '}', oldNumber: 4, newNumber: 4 },
    ]);
    expect(countChanges(lines)).toEqual({ added: 1, removed: 1 });
  });

  test('finds the longest common subsequence, not the first match', () => {
    // Greedy matching of "x" first would lose the three common lines after it.
    expect(render('x\na\nb\nc', 'a\nb\nc\nx')).toEqual(['-x', ' a', ' b', ' c', '+x']);
  });

  test('equal texts, an empty side, and texts that share nothing', () => {
    expect(countChanges(diffLines('a\nb', 'a\nb'))).toEqual({ added: 0, removed: 0 });
    expect(render('', 'a')).toEqual(['-', '+a']);
    expect(render('a\nb', 'c\nd')).toEqual(['-a', '-b', '+c', '+d']);
  });

  test('a long text with one change at each end stays exact', () => {
    const middle = Array.from({ length: 1500 }, (_, index) => `line ${index}`);
    const lines = diffLines(['first', ...middle, 'last'].join('\n'), ['FIRST', ...middle, 'LAST'].join('\n'));
    expect(countChanges(lines)).toEqual({ added: 2, removed: 2 });
    expect(lines.filter((line) => line.kind === 'same')).toHaveLength(1500);
  });

  test('past the size of table it builds, the changed middle is all removed then all added: still both texts, line for line', () => {
    const middle = Array.from({ length: 2500 }, (_, index) => `line ${index}`);
    const before = ['first', ...middle, 'end'].join('\n');
    const after = ['FIRST', ...middle, 'END'].join('\n');
    const lines = diffLines(before, after);
    expect(countChanges(lines)).toEqual({ added: 2502, removed: 2502 });
    expect(lines.filter((line) => line.kind !== 'added').map((line) => line.text).join('\n')).toBe(before);
    expect(lines.filter((line) => line.kind !== 'removed').map((line) => line.text).join('\n')).toBe(after);
  });
});

describe('locateJsonPath', () => {
  const text = JSON.stringify({ key: 'k', actions: [{ kind: 'create_task', due: { after: 'two days' } }, { kind: 'notify' }] }, null, 2);

  test('finds a field from its key to the end of its value, with its line', () => {
    const spot = locateJsonPath(text, ['actions', 0, 'due', 'after'])!;
    expect(text.slice(spot.start, spot.end)).toBe('"after": "two days"');
    expect(text.split('\n')[spot.line - 1]).toContain('"after"');
  });

  test('an array item, and a missing field reported at the nearest enclosing one', () => {
    const item = locateJsonPath(text, ['actions', 1])!;
    expect(JSON.parse(text.slice(item.start, item.end))).toEqual({ kind: 'notify' });
    const missing = locateJsonPath(text, ['actions', 1, 'message'])!;
    expect(missing).toEqual(item);
  });

  test('the whole text for an empty path; nothing for text that is not JSON', () => {
    expect(locateJsonPath(text, [])).toMatchObject({ start: 0, end: text.length, line: 1 });
    expect(locateJsonPath('{ "a": ', ['a'])).toBeUndefined();
  });

  test('strings with escaped quotes and brackets do not confuse it', () => {
    const tricky = '{"a": "x\\"]}", "b": [1, {"c": true}]}';
    const spot = locateJsonPath(tricky, ['b', 1, 'c'])!;
    expect(tricky.slice(spot.start, spot.end)).toBe('"c": true');
  });
});

describe('changedFields', () => {
  test('an update lists only the fields whose values differ', () => {
    expect(changedFields({ name: 'Sam', role: 'manager', managerId: null }, { name: 'Sam', role: 'manager', managerId: 'd1' })).toEqual([{ field: 'managerId', before: 'none', after: 'd1' }]);
  });

  test('a creation lists every field as new, a removal every field as gone', () => {
    expect(changedFields(null, { name: 'ci', expiresAt: null })).toEqual([
      { field: 'name', after: 'ci' },
      { field: 'expiresAt', after: 'none' },
    ]);
    expect(changedFields({ name: 'ci' }, null)).toEqual([{ field: 'name', before: 'ci' }]);
  });

  test('nested values are compact JSON, cut when long', () => {
    const [change] = changedFields({ frequencyCap: null }, { frequencyCap: { maxMessages: 2, windowDays: 7 } });
    expect(change).toEqual({ field: 'frequencyCap', before: 'none', after: '{"maxMessages":2,"windowDays":7}' });
    const [long] = changedFields({}, { holidays: Array.from({ length: 20 }, (_, index) => `2030-01-${String(index + 1).padStart(2, '0')}`) });
    expect(long!.after).toHaveLength(80);
    expect(long!.after!.endsWith('…')).toBe(true);
  });

  test('inside objects (and lists of as many objects) only the leaves that changed; lists of plain values compare whole', () => {
    const before = { version: 1, definition: { key: 'r', enabled: true, actions: [{ kind: 'create_task', due: { after: 'P2D' } }] } };
    const after = { version: 2, definition: { key: 'r', enabled: false, actions: [{ kind: 'create_task', due: { after: 'P3D' } }] } };
    expect(changedFields(before, after)).toEqual([
      { field: 'version', before: '1', after: '2' },
      { field: 'definition.enabled', before: 'true', after: 'false' },
      { field: 'definition.actions.0.due.after', before: 'P2D', after: 'P3D' },
    ]);
    expect(changedFields({ weekendDays: [6, 7], holidays: [] }, { weekendDays: [5, 6], holidays: ['2030-12-25'] })).toEqual([
      { field: 'weekendDays', before: '[6,7]', after: '[5,6]' },
      { field: 'holidays', before: '[]', after: '["2030-12-25"]' },
    ]);
  });
});
