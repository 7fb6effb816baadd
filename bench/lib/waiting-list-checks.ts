import type pg from 'pg';

/** One of an event's registrations as the database holds it, with its contact's e-mail. */
export interface StoredRegistration {
  id: string;
  status: 'REGISTERED' | 'WAITING' | 'CANCELLED';
  registeredAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
  email: string | null;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** An event's registrations in waiting-list order (registeredAt, then id), read straight from PostgreSQL. */
export async function readRegistrations(client: pg.Client, eventId: string): Promise<StoredRegistration[]> {
  const { rows } = await client.query<StoredRegistration>(
    `SELECT r.id, r.status::text AS status, r.registered_at AS "registeredAt", r.confirmed_at AS "confirmedAt", r.cancelled_at AS "cancelledAt",
            lower(c.email) AS email
       FROM event_registrations r JOIN contacts c ON c.id = r.contact_id
      WHERE r.event_id = $1
      ORDER BY r.registered_at, r.id`,
    [eventId],
  );
  return rows;
}

/** The waiting list as the API shows it (GET /events/:id/registrations?status=WAITING, every page). */
export async function readWaitingListThroughApi(get: (path: string) => Promise<any>, eventId: string): Promise<{ id: string; waitingPosition: number | null }[]> {
  const items: { id: string; waitingPosition: number | null }[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { id: string; waitingPosition: number | null }[]; nextCursor: string | null } = await get(
      `/api/v1/events/${eventId}/registrations?status=WAITING&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items.map(({ id, waitingPosition }) => ({ id, waitingPosition })));
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });

const countBy = (rows: StoredRegistration[]) => rows.reduce<Record<string, number>>((counts, row) => ((counts[row.status] = (counts[row.status] ?? 0) + 1), counts), {});

const firstDifference = (actual: string[], expected: string[]) => {
  const at = expected.findIndex((id, i) => actual[i] !== id);
  return at < 0 ? (actual.length === expected.length ? -1 : expected.length) : at;
};

/**
 * Right after the load: exactly `capacity` REGISTERED and the rest WAITING, one registration per
 * person and per e-mail address, the API's waiting positions 1..n in (registeredAt, id) order, what
 * each person's page said equal to where they stand, and first come first served (nobody waits who
 * came before someone who got a seat).
 */
export function checkAfterLoad(
  rows: StoredRegistration[],
  apiWaiting: { id: string; waitingPosition: number | null }[],
  expected: { people: number; capacity: number; emails: string[] },
  pages: Map<string, { status: string; waitingPosition: number | null }>,
): Check[] {
  const counts = countBy(rows);
  const waiting = rows.filter((row) => row.status === 'WAITING');
  const registered = rows.filter((row) => row.status === 'REGISTERED');
  const byEmail = new Map<string, number>();
  for (const row of rows) if (row.email) byEmail.set(row.email, (byEmail.get(row.email) ?? 0) + 1);
  const twice = [...byEmail].filter(([, n]) => n > 1);
  const missing = expected.emails.filter((email) => !byEmail.has(email));
  const apiOrder = firstDifference(
    apiWaiting.map((item) => item.id),
    waiting.map((row) => row.id),
  );
  const badPositions = apiWaiting.filter((item, i) => item.waitingPosition !== i + 1).length;
  const pageMismatches = rows.filter((row) => {
    const page = pages.get(row.email ?? '');
    return page && (page.status !== row.status || page.waitingPosition !== (row.status === 'WAITING' ? waiting.indexOf(row) + 1 : null));
  });
  const lastSeat = registered.at(-1);
  const firstWaiting = waiting[0];
  const fair = !lastSeat || !firstWaiting || rows.indexOf(lastSeat) < rows.indexOf(firstWaiting);
  const wantWaiting = Math.max(0, expected.people - expected.capacity);
  return [
    check('one registration per person', rows.length === expected.people && missing.length === 0, `${rows.length} rows for ${expected.people} people, ${missing.length} missing`),
    check('no e-mail address registered twice', twice.length === 0, twice.length ? `${twice.length} twice, e.g. ${twice[0][0]}` : `${byEmail.size} distinct addresses`),
    check(
      `exactly ${Math.min(expected.capacity, expected.people)} REGISTERED and ${wantWaiting} WAITING`,
      (counts.REGISTERED ?? 0) === Math.min(expected.capacity, expected.people) && (counts.WAITING ?? 0) === wantWaiting && !counts.CANCELLED,
      JSON.stringify(counts),
    ),
    check(
      'seats confirmed, waiting ones not',
      registered.every((row) => row.confirmedAt) && waiting.every((row) => !row.confirmedAt),
      `${registered.filter((row) => !row.confirmedAt).length} registered without confirmedAt, ${waiting.filter((row) => row.confirmedAt).length} waiting with one`,
    ),
    check(
      'API waiting list = registeredAt order, positions 1..n',
      apiOrder < 0 && badPositions === 0,
      apiOrder < 0 ? `${apiWaiting.length} waiting, positions 1..${apiWaiting.length}` : `differs at index ${apiOrder}; ${badPositions} wrong positions`,
    ),
    check('each page said where its person stands', pageMismatches.length === 0 && pages.size === rows.length, `${pages.size} pages read, ${pageMismatches.length} differ from the final list`),
    check('first come, first served (every seat registered before every waiting one)', fair, fair ? 'yes' : `last seat ${lastSeat?.registeredAt.toISOString()} after first waiting ${firstWaiting?.registeredAt.toISOString()}`),
  ];
}

/**
 * After cancelling `cancelled` (seats, one after the other): they are CANCELLED, the first as many
 * of the old waiting list got their seats in waiting order (confirmedAt rising with the old
 * position), and the rest wait on in the same order, the API numbering them from 1.
 */
export function checkAfterCancellations(
  before: StoredRegistration[],
  after: StoredRegistration[],
  apiWaiting: { id: string; waitingPosition: number | null }[],
  cancelled: string[],
  capacity: number,
): Check[] {
  const byId = new Map(after.map((row) => [row.id, row]));
  const oldWaiting = before.filter((row) => row.status === 'WAITING').map((row) => row.id);
  const promotedIds = oldWaiting.slice(0, cancelled.length);
  const promoted = promotedIds.map((id) => byId.get(id));
  const stillWaiting = after.filter((row) => row.status === 'WAITING').map((row) => row.id);
  const confirmedTimes = promoted.map((row) => row?.confirmedAt?.getTime() ?? NaN);
  const inOrder = confirmedTimes.every((time, i) => !Number.isNaN(time) && (i === 0 || time >= confirmedTimes[i - 1]));
  const counts = countBy(after);
  const orderAt = firstDifference(stillWaiting, oldWaiting.slice(cancelled.length));
  const apiAt = firstDifference(
    apiWaiting.map((item) => item.id),
    stillWaiting,
  );
  return [
    check(`the ${cancelled.length} cancelled`, cancelled.every((id) => byId.get(id)?.status === 'CANCELLED' && byId.get(id)?.cancelledAt), `${cancelled.filter((id) => byId.get(id)?.status === 'CANCELLED').length} CANCELLED`),
    check(
      `the first ${cancelled.length} waiting got seats`,
      promoted.every((row) => row?.status === 'REGISTERED' && row.confirmedAt),
      `${promoted.filter((row) => row?.status === 'REGISTERED').length} of ${promotedIds.length} REGISTERED`,
    ),
    check('promoted in waiting order (confirmedAt rising)', inOrder, inOrder ? 'yes' : `confirmedAt: ${confirmedTimes.map((time) => (Number.isNaN(time) ? '-' : new Date(time).toISOString().slice(17))).join(' ')}`),
    check('counts after cancelling', (counts.REGISTERED ?? 0) === Math.min(capacity, before.length - cancelled.length) && (counts.CANCELLED ?? 0) === cancelled.length, JSON.stringify(counts)),
    check('the rest wait on in the same order', orderAt < 0, orderAt < 0 ? `${stillWaiting.length} waiting` : `differs at index ${orderAt}`),
    check('API positions 1..n after the moves', apiAt < 0 && apiWaiting.every((item, i) => item.waitingPosition === i + 1), apiAt < 0 ? `${apiWaiting.length} waiting` : `differs at index ${apiAt}`),
  ];
}
