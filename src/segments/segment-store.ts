import type { Caller } from '../auth/caller';
import { encodePageCursor } from '../schemas/page-cursor';
import type { DbClient } from '../db/prisma';
import { isUniqueViolation } from '../db/prisma-errors';
import { AppError } from '../errors/app-error';
import { Prisma } from '../generated/prisma/client';
import type { CreateSegmentRequest, ListSegmentsQuery, SegmentView } from './segments.schemas';

const segmentSelect = { id: true, name: true, description: true, criteria: true, createdById: true, createdAt: true, updatedAt: true } as const;
type SegmentRow = Prisma.SegmentGetPayload<{ select: typeof segmentSelect }>;

const toView = (row: SegmentRow): SegmentView => ({
  ...row,
  criteria: row.criteria as SegmentView['criteria'],
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const segmentNotFound = (id: string) => new AppError('NOT_FOUND', `No segment ${id}`, [{ path: 'path.id', message: 'no such segment' }]);

const nameTaken = (name: string) =>
  new AppError('CONFLICT', `A segment named ${name} already exists`, [{ path: 'body.name', message: 'already in use' }]);

function data(request: CreateSegmentRequest) {
  return { name: request.name, description: request.description ?? null, criteria: request.criteria as Prisma.InputJsonValue };
}

export async function createSegment(db: DbClient, caller: Caller, request: CreateSegmentRequest): Promise<SegmentView> {
  try {
    return toView(await db.segment.create({ data: { ...data(request), createdById: caller.id }, select: segmentSelect }));
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(request.name);
    throw error;
  }
}

export async function replaceSegment(db: DbClient, id: string, request: CreateSegmentRequest): Promise<SegmentView> {
  try {
    const { count } = await db.segment.updateMany({ where: { id }, data: data(request) });
    if (!count) throw segmentNotFound(id);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(request.name);
    throw error;
  }
  return getSegment(db, id);
}

export async function getSegment(db: DbClient, id: string): Promise<SegmentView> {
  const row = await db.segment.findUnique({ where: { id }, select: segmentSelect });
  if (!row) throw segmentNotFound(id);
  return toView(row);
}

/** Newest first (createdAt desc, id desc), paginated by cursor. */
export async function listSegments(db: DbClient, query: ListSegmentsQuery) {
  const after = query.cursor;
  const where: Prisma.SegmentWhereInput = after
    ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] }
    : {};
  const rows = await db.segment.findMany({ where, select: segmentSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toView), nextCursor: rows.length > query.limit && last ? encodePageCursor(last.createdAt, last.id) : null };
}
