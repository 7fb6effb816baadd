import { Context } from '@temporalio/activity';
import type { z } from 'zod';
import { AppError } from '../../../src/errors/app-error';
import type { Prisma } from '../../../src/generated/prisma/client';

/** The stage row a LIST or CALL_TASKS activity works on, locked for the rest of its transaction. */
export interface LockedStage {
  id: string;
  campaignId: string;
  campaignName: string;
  position: number;
  name: string | null;
  type: string;
  status: string;
  startedSettings: unknown;
  startedAt: Date | null;
  result: Record<string, unknown>;
}

/**
 * Locks the stage row (SELECT … FOR UPDATE), so two attempts of the same activity run one after
 * the other and the second sees what the first committed. Refuses what no retry can fix.
 */
export async function lockStage(tx: Prisma.TransactionClient, campaignId: string, stageId: string, type: 'LIST' | 'CALL_TASKS'): Promise<LockedStage> {
  const [stage] = await tx.$queryRaw<LockedStage[]>`
    SELECT s.id::text, s.campaign_id::text AS "campaignId", k.name AS "campaignName", s.position, s.name, s.type::text, s.status::text,
      s.started_settings AS "startedSettings", s.started_at AS "startedAt", s.result
    FROM campaign_stages s JOIN campaigns k ON k.id = s.campaign_id
    WHERE s.id = CAST(${stageId} AS uuid) AND s.campaign_id = CAST(${campaignId} AS uuid)
    FOR UPDATE OF s`;
  if (!stage) throw new AppError('NOT_FOUND', `stage ${stageId} of campaign ${campaignId} not found`);
  if (stage.type !== type) throw new AppError('CONFLICT', `stage ${stageId} is a ${stage.type} stage, not ${type}`);
  stage.result = stage.result && typeof stage.result === 'object' ? stage.result : {};
  return stage;
}

/** The settings the stage started with; a stage that has not started (or is no longer running) is refused. */
export function startedSettingsOf<S extends z.ZodType>(stage: LockedStage, schema: S): z.output<S> {
  if (stage.status !== 'RUNNING' || stage.startedSettings === null || !stage.startedAt) {
    throw new AppError('CONFLICT', `stage ${stage.id} is ${stage.status.toLowerCase()}, not running: nothing to do`);
  }
  const parsed = schema.safeParse(stage.startedSettings);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`).join('; ');
    throw new AppError('VALIDATION_FAILED', `stage ${stage.id} started with invalid settings (${problems})`);
  }
  return parsed.data;
}

/**
 * Heartbeats every few seconds while one long SQL statement runs, when called from a Temporal
 * activity (a no-op elsewhere, e.g. in tests and benchmarks that call the function directly).
 */
export async function heartbeatWhile<T>(work: Promise<T>, everyMs = 5_000): Promise<T> {
  let context: Context | undefined;
  try {
    context = Context.current();
  } catch {
    return work;
  }
  const timer = setInterval(() => context.heartbeat(), everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
