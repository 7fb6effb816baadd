import type { Prisma } from '../generated/prisma/client';
import { demoOrganization } from './demo-organization';

/** The settings row that records each demo organization seeded into this database. */
export const DEMO_MARKER_KEY = 'demo-data';
// Serializes two seeds started at once: the second one sees the first one's claim.
const SEED_LOCK = 4242016;

export interface DemoSetRecord {
  number: number;
  /** `started` until the run's last step; a set left `started` is a run that stopped half-way. */
  state: 'started' | 'complete';
  startedAt: string;
  completedAt?: string;
  organization: string;
  adminEmail: string;
}

/** The seed did nothing: the database has demo data already and --force was not given. */
export class SeedRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedRefused';
  }
}

function recordsOf(value: unknown): DemoSetRecord[] {
  const sets = (value as { sets?: unknown } | null)?.sets;
  return Array.isArray(sets) ? (sets as DemoSetRecord[]) : [];
}

async function readRecords(tx: Prisma.TransactionClient): Promise<DemoSetRecord[]> {
  return recordsOf((await tx.setting.findUnique({ where: { key: DEMO_MARKER_KEY }, select: { value: true } }))?.value);
}

async function writeRecords(tx: Prisma.TransactionClient, sets: DemoSetRecord[]): Promise<void> {
  const value = { sets } as unknown as Prisma.InputJsonValue;
  await tx.setting.upsert({ where: { key: DEMO_MARKER_KEY }, create: { key: DEMO_MARKER_KEY, value }, update: { value } });
}

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function refusalMessage(sets: DemoSetRecord[]): string {
  const last = sets[sets.length - 1];
  const found =
    last.state === 'complete'
      ? `Demo data is already in this database: ${sets.map((set) => `"${set.organization}" (seeded ${when(set.completedAt ?? set.startedAt)}, admin ${set.adminEmail})`).join(', ')}.`
      : `A seed run started ${when(last.startedAt)} did not finish: the demo organization "${last.organization}" is incomplete.`;
  return [
    found,
    'Nothing was changed.',
    'To seed another demo organization beside it (its own users, keys, accounts, campaigns and plan, with other names and',
    'e-mail addresses; what is there stays as it is), run:  npm run seed -- --force',
  ].join('\n');
}

/**
 * Claims the next demo organization's number in the caller's transaction, or refuses (without
 * writing) when one was seeded before and `force` is not set.
 */
export async function claimDemoSet(tx: Prisma.TransactionClient, force: boolean, now: Date): Promise<number> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
  const sets = await readRecords(tx);
  if (sets.length > 0 && !force) throw new SeedRefused(refusalMessage(sets));
  const number = Math.max(0, ...sets.map((set) => set.number)) + 1;
  const organization = demoOrganization(number);
  const adminEmail = organization.people.find((person) => person.role === 'admin')!.email;
  await writeRecords(tx, [...sets, { number, state: 'started', startedAt: now.toISOString(), organization: organization.name, adminEmail }]);
  return number;
}

/** Marks the organization complete: the seed's last write. */
export async function completeDemoSet(tx: Prisma.TransactionClient, number: number, now: Date): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
  const sets = await readRecords(tx);
  await writeRecords(
    tx,
    sets.map((set) => (set.number === number ? { ...set, state: 'complete' as const, completedAt: now.toISOString() } : set)),
  );
}
