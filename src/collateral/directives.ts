import { recordAudit } from '../audit/record-audit';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { checkActiveUsers } from '../events/event-references';
import type { MessagingDirective, Prisma } from '../generated/prisma/client';
import { utcDay } from '../schemas/days';
import { encodePageCursor } from '../schemas/page-cursor';
import { teamLeadNames, toDirectiveView } from './directive-view';
import type { CreateDirectiveRequest, DirectiveListQuery, DirectivePage, DirectiveView, UpdateDirectiveRequest } from './directives.schemas';

// Messaging directives: kept by marketers and admins, read by everyone. Every change is audited.

type Actor = Pick<Caller, 'id'>;

const noDirective = (id: string) => new AppError('NOT_FOUND', `No messaging directive ${id}`);
const dayOrNull = (text: string | null | undefined) => (text === undefined ? undefined : text === null ? null : utcDay(text));

/** What the audit keeps of a directive. */
const audited = (directive: MessagingDirective) => ({
  title: directive.title, text: directive.text, teamLeadId: directive.teamLeadId, product: directive.product,
  validFrom: directive.validFrom?.toISOString().slice(0, 10) ?? null, validUntil: directive.validUntil?.toISOString().slice(0, 10) ?? null, status: directive.status,
});

async function view(db: Db, directive: MessagingDirective): Promise<DirectiveView> {
  return toDirectiveView(directive, await teamLeadNames(db, [directive]));
}

export async function createDirective(db: Db, actor: Actor, body: CreateDirectiveRequest): Promise<DirectiveView> {
  if (body.teamLeadId) await checkActiveUsers(db, [{ id: body.teamLeadId, path: 'body.teamLeadId' }]);
  const directive = await db.$transaction(async (tx) => {
    const created = await tx.messagingDirective.create({
      data: {
        title: body.title, text: body.text, teamLeadId: body.teamLeadId ?? null, product: body.product ?? null,
        validFrom: dayOrNull(body.validFrom), validUntil: dayOrNull(body.validUntil), createdById: actor.id,
      },
    });
    await recordAudit(tx, { actorId: actor.id, action: 'directive.create', entityType: 'directive', entityId: created.id, after: audited(created) });
    return created;
  });
  return view(db, directive);
}

export async function getDirective(db: Db, id: string): Promise<DirectiveView> {
  const directive = await db.messagingDirective.findUnique({ where: { id } });
  if (!directive) throw noDirective(id);
  return view(db, directive);
}

export async function listDirectives(db: Db, query: DirectiveListQuery): Promise<DirectivePage> {
  const and: Prisma.MessagingDirectiveWhereInput[] = [];
  if (query.status) and.push({ status: query.status });
  if (query.product) and.push({ product: { equals: query.product, mode: 'insensitive' } });
  if (query.teamLeadId) and.push({ teamLeadId: query.teamLeadId });
  if (query.cursor) and.push({ OR: [{ createdAt: { lt: query.cursor.at } }, { createdAt: query.cursor.at, id: { lt: query.cursor.id } }] });
  const rows = await db.messagingDirective.findMany({ where: { AND: and }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const names = await teamLeadNames(db, page);
  const last = page.at(-1);
  return { items: page.map((row) => toDirectiveView(row, names)), nextCursor: rows.length > query.limit && last ? encodePageCursor(last.createdAt, last.id) : null };
}

export async function updateDirective(db: Db, actor: Actor, id: string, body: UpdateDirectiveRequest): Promise<DirectiveView> {
  if (body.teamLeadId) await checkActiveUsers(db, [{ id: body.teamLeadId, path: 'body.teamLeadId' }]);
  const directive = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM messaging_directives WHERE id = CAST(${id} AS uuid) FOR UPDATE`;
    const before = await tx.messagingDirective.findUnique({ where: { id } });
    if (!before) throw noDirective(id);
    const validFrom = body.validFrom === undefined ? before.validFrom : dayOrNull(body.validFrom);
    const validUntil = body.validUntil === undefined ? before.validUntil : dayOrNull(body.validUntil);
    if (validFrom && validUntil && validUntil < validFrom) {
      const path = body.validUntil !== undefined ? 'body.validUntil' : 'body.validFrom';
      throw new AppError('VALIDATION_FAILED', `Invalid ${path.slice(5)}: the period would end before it starts`, [{ path, message: 'the period would end before it starts' }]);
    }
    const after = await tx.messagingDirective.update({
      where: { id },
      data: { title: body.title, text: body.text, teamLeadId: body.teamLeadId, product: body.product, validFrom, validUntil, status: body.status },
    });
    await recordAudit(tx, { actorId: actor.id, action: 'directive.update', entityType: 'directive', entityId: id, before: audited(before), after: audited(after) });
    return after;
  });
  return view(db, directive);
}

export async function deleteDirective(db: Db, actor: Actor, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.messagingDirective.findUnique({ where: { id } });
    if (!before) throw noDirective(id);
    await tx.messagingDirective.delete({ where: { id } });
    await recordAudit(tx, { actorId: actor.id, action: 'directive.delete', entityType: 'directive', entityId: id, before: audited(before) });
  });
}
