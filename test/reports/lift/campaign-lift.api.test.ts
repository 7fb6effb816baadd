import { randomUUID } from 'node:crypto';
import { Prisma } from '../../../src/generated/prisma/client';
import { startTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let marketer: { id: string; key: string };
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.userWithKey('marketer');
});
afterAll(() => t.close());

const DAY = 86_400_000;
/** The list was frozen 30 days ago; every time below is relative to it. */
const LISTED_AT = new Date(Date.now() - 30 * DAY);
const at = (days: number) => new Date(LISTED_AT.getTime() + days * DAY);

const reached = (counts: Partial<Record<string, number>>) => ({ NEW: 0, POTENTIAL: 0, CONTACT_ESTABLISHED: 0, MEETING_HELD: 0, CONTRACT_SIGNED: 0, CLIENT: 0, REFUSED: 0, LOST: 0, ...counts });

/** A campaign straight in the database, EUR, with sub-sources S1 and S2 and a LIST stage that started at LISTED_AT. */
async function campaignWithList(name: string, options: { parentId?: string; evergreen?: boolean } = {}) {
  const campaign = await t.database.db.campaign.create({
    data: {
      name,
      currency: 'EUR',
      parentId: options.parentId ?? null,
      status: 'RUNNING',
      ...(options.evergreen ? { evergreen: { segmentId: randomUUID(), schedule: { every: 'P1D' } } } : {}),
      sources: { create: [{ code: 'S1', name: 'Source one' }, { code: 'S2', name: 'Source two' }] },
      stages: {
        create: options.evergreen
          ? [{ position: 0, type: 'MAILING', status: 'RUNNING', startedAt: LISTED_AT }]
          : [{ position: 0, type: 'LIST', status: 'COMPLETED', startedAt: LISTED_AT, completedAt: LISTED_AT, result: { frozenAt: LISTED_AT.toISOString() } }],
      },
    },
    include: { sources: true, stages: true },
  });
  const source = (code: string) => campaign.sources.find((one) => one.code === code)!.id;
  return { ...campaign, source, stageId: campaign.stages[0].id };
}

/**
 * Accounts, each NEW since 60 days before the listing (a status change then), with the given number
 * of contacts; answers [accountId, contactIds][] in order.
 */
async function accounts(prefix: string, count: number, contactsEach = 1): Promise<{ id: string; contacts: string[] }[]> {
  const created = Array.from({ length: count }, (_, index) => ({ id: randomUUID(), name: `${prefix}${index + 1}`, contacts: Array.from({ length: contactsEach }, () => randomUUID()) }));
  await t.database.db.account.createMany({ data: created.map(({ id, name }) => ({ id, name, createdAt: at(-60) })) });
  await t.database.db.contact.createMany({ data: created.flatMap(({ id, name, contacts }) => contacts.map((contactId, index) => ({ id: contactId, accountId: id, name: `${name} contact ${index + 1}` }))) });
  await t.database.db.statusChange.createMany({ data: created.map(({ id }) => ({ accountId: id, toStatus: 'NEW', reason: 'test', changedAt: at(-60) })) });
  return created.map(({ id, contacts }) => ({ id, contacts }));
}

async function list(campaign: { id: string; stageId: string }, cell: 'TARGET' | 'TEST', rows: { accountId: string; contactId: string; enrollmentId?: string }[]) {
  await t.database.db.campaignRecipient.createMany({
    data: rows.map((row) => ({ campaignId: campaign.id, contactId: row.contactId, accountId: row.accountId, cell, listStageId: campaign.stageId, enrollmentId: row.enrollmentId ?? null })),
  });
}

async function respond(campaign: { id: string; source: (code: string) => string }, rows: { accountId: string; contactId?: string | null; days: number }[]) {
  await t.database.db.response.createMany({
    data: rows.map((row) => ({ campaignId: campaign.id, sourceId: campaign.source('S1'), accountId: row.accountId, contactId: row.contactId ?? null, type: 'CALL', occurredAt: at(row.days), createdById: marketer.id })),
  });
}

/** Moves accounts through statuses: each step a status change at its day; the last step is the current status. */
async function move(accountIds: string[], steps: [status: 'POTENTIAL' | 'MEETING_HELD' | 'CONTRACT_SIGNED', days: number][]) {
  await t.database.db.statusChange.createMany({ data: accountIds.flatMap((accountId) => steps.map(([status, days]) => ({ accountId, toStatus: status, reason: 'test', changedAt: at(days) }))) });
  await t.database.db.account.updateMany({ where: { id: { in: accountIds } }, data: { status: steps[steps.length - 1][0] } });
}

async function deal(accountId: string, amount: number, options: { stage?: 'WON' | 'NEGOTIATION'; currency?: string; campaignSourceId?: string | null }) {
  await t.database.db.opportunity.create({
    data: { accountId, name: 'Deal', amount: new Prisma.Decimal(amount), currency: options.currency ?? 'EUR', stage: options.stage ?? 'WON', campaignSourceId: options.campaignSourceId ?? null, createdById: marketer.id },
  });
}

const report = async (campaignId: string) => {
  const answer = await t.request.get(`/api/v1/reports/campaigns/${campaignId}`).set(as(marketer));
  expect(answer.status).toBe(200);
  return answer.body;
};
const csvLines = async (campaignId: string) => {
  const answer = await t.request.get(`/api/v1/reports/campaigns/${campaignId}?format=csv`).set(as(marketer));
  expect(answer.status).toBe(200);
  const [header, ...lines] = answer.text.trimEnd().split('\r\n');
  const columns = header.split(',');
  // The caveats hold commas: read the lines with a tiny RFC 4180 reader.
  return lines.map((line) => Object.fromEntries(parseCsvLine(line).map((value, index) => [columns[index], value])));
};

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted && char === '"' && line[index + 1] === '"') {
      cell += '"';
      index++;
    } else if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  return [...cells, cell];
}

test("the lift of a list's target cell against its test cell: responses per contact, contracts per account, statuses, revenue, the interval and the z-test; children and other campaigns left out", async () => {
  const campaign = await campaignWithList('Lift spring');
  const other = await campaignWithList('Another campaign');
  const child = await campaignWithList('Lift spring child', { parentId: campaign.id });

  // Target: A1..A50 with one contact each, A1..A10 with a second one (60 contacts, 50 accounts).
  const a = await accounts('A', 50, 2);
  const second = a.slice(0, 10);
  await list(campaign, 'TARGET', [...a.map((account) => ({ accountId: account.id, contactId: account.contacts[0] })), ...second.map((account) => ({ accountId: account.id, contactId: account.contacts[1] }))]);
  // Test: B1..B40, and a contact of A50 (an account with contacts in both cells): 41 contacts, 41 accounts.
  const b = await accounts('B', 40);
  await list(campaign, 'TEST', [...b.map((account) => ({ accountId: account.id, contactId: account.contacts[0] })), { accountId: a[49].id, contactId: a[49].contacts[1] }]);

  // Target responses: A1..A20's first contacts by name; A1 and A21 without a contact (so A1's second
  // contact and A21's contact responded too): 22 contacts, 21 accounts.
  await respond(campaign, [
    ...a.slice(0, 20).map((account, index) => ({ accountId: account.id, contactId: account.contacts[0], days: 1 + (index % 5) })),
    { accountId: a[0].id, days: 2 },
    { accountId: a[20].id, days: 3 },
    // Not counted: before the listing; naming A32's unlisted second contact; another campaign's; the child's.
    { accountId: a[29].id, contactId: a[29].contacts[0], days: -5 },
    { accountId: a[31].id, contactId: a[31].contacts[1], days: 4 },
  ]);
  await respond(other, [{ accountId: a[30].id, contactId: a[30].contacts[0], days: 4 }]);
  // Test responses: B1..B10 by contact, B11 without a contact: 11 contacts, 11 accounts.
  await respond(campaign, [...b.slice(0, 10).map((account) => ({ accountId: account.id, contactId: account.contacts[0], days: 6 })), { accountId: b[10].id, days: 6 }]);

  // Statuses: A1..A6 signed after the listing, A7 before it (reached by its current status, no
  // contract since), A8..A10 POTENTIAL; B1, B2 signed, B3 through POTENTIAL to MEETING_HELD; A50
  // (in both cells) signed: a contract in each cell.
  await move(a.slice(0, 6).map((account) => account.id), [['CONTRACT_SIGNED', 10]]);
  await move([a[6].id], [['CONTRACT_SIGNED', -10]]);
  await move(a.slice(7, 10).map((account) => account.id), [['POTENTIAL', 5]]);
  await move([b[0].id, b[1].id, a[49].id], [['CONTRACT_SIGNED', 10]]);
  await move([b[2].id], [['POTENTIAL', 2], ['MEETING_HELD', 4]]);

  // Deals: WON on the campaign's sub-sources count (A1 1000, A2 500, B1 400, A50 200 in both cells);
  // an open deal, a deal in USD, one on another campaign's source and one without a source do not.
  await deal(a[0].id, 1000, { campaignSourceId: campaign.source('S1') });
  await deal(a[1].id, 500, { campaignSourceId: campaign.source('S2') });
  await deal(a[2].id, 999, { stage: 'NEGOTIATION', campaignSourceId: campaign.source('S1') });
  await deal(a[3].id, 300, { currency: 'USD', campaignSourceId: campaign.source('S1') });
  await deal(a[4].id, 700, { campaignSourceId: other.source('S1') });
  await deal(a[5].id, 800, {});
  await deal(b[0].id, 400, { campaignSourceId: campaign.source('S1') });
  await deal(a[49].id, 200, { campaignSourceId: campaign.source('S2') });

  // The child's own list (its own lift): never in the parent's.
  const c = await accounts('C', 3);
  await list(child, 'TARGET', c.slice(0, 2).map((account) => ({ accountId: account.id, contactId: account.contacts[0] })));
  await list(child, 'TEST', [{ accountId: c[2].id, contactId: c[2].contacts[0] }]);
  await respond(child, [{ accountId: c[0].id, contactId: c[0].contacts[0], days: 1 }]);

  const body = await report(campaign.id);
  expect(body.enrollments).toBeNull();
  expect(body.lift).toEqual({
    target: {
      cell: 'TARGET', contacts: 60, accounts: 50, respondingContacts: 22, respondingAccounts: 21, responseRate: 0.366667, accountResponseRate: 0.42,
      statusesReached: reached({ NEW: 39, POTENTIAL: 3, CONTRACT_SIGNED: 8 }), contracts: 7, contractRate: 0.14, wonDeals: 3, revenue: 1700, revenuePerContact: 28.3333,
    },
    test: {
      cell: 'TEST', contacts: 41, accounts: 41, respondingContacts: 11, respondingAccounts: 11, responseRate: 0.268293, accountResponseRate: 0.268293,
      statusesReached: reached({ NEW: 37, POTENTIAL: 1, MEETING_HELD: 1, CONTRACT_SIGNED: 3 }), contracts: 3, contractRate: 0.073171, wonDeals: 2, revenue: 600, revenuePerContact: 14.6341,
    },
    accountsInBothCells: 1,
    // 22/60 against 11/41 (worked out as in test/unit/lift.test.ts): d = 0.098374, SE = sqrt(p1q1/60 + p2q2/41) = 0.093700,
    // pooled p = 33/101, z = 1.035, p = 0.3006.
    responseRate: {
      unit: 'contact', targetRate: 0.366667, testRate: 0.268293, absoluteLift: 0.098374, relativeLift: 0.3667,
      confidenceInterval: { level: 0.95, low: -0.084002, high: 0.28075 }, zScore: 1.035, pValue: 0.3006, smallSample: false,
    },
    // 7/50 against 3/41: 3 contracts in the test cell, too few for the normal approximation.
    contractRate: {
      unit: 'account', targetRate: 0.14, testRate: 0.073171, absoluteLift: 0.066829, relativeLift: 0.9133,
      confidenceInterval: { level: 0.95, low: -0.058088, high: 0.191746 }, zScore: 1.014, pValue: 0.3105, smallSample: true,
    },
    // 1700/60 - 600/41 = 28.3333 - 14.6341.
    revenuePerContact: { absoluteLift: 13.6992, relativeLift: 0.9361 },
    unavailableReason: null,
    smallCells: false,
    caveats: [
      "The cells are too small for the contract rate's interval and p-value to be trusted (the normal approximation needs at least 30 accounts and 10 contracts and 10 others in each cell; target 7 of 50, test 3 of 41): read it as an indication only.",
      '1 account(s) have listed contacts in both cells: they count in both for the account figures (contracts, statuses, revenue), which narrows the difference.',
    ],
  });

  // The child's report has its own, tiny, lift: flagged.
  const childLift = (await report(child.id)).lift;
  expect(childLift).toMatchObject({ target: { contacts: 2, respondingContacts: 1 }, test: { contacts: 1, respondingContacts: 0 }, smallCells: true, unavailableReason: null });
  expect(childLift.responseRate).toMatchObject({ absoluteLift: 0.5, relativeLift: null, smallSample: true });
  expect(childLift.caveats[0]).toContain("response rate's interval");

  const lines = await csvLines(campaign.id);
  const cells = lines.filter((line) => line.level === 'cell');
  expect(cells.map((line) => [line.cell, line.contacts, line.listed_accounts, line.responding_contacts, line.responding_accounts, line.contracts, line.reached_contract_signed, line.won_deals, line.currency, line.revenue, line.response_rate, line.contract_rate, line.revenue_per_contact])).toEqual([
    ['TARGET', '60', '50', '22', '21', '7', '8', '3', 'EUR', '1700', '0.366667', '0.14', '28.3333'],
    ['TEST', '41', '41', '11', '11', '3', '3', '2', 'EUR', '600', '0.268293', '0.073171', '14.6341'],
  ]);
  expect(cells[0]).toMatchObject({ campaign_id: campaign.id, campaign: 'Lift spring', responses: '', accounts: '' });
  const lifts = lines.filter((line) => line.level === 'lift');
  expect(lifts.map((line) => [line.measure, line.lift_absolute, line.lift_relative, line.ci_low, line.ci_high, line.z_score, line.p_value, line.small_sample])).toEqual([
    ['response_rate', '0.098374', '0.3667', '-0.084002', '0.28075', '1.035', '0.3006', 'false'],
    ['contract_rate', '0.066829', '0.9133', '-0.058088', '0.191746', '1.014', '0.3105', 'true'],
    ['revenue_per_contact', '13.6992', '0.9361', '', '', '', '', ''],
  ]);
  expect(lines.filter((line) => line.level === 'caveat').map((line) => line.caveat)).toEqual(body.lift.caveats);
  expect(lines.filter((line) => line.level === 'enrollment')).toEqual([]);
  // Every line has every column.
  const width = Object.keys(lines[0]).length;
  expect(lines.every((line) => Object.keys(line).length === width && line.level !== undefined)).toBe(true);
});

test('without a test cell, or without a list at all, the lift is unavailable and says why', async () => {
  const tracking = await t.database.db.campaign.create({ data: { name: 'Trade fair', currency: 'EUR', sources: { create: [{ code: 'FAIR', name: 'Fair' }] } } });
  const noList = (await report(tracking.id)).lift;
  expect(noList).toMatchObject({ unavailableReason: 'NO_LIST', responseRate: null, contractRate: null, revenuePerContact: null, smallCells: false, accountsInBothCells: 0 });
  expect(noList.target).toMatchObject({ contacts: 0, accounts: 0, responseRate: null, contractRate: null, revenuePerContact: null, statusesReached: reached({}) });
  expect(noList.caveats).toEqual([expect.stringContaining('The campaign has no list')]);

  const targetOnly = await campaignWithList('No test cell');
  const d = await accounts('D', 3);
  await list(targetOnly, 'TARGET', d.map((account) => ({ accountId: account.id, contactId: account.contacts[0] })));
  await respond(targetOnly, [{ accountId: d[0].id, contactId: d[0].contacts[0], days: 1 }]);
  const lift = (await report(targetOnly.id)).lift;
  expect(lift).toMatchObject({ unavailableReason: 'NO_TEST_CELL', responseRate: null, target: { contacts: 3, respondingContacts: 1, responseRate: 0.333333 }, test: { contacts: 0 } });
  expect(lift.caveats).toEqual([expect.stringContaining('The list has no test cell')]);
  const lines = await csvLines(targetOnly.id);
  expect(lines.filter((line) => line.level === 'lift')).toEqual([]);
  expect(lines.filter((line) => line.level === 'caveat').map((line) => line.caveat)).toEqual(lift.caveats);
});

test("an evergreen campaign: one line per enrollment, newest first, with its counts and each cell's responses and contracts since it enrolled; the lift over every enrollment", async () => {
  const campaign = await campaignWithList('Evergreen welcome', { evergreen: true });
  const enrollment = (number: number, days: number, counts: object, status: 'RUNNING' | 'COMPLETED' = 'COMPLETED') =>
    t.database.db.campaignEnrollment.create({ data: { campaignId: campaign.id, number, scheduledFor: at(days), enrolledAt: at(days), counts, status } });
  const first = await enrollment(1, 0, { matched: 5, merged: 1, suppressed: 0, inOtherCampaigns: 0, alreadyListed: 0, listed: 4, target: 3, testCell: 1 });
  const second = await enrollment(2, 10, { matched: 3, merged: 0, suppressed: 1, inOtherCampaigns: 0, alreadyListed: 0, listed: 2, target: 1, testCell: 1 }, 'RUNNING');
  // Enrolled nobody new: still a line, all zeros (a partial counts object counts 0 for what it lacks).
  const third = await enrollment(3, 20, { matched: 0, listed: 0 }, 'COMPLETED');

  const e = await accounts('E', 6);
  await list(campaign, 'TARGET', [0, 1, 2].map((index) => ({ accountId: e[index].id, contactId: e[index].contacts[0], enrollmentId: first.id })));
  await list(campaign, 'TEST', [{ accountId: e[3].id, contactId: e[3].contacts[0], enrollmentId: first.id }]);
  await list(campaign, 'TARGET', [{ accountId: e[4].id, contactId: e[4].contacts[0], enrollmentId: second.id }]);
  await list(campaign, 'TEST', [{ accountId: e[5].id, contactId: e[5].contacts[0], enrollmentId: second.id }]);
  // E1, E2 respond after the first enrollment; E5 responded before the second enrolled it (day 5 < 10):
  // not counted. E4 (test, first) responds without a contact. E1 signs after it enrolled; E5 signed
  // on day 8, before its enrollment: no contract.
  await respond(campaign, [
    { accountId: e[0].id, contactId: e[0].contacts[0], days: 1 },
    { accountId: e[1].id, contactId: e[1].contacts[0], days: 2 },
    { accountId: e[3].id, days: 3 },
    { accountId: e[4].id, contactId: e[4].contacts[0], days: 5 },
  ]);
  await move([e[0].id], [['CONTRACT_SIGNED', 4]]);
  await move([e[4].id], [['CONTRACT_SIGNED', 8]]);

  const body = await report(campaign.id);
  const cell = (contacts: number, respondingContacts: number, responseRate: number | null, contracts: number) => ({ contacts, respondingContacts, responseRate, contracts });
  const zeroCounts = { matched: 0, merged: 0, suppressed: 0, inOtherCampaigns: 0, alreadyListed: 0, listed: 0, target: 0, testCell: 0 };
  expect(body.enrollments).toEqual({
    total: 3,
    items: [
      { enrollmentId: third.id, number: 3, scheduledFor: at(20).toISOString(), enrolledAt: at(20).toISOString(), status: 'COMPLETED', counts: zeroCounts, target: cell(0, 0, null, 0), test: cell(0, 0, null, 0) },
      {
        enrollmentId: second.id, number: 2, scheduledFor: at(10).toISOString(), enrolledAt: at(10).toISOString(), status: 'RUNNING',
        counts: { matched: 3, merged: 0, suppressed: 1, inOtherCampaigns: 0, alreadyListed: 0, listed: 2, target: 1, testCell: 1 },
        target: cell(1, 0, 0, 0), test: cell(1, 0, 0, 0),
      },
      {
        enrollmentId: first.id, number: 1, scheduledFor: at(0).toISOString(), enrolledAt: at(0).toISOString(), status: 'COMPLETED',
        counts: { matched: 5, merged: 1, suppressed: 0, inOtherCampaigns: 0, alreadyListed: 0, listed: 4, target: 3, testCell: 1 },
        target: cell(3, 2, 0.666667, 1), test: cell(1, 1, 1, 0),
      },
    ],
  });
  // The lift pools every enrollment: 2 of 4 target contacts against 1 of 2 test contacts, far too few.
  expect(body.lift).toMatchObject({
    target: { contacts: 4, respondingContacts: 2, contracts: 1, statusesReached: reached({ NEW: 2, CONTRACT_SIGNED: 2 }) },
    test: { contacts: 2, respondingContacts: 1, contracts: 0 },
    responseRate: { absoluteLift: 0, relativeLift: 0, smallSample: true },
    smallCells: true,
  });

  const lines = (await csvLines(campaign.id)).filter((line) => line.level === 'enrollment');
  expect(lines.map((line) => [line.enrollment, line.scheduled_for, line.enrollment_status, line.matched, line.merged, line.suppressed, line.cell, line.contacts, line.responding_contacts, line.response_rate, line.contracts])).toEqual([
    ['3', at(20).toISOString(), 'COMPLETED', '0', '0', '0', 'TARGET', '0', '0', '', '0'],
    ['3', at(20).toISOString(), 'COMPLETED', '0', '0', '0', 'TEST', '0', '0', '', '0'],
    ['2', at(10).toISOString(), 'RUNNING', '3', '0', '1', 'TARGET', '1', '0', '0', '0'],
    ['2', at(10).toISOString(), 'RUNNING', '3', '0', '1', 'TEST', '1', '0', '0', '0'],
    ['1', at(0).toISOString(), 'COMPLETED', '5', '1', '0', 'TARGET', '3', '2', '0.666667', '1'],
    ['1', at(0).toISOString(), 'COMPLETED', '5', '1', '0', 'TEST', '1', '1', '1', '0'],
  ]);
});

test('an evergreen campaign with many enrollments shows the newest 200, with the total', async () => {
  const campaign = await campaignWithList('Evergreen daily', { evergreen: true });
  await t.database.db.campaignEnrollment.createMany({
    data: Array.from({ length: 205 }, (_, index) => ({ campaignId: campaign.id, number: index + 1, scheduledFor: at(index), enrolledAt: at(index), counts: { listed: 0 }, status: 'COMPLETED' as const })),
  });
  const { enrollments } = await report(campaign.id);
  expect(enrollments.total).toBe(205);
  expect(enrollments.items).toHaveLength(200);
  expect([enrollments.items[0].number, enrollments.items[199].number]).toEqual([205, 6]);
});
