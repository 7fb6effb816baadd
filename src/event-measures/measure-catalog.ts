import type { EventMeasure, Prisma } from '../generated/prisma/client';
import type { Db } from '../db/prisma';
import { isUniqueViolation } from '../db/prisma-errors';
import { AppError, type ErrorDetail } from '../errors/app-error';
import { recordAudit } from '../audit/record-audit';
import { storedDefinition, toMeasureView } from './measure-view';
import {
  reportFigures,
  type CreateMeasureRequest,
  type ListMeasuresQuery,
  type MeasureDefinition,
  type MeasureList,
  type MeasureView,
  type UpdateMeasureRequest,
} from './measures.schemas';

// The catalog of event measures: define, list, change, archive. Every change is audited.

/** Every report computes each measure it shows: a bound on their number bounds a report's cost. */
export const MAX_ACTIVE_MEASURES = 50;

// Changes to the catalog are rare; one at a time keeps a ratio from naming a measure archived meanwhile.
const CATALOG_LOCK = 4242018;

const keyNames = (measures: EventMeasure[]) => new Map(measures.map((measure) => [measure.key, measure.name]));

export async function listMeasures(db: Db, query: ListMeasuresQuery): Promise<MeasureList> {
  const all = await db.eventMeasure.findMany({ orderBy: [{ createdAt: 'asc' }, { key: 'asc' }] });
  const names = keyNames(all);
  return { items: all.filter((measure) => query.includeArchived || !measure.archivedAt).map((measure) => toMeasureView(measure, names)) };
}

export async function getMeasure(db: Db, id: string): Promise<MeasureView> {
  const all = await db.eventMeasure.findMany();
  const measure = all.find((each) => each.id === id);
  if (!measure) throw new AppError('NOT_FOUND', `No event measure ${id}`);
  return toMeasureView(measure, keyNames(all));
}

const taken = (field: 'key' | 'name', value: string) =>
  new AppError('CONFLICT', `An event measure with the ${field} "${value}" exists already`, [{ path: `body.${field}`, message: 'already used by another measure' }]);

/** Kinds as events are compared with them: trimmed, lower-cased, each once. */
const normalizedKinds = (kinds: string[]) => [...new Set(kinds.map((kind) => kind.trim().toLowerCase()))];

/**
 * A ratio divides report figures or measures that are counts, defined and not archived (a ratio of
 * ratios could loop); every wrong reference is named.
 */
function checkReferences(definition: MeasureDefinition, catalog: EventMeasure[], ownKey: string): void {
  if (definition.kind !== 'ratio') return;
  const problems: ErrorDetail[] = [];
  for (const side of ['numerator', 'denominator'] as const) {
    const reference = definition[side];
    if ((reportFigures as readonly string[]).includes(reference)) continue;
    const path = `body.definition.${side}`;
    const measure = catalog.find((each) => each.key === reference);
    if (reference === ownKey) problems.push({ path, message: 'a ratio cannot divide itself' });
    else if (!measure) problems.push({ path, message: `"${reference}" is neither a report figure (${reportFigures.join(', ')}) nor a measure's key` });
    else if (measure.archivedAt) problems.push({ path, message: `the measure "${reference}" is archived` });
    else if (storedDefinition(measure).kind === 'ratio') problems.push({ path, message: `the measure "${reference}" is a ratio; a ratio divides counts and report figures` });
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', `The ratio names figures it cannot divide: ${problems.map((problem) => problem.message).join('; ')}`, problems);
}

/** Active ratios that divide the measure: it may not be archived or become a ratio while they do. */
function ratiosUsing(catalog: EventMeasure[], key: string): EventMeasure[] {
  return catalog.filter((measure) => {
    if (measure.archivedAt || measure.key === key) return false;
    const definition = storedDefinition(measure);
    return definition.kind === 'ratio' && (definition.numerator === key || definition.denominator === key);
  });
}

function assertNameFree(catalog: EventMeasure[], name: string, exceptId?: string): void {
  const same = catalog.find((measure) => measure.id !== exceptId && measure.name.toLowerCase() === name.toLowerCase());
  if (same) throw taken('name', same.name);
}

function assertRoomForOneMore(catalog: EventMeasure[]): void {
  const active = catalog.filter((measure) => !measure.archivedAt).length;
  if (active >= MAX_ACTIVE_MEASURES) {
    throw new AppError('CONFLICT', `${MAX_ACTIVE_MEASURES} event measures are in use already, the most reports compute: archive one first`);
  }
}

/** Runs a catalog change alone, on the catalog as it is; a unique index's refusal becomes the same 409 as the checks. */
async function changeCatalog<T>(db: Db, body: { key?: string; name?: string }, change: (tx: Prisma.TransactionClient, catalog: EventMeasure[]) => Promise<T>): Promise<T> {
  try {
    return await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CATALOG_LOCK})`;
      return change(tx, await tx.eventMeasure.findMany());
    });
  } catch (error) {
    if (isUniqueViolation(error) && body.key !== undefined) throw taken('key', body.key);
    if (isUniqueViolation(error) && body.name !== undefined) throw taken('name', body.name);
    throw error;
  }
}

const audited = (measure: EventMeasure) => ({
  key: measure.key,
  name: measure.name,
  description: measure.description,
  definition: measure.definition as Prisma.InputJsonValue,
  eventKinds: measure.eventKinds,
  archivedAt: measure.archivedAt?.toISOString() ?? null,
});

export function createMeasure(db: Db, actorId: string, body: CreateMeasureRequest): Promise<MeasureView> {
  return changeCatalog(db, body, async (tx, catalog) => {
    const sameKey = catalog.find((measure) => measure.key === body.key);
    if (sameKey) throw taken('key', body.key);
    assertNameFree(catalog, body.name);
    checkReferences(body.definition, catalog, body.key);
    assertRoomForOneMore(catalog);
    const measure = await tx.eventMeasure.create({
      data: {
        key: body.key,
        name: body.name,
        description: body.description ?? null,
        definition: body.definition as Prisma.InputJsonValue,
        eventKinds: normalizedKinds(body.eventKinds ?? []),
        createdById: actorId,
      },
    });
    await recordAudit(tx, { actorId, action: 'event-measure.create', entityType: 'event-measure', entityId: measure.id, after: audited(measure) });
    return toMeasureView(measure, keyNames([...catalog, measure]));
  });
}

export function updateMeasure(db: Db, actorId: string, id: string, body: UpdateMeasureRequest): Promise<MeasureView> {
  return changeCatalog(db, body, async (tx, catalog) => {
    const before = catalog.find((measure) => measure.id === id);
    if (!before) throw new AppError('NOT_FOUND', `No event measure ${id}`);
    if (body.name !== undefined) assertNameFree(catalog, body.name, id);
    // A restored ratio is checked again: what it divides may have been archived meanwhile.
    const restoring = body.archived === false && before.archivedAt !== null;
    if (body.definition || restoring) checkReferences(body.definition ?? storedDefinition(before), catalog, before.key);
    const archiving = body.archived === true && !before.archivedAt;
    const becomingRatio = body.definition?.kind === 'ratio' && storedDefinition(before).kind !== 'ratio';
    const users = archiving || becomingRatio ? ratiosUsing(catalog, before.key) : [];
    if (users.length > 0) {
      const names = users.map((measure) => `"${measure.name}"`).join(', ');
      throw new AppError('CONFLICT', `${archiving ? 'Cannot archive' : 'Cannot make a ratio of'} "${before.name}": the ratio${users.length === 1 ? '' : 's'} ${names} divide${users.length === 1 ? 's' : ''} it`, [
        { path: archiving ? 'body.archived' : 'body.definition', message: `used by ${names}` },
      ]);
    }
    if (restoring) assertRoomForOneMore(catalog);
    const after = await tx.eventMeasure.update({
      where: { id },
      data: {
        name: body.name,
        description: body.description,
        definition: body.definition as Prisma.InputJsonValue | undefined,
        eventKinds: body.eventKinds ? normalizedKinds(body.eventKinds) : undefined,
        archivedAt: body.archived === undefined ? undefined : body.archived ? (before.archivedAt ?? new Date()) : null,
      },
    });
    await recordAudit(tx, { actorId, action: 'event-measure.update', entityType: 'event-measure', entityId: id, before: audited(before), after: audited(after) });
    return toMeasureView(after, keyNames(catalog.map((measure) => (measure.id === id ? after : measure))));
  });
}
