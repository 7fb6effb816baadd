import type { DbClient } from '../db/prisma';
import type { MessagingDirective } from '../generated/prisma/client';
import type { DirectiveView } from './directives.schemas';

export const directiveScope = (directive: Pick<MessagingDirective, 'teamLeadId' | 'product'>): DirectiveView['scope'] =>
  directive.teamLeadId ? (directive.product ? 'TEAM_PRODUCT' : 'TEAM') : directive.product ? 'PRODUCT' : 'COMPANY';

const day = (value: Date | null) => value?.toISOString().slice(0, 10) ?? null;

export function toDirectiveView(directive: MessagingDirective, names: Map<string, string>): DirectiveView {
  return {
    id: directive.id,
    title: directive.title,
    text: directive.text,
    scope: directiveScope(directive),
    teamLeadId: directive.teamLeadId,
    teamLeadName: directive.teamLeadId ? (names.get(directive.teamLeadId) ?? null) : null,
    product: directive.product,
    validFrom: day(directive.validFrom),
    validUntil: day(directive.validUntil),
    status: directive.status,
    createdById: directive.createdById,
    createdAt: directive.createdAt.toISOString(),
    updatedAt: directive.updatedAt.toISOString(),
  };
}

export async function teamLeadNames(db: DbClient, directives: readonly MessagingDirective[]): Promise<Map<string, string>> {
  const ids = [...new Set(directives.flatMap((directive) => (directive.teamLeadId ? [directive.teamLeadId] : [])))];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}
