import { criteriaToSql } from '../../src/segments/criteria-to-sql';
import { SegmentCriteria } from '../../src/segments/segment-criteria.schemas';

const compile = (criteria: unknown) => {
  const sql = criteriaToSql(SegmentCriteria.parse(criteria));
  return { text: sql.text.replace('a.archived_at IS NULL AND ', ''), values: sql.values, full: sql.text };
};
const OWNER = '7f1c1a8e-5f0b-4c59-9a57-1f4f7d6c2b10';

describe('criteriaToSql', () => {
  test('when compiling any criteria then archived accounts are excluded first', () => {
    expect(compile({ field: 'account.status', op: 'eq', value: 'NEW' }).full).toMatch(/^a\.archived_at IS NULL AND /);
  });

  test.each([
    [{ field: 'account.status', op: 'eq', value: 'NEW' }, 'COALESCE((a.status = CAST($1 AS "AccountStatus")), FALSE)', ['NEW']],
    [{ field: 'account.segment', op: 'neq', value: 'retail' }, 'COALESCE((a.segment IS DISTINCT FROM CAST($1 AS text)), FALSE)', ['retail']],
    [{ field: 'account.ownerId', op: 'in', value: [OWNER] }, 'COALESCE((a.owner_id = ANY(CAST($1 AS uuid[]))), FALSE)', [[OWNER]]],
    [{ field: 'account.status', op: 'in', value: ['NEW', 'LOST'] }, 'COALESCE((a.status = ANY(CAST($1 AS "AccountStatus"[]))), FALSE)', [['NEW', 'LOST']]],
    [{ field: 'account.name', op: 'contains', value: '50%_off\\' }, 'COALESCE((a.name ILIKE $1), FALSE)', ['%50\\%\\_off\\\\%']],
    [{ field: 'account.createdAt', op: 'before', value: '2024-01-01' }, 'COALESCE((a.created_at < CAST($1 AS timestamptz)), FALSE)', ['2024-01-01']],
    [{ field: 'account.createdAt', op: 'after', value: '2024-01-01T00:00:00Z' }, 'COALESCE((a.created_at > CAST($1 AS timestamptz)), FALSE)', ['2024-01-01T00:00:00Z']],
    [
      { field: 'account.lastContactedAt', op: 'withinDays', value: 30 },
      'COALESCE((a.last_contacted_at >= now() - make_interval(days => CAST($1 AS integer))), FALSE)',
      [30],
    ],
    [{ field: 'account.lastContactedAt', op: 'isSet' }, 'COALESCE((a.last_contacted_at IS NOT NULL), FALSE)', []],
    [{ field: 'account.leadSource', op: 'isNotSet' }, "COALESCE(NOT (a.lead_source IS NOT NULL AND a.lead_source <> ''), FALSE)", []],
    [
      { field: 'account.fields', key: 'tier', op: 'in', value: ['gold', 5, true] },
      'COALESCE(((a.fields ->> CAST($1 AS text)) = ANY(CAST($2 AS text[]))), FALSE)',
      ['tier', ['gold', '5', 'true']],
    ],
    [{ field: 'contact.email', op: 'eq', value: 'Ann@Acme.com' }, 'COALESCE((c.email_normalized = CAST($1 AS text)), FALSE)', ['ann@acme.com']],
    [{ field: 'contact.title', op: 'contains', value: 'sales' }, 'COALESCE((c.title ILIKE $1), FALSE)', ['%sales%']],
    [{ field: 'contact.hasEmail', op: 'eq', value: false }, "COALESCE(NOT (c.email_normalized IS NOT NULL AND c.email_normalized <> ''), FALSE)", []],
  ])('when compiling %j then the SQL is a fixed column and the value a parameter', (criteria, text, values) => {
    expect(compile(criteria)).toMatchObject({ text, values });
  });

  test('when nodes combine all, any and not then they nest in parentheses with parameters in order', () => {
    const { text, values } = compile({
      any: [
        { not: { field: 'account.status', op: 'in', value: ['NEW'] } },
        { all: [{ field: 'contact.title', op: 'isSet' }, { field: 'account.segment', op: 'eq', value: 'retail' }] },
      ],
    });
    expect(text).toBe(
      '(NOT COALESCE((a.status = ANY(CAST($1 AS "AccountStatus"[]))), FALSE) OR ' +
        "(COALESCE((c.title IS NOT NULL AND c.title <> ''), FALSE) AND COALESCE((a.segment = CAST($2 AS text)), FALSE)))",
    );
    expect(values).toEqual([['NEW'], 'retail']);
  });

  test('when a value holds SQL then it stays a parameter and never reaches the SQL text', () => {
    const attack = "x'); DROP TABLE accounts; --";
    const { text, values } = compile({ any: [{ field: 'account.name', op: 'eq', value: attack }, { field: 'account.fields', key: attack, op: 'isSet' }] });
    expect(text).not.toContain('DROP');
    expect(values).toEqual([attack, attack, attack]);
  });
});

describe('SegmentCriteria', () => {
  const problems = (criteria: unknown) => {
    const result = SegmentCriteria.safeParse(criteria);
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
  };

  test('when an op does not fit the field then the op is named by its path', () => {
    expect(problems({ all: [{ field: 'account.name', op: 'eq', value: 'x' }, { field: 'account.createdAt', op: 'contains', value: 'x' }] })).toEqual(['all.1.op']);
  });

  test('when values are wrong for the op then the value is named', () => {
    expect(problems({ field: 'account.status', op: 'eq', value: 'BOSS' })).toEqual(['value']);
    expect(problems({ field: 'account.ownerId', op: 'in', value: ['nope'] })).toEqual(['value.0']);
    expect(problems({ field: 'account.lastContactedAt', op: 'withinDays', value: 0 })).toEqual(['value']);
    expect(problems({ field: 'account.name', op: 'isSet', value: 'x' })).toEqual(['value']);
    expect(problems({ field: 'account.name', op: 'in', value: Array.from({ length: 1001 }, (_, i) => `n${i}`) })).toEqual(['value']);
  });

  test('when a node mixes shapes or misses parts then each is named', () => {
    expect(problems({ all: [{ field: 'account.name', op: 'isSet' }], field: 'account.name' })).toEqual(['field']);
    expect(problems({ field: 'account.fields', op: 'isSet' })).toEqual(['key']);
    expect(problems({ field: 'account.name', key: 'k', op: 'isSet' })).toEqual(['key']);
    expect(problems({ any: [{ field: 'account.name', value: 'x' }] })).toEqual(['any.0.op']);
  });

  test('when criteria nest deeper than 6 levels or hold more than 100 conditions then they are refused without recursion', () => {
    let deep: unknown = { field: 'account.name', op: 'isSet' };
    for (let level = 1; level < 6; level++) deep = { not: deep };
    expect(problems(deep)).toEqual([]);
    expect(problems({ not: deep })).toEqual(['']);
    let huge: unknown = deep;
    for (let level = 0; level < 50_000; level++) huge = { not: huge };
    expect(problems(huge)).toEqual(['']);
    expect(problems({ any: Array.from({ length: 101 }, () => ({ field: 'account.name', op: 'isSet' })) })).toEqual(['']);
  });
});
