import type { AccountCaller } from '../accounts/account-access';
import type { DbClient } from '../db/prisma';
import { isUniqueViolation } from '../db/prisma-errors';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { encodePageCursor } from '../schemas/page-cursor';
import { columnsOf } from './compile-rows';
import { QueryDefinition, type ListQueriesQuery, type SaveQueryRequest, type SavedQueryPage, type SavedQueryView } from './saved-queries.schemas';

const select = { id: true, ownerId: true, name: true, entity: true, definition: true, visibility: true, createdAt: true, updatedAt: true } as const;
type Row = Prisma.SavedQueryGetPayload<{ select: typeof select }>;

export const queryNotFound = (id: string) => new AppError('NOT_FOUND', `No saved query ${id}`, [{ path: 'path.id', message: 'no such query among yours and your team’s' }]);
const nameTaken = (name: string) => new AppError('CONFLICT', `You already have a query named "${name}"`, [{ path: 'body.name', message: 'already used by one of your queries: choose another name' }]);

/** The users whose team-shared queries the caller sees: their manager, their peers (same manager) and their direct reports. */
async function teamOf(db: DbClient, callerId: string): Promise<string[]> {
  const me = await db.user.findUnique({ where: { id: callerId }, select: { managerId: true } });
  const managerId = me?.managerId ?? null;
  const others = await db.user.findMany({
    where: { id: { not: callerId }, OR: [{ managerId: callerId }, ...(managerId ? [{ managerId }, { id: managerId }] : [])] },
    select: { id: true },
  });
  return others.map((user) => user.id);
}

const visibleWhere = async (db: DbClient, caller: AccountCaller): Promise<Prisma.SavedQueryWhereInput> => ({
  OR: [{ ownerId: caller.id }, { visibility: 'team', ownerId: { in: await teamOf(db, caller.id) } }],
});

function stored(request: SaveQueryRequest) {
  const { name, visibility, entity, ...rest } = request;
  const definition = { match: rest.match, filters: rest.filters, sort: rest.sort, columns: columnsOf({ entity, ...rest }) };
  return { name, visibility, entity, definition: definition as Prisma.InputJsonValue };
}

export async function createQuery(db: DbClient, caller: AccountCaller, request: SaveQueryRequest): Promise<SavedQueryView> {
  try {
    const row = await db.savedQuery.create({ data: { ownerId: caller.id, ...stored(request) }, select });
    return (await toViews(db, caller, [row]))[0];
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(request.name);
    throw error;
  }
}

/** Replaces one of the caller's own queries; a team member's query answers 403, an unknown one 404. */
export async function replaceQuery(db: DbClient, caller: AccountCaller, id: string, request: SaveQueryRequest): Promise<SavedQueryView> {
  await ownQuery(db, caller, id);
  try {
    const row = await db.savedQuery.update({ where: { id }, data: stored(request), select });
    return (await toViews(db, caller, [row]))[0];
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(request.name);
    throw error;
  }
}

export async function deleteQuery(db: DbClient, caller: AccountCaller, id: string): Promise<void> {
  await ownQuery(db, caller, id);
  await db.savedQuery.delete({ where: { id } });
}

async function ownQuery(db: DbClient, caller: AccountCaller, id: string): Promise<void> {
  const row = await db.savedQuery.findFirst({ where: { id, ...(await visibleWhere(db, caller)) }, select: { ownerId: true } });
  if (!row) throw queryNotFound(id);
  if (row.ownerId !== caller.id) throw new AppError('FORBIDDEN', 'Only its owner may change or delete a saved query: save a copy of it under your own name');
}

/** A query the caller may run: their own, or one their team shares. */
export async function visibleQuery(db: DbClient, caller: AccountCaller, id: string): Promise<{ view: SavedQueryView; definition: QueryDefinition }> {
  const row = await db.savedQuery.findFirst({ where: { id, ...(await visibleWhere(db, caller)) }, select });
  if (!row) throw queryNotFound(id);
  const [view] = await toViews(db, caller, [row]);
  // Checked again: a query saved before a field was retired must not reach the compiler.
  const parsed = QueryDefinition.safeParse({ entity: row.entity, ...(row.definition as object) });
  if (!parsed.success) throw new AppError('RULE_VIOLATION', `Saved query ${id} no longer fits the fields of ${row.entity}: edit it and save it again`);
  return { view, definition: parsed.data };
}

export async function getQuery(db: DbClient, caller: AccountCaller, id: string): Promise<SavedQueryView> {
  return (await visibleQuery(db, caller, id)).view;
}

/** The caller's queries and those their team shares, last changed first. */
export async function listQueries(db: DbClient, caller: AccountCaller, query: ListQueriesQuery): Promise<SavedQueryPage> {
  const after = query.cursor;
  const where: Prisma.SavedQueryWhereInput = {
    AND: [await visibleWhere(db, caller), after ? { OR: [{ updatedAt: { lt: after.at } }, { updatedAt: after.at, id: { lt: after.id } }] } : {}],
  };
  const rows = await db.savedQuery.findMany({ where, select, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: await toViews(db, caller, page), nextCursor: rows.length > query.limit && last ? encodePageCursor(last.updatedAt, last.id) : null };
}

async function toViews(db: DbClient, caller: AccountCaller, rows: Row[]): Promise<SavedQueryView[]> {
  const owners = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.ownerId))] } }, select: { id: true, name: true } });
  const names = new Map(owners.map((owner) => [owner.id, owner.name]));
  return rows.map((row) => {
    const definition = row.definition as Pick<SavedQueryView, 'match' | 'filters' | 'sort' | 'columns'>;
    return {
      id: row.id,
      name: row.name,
      visibility: row.visibility,
      owner: { id: row.ownerId, name: names.get(row.ownerId) ?? '' },
      mine: row.ownerId === caller.id,
      entity: row.entity as SavedQueryView['entity'],
      match: definition.match,
      filters: definition.filters,
      sort: definition.sort,
      columns: definition.columns,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}
