import type { Caller } from '../auth/caller';
import type { DbClient } from '../db/prisma';
import { isUniqueViolation } from '../db/prisma-errors';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { placeholdersOf } from './render-template';
import type { CreateTemplateRequest, ListTemplatesQuery, ReplaceTemplateRequest, TemplateView } from './templates.schemas';

const summarySelect = { id: true, key: true, name: true, subject: true, createdById: true, createdAt: true, updatedAt: true } as const;
const templateSelect = { ...summarySelect, text: true, html: true } as const;

type SummaryRow = Prisma.EmailTemplateGetPayload<{ select: typeof summarySelect }>;
type TemplateRow = Prisma.EmailTemplateGetPayload<{ select: typeof templateSelect }>;

const toSummary = (row: SummaryRow) => ({ ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() });

function toTemplateView(row: TemplateRow): TemplateView {
  const variables = [...new Set([row.subject, row.text, row.html ?? ''].flatMap(placeholdersOf))];
  return { ...toSummary(row), text: row.text, html: row.html, variables };
}

const notFound = (key: string) => new AppError('NOT_FOUND', `No template ${key}`, [{ path: 'path.key', message: 'no such template' }]);

export async function createTemplate(db: DbClient, caller: Caller, request: CreateTemplateRequest): Promise<TemplateView> {
  try {
    const row = await db.emailTemplate.create({ data: { ...request, html: request.html ?? null, createdById: caller.id }, select: templateSelect });
    return toTemplateView(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', `A template with the key ${request.key} already exists: PUT /api/v1/templates/${request.key} changes it`, [
        { path: 'body.key', message: 'already in use' },
      ]);
    }
    throw error;
  }
}

/** Replaces the content; rule e-mails not yet delivered use the new content. */
export async function replaceTemplate(db: DbClient, key: string, request: ReplaceTemplateRequest): Promise<TemplateView> {
  const { count } = await db.emailTemplate.updateMany({ where: { key }, data: { ...request, html: request.html ?? null } });
  if (!count) throw notFound(key);
  return getTemplate(db, key);
}

export async function getTemplate(db: DbClient, key: string): Promise<TemplateView> {
  const row = await db.emailTemplate.findUnique({ where: { key }, select: templateSelect });
  if (!row) throw notFound(key);
  return toTemplateView(row);
}

/** Templates by key; few enough that the key itself is the cursor. */
export async function listTemplates(db: DbClient, query: ListTemplatesQuery) {
  const where: Prisma.EmailTemplateWhereInput = {
    ...(query.q ? { OR: [{ key: { contains: query.q, mode: 'insensitive' } }, { name: { contains: query.q, mode: 'insensitive' } }] } : {}),
    ...(query.cursor ? { key: { gt: query.cursor } } : {}),
  };
  const rows = await db.emailTemplate.findMany({ where, select: summarySelect, orderBy: { key: 'asc' }, take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toSummary), nextCursor: rows.length > query.limit ? page[page.length - 1].key : null };
}
