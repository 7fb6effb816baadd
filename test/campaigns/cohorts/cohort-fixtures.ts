import { randomUUID } from 'node:crypto';
import { freezeStageCohort } from '../../../activities/campaign/list/freeze-stage-cohort';
import { CohortFilter } from '../../../src/campaigns/journey.schemas';
import type { Db } from '../../../src/db/prisma';
import type { Prisma } from '../../../src/generated/prisma/client';

/** The list stage started at T0, the first mailing (stage 2, position 1) at T1: the times the cohorts count from. */
export const T0 = new Date('2026-01-01T09:00:00.000Z');
export const T1 = new Date('2026-01-02T09:00:00.000Z');
export const hoursAfter = (at: Date, hours: number) => new Date(at.getTime() + hours * 3_600_000);

type Outcome = 'SENT' | 'FAILED' | 'SKIPPED';
type AccountStatus = Prisma.AccountCreateInput['status'];

export interface ContactSpec {
  name: string;
  account: string;
  cell?: 'TARGET' | 'TEST';
  /** false: no address. */
  email?: boolean;
  bounced?: boolean;
  doNotContact?: boolean;
  /** The message of the first mailing (stage 2); none without an address or in the test cell. */
  delivery?: Outcome;
  /** A label: seedEnrollment puts the contacts of its label in that enrollment. */
  enrollment?: string;
}

export interface AccountSpec {
  key: string;
  status?: AccountStatus;
  owner?: boolean;
  archived?: boolean;
  /** Status changes: to a status at a time. */
  changes?: { to: NonNullable<AccountStatus>; at: Date }[];
}

export interface ResponseSpec {
  /** A contact's name; or `account` for a response that names the account only. */
  contact?: string;
  account?: string;
  source: string;
  at: Date;
  /** A response to another campaign: it must never count. */
  elsewhere?: boolean;
}

export interface Journey {
  campaignId: string;
  /** Stage ids by position: 0 LIST, 1 MAILING (completed, with deliveries), 2 WAIT. */
  stageIds: string[];
  contacts: Record<string, string>;
  accounts: Record<string, string>;
  ownerId: string;
  /** Contact ids by enrollment label. */
  enrollments: Record<string, string[]>;
  db: Db;
}

/**
 * A RUNNING campaign whose LIST (started T0), MAILING (started T1, its deliveries written with the
 * outcomes asked) and WAIT stages have run, with sub-sources WEB-SPRING and PHONE, the accounts,
 * contacts, list rows, responses and status changes asked. Set up in SQL-shaped bulk writes.
 */
export async function seedJourney(
  db: Db,
  spec: { accounts: AccountSpec[]; contacts: ContactSpec[]; responses?: ResponseSpec[]; evergreen?: boolean },
): Promise<Journey> {
  const tag = randomUUID().slice(0, 8);
  const owner = await db.user.create({ data: { email: `owner-${tag}@example.com`, name: 'Olga Owner', role: 'manager' }, select: { id: true } });
  const campaign = await db.campaign.create({
    data: { name: `Spring journey ${tag}`, status: 'RUNNING', ...(spec.evergreen ? { evergreen: { segmentId: randomUUID(), schedule: { every: 'P1D' } } } : {}) },
    select: { id: true },
  });
  const campaignId = campaign.id;
  const sources = Object.fromEntries(
    await Promise.all(
      [
        ['WEB-SPRING', 'Spring web form'],
        ['PHONE', 'Hotline'],
      ].map(async ([code, name]) => [code, (await db.campaignSource.create({ data: { campaignId, code, name }, select: { id: true } })).id] as const),
    ),
  );
  const stage = (position: number, type: 'LIST' | 'MAILING' | 'WAIT', startedAt: Date, settings: object) =>
    db.campaignStage.create({
      data: { campaignId, position, type, status: spec.evergreen ? 'RUNNING' : 'COMPLETED', settings, startedSettings: settings, startedAt, completedAt: spec.evergreen ? null : startedAt },
      select: { id: true },
    });
  const stageIds = [
    (await stage(0, 'LIST', T0, { segmentId: randomUUID() })).id,
    (await stage(1, 'MAILING', T1, { templateKey: 'spring', ratePerSecond: 100, template: { key: 'spring', subject: 'Hi', text: 'Hi', html: null } })).id,
    (await stage(2, 'WAIT', T1, { duration: 'P7D' })).id,
  ];

  const accounts: Record<string, string> = {};
  for (const account of spec.accounts) {
    const created = await db.account.create({
      data: {
        name: `${account.key} ${tag}`,
        status: account.status ?? 'POTENTIAL',
        ownerId: account.owner === false ? null : owner.id,
        archivedAt: account.archived ? T1 : null,
      },
      select: { id: true },
    });
    accounts[account.key] = created.id;
    if (account.changes?.length) {
      await db.statusChange.createMany({ data: account.changes.map((change) => ({ accountId: created.id, toStatus: change.to, changedAt: change.at, reason: 'seeded' })) });
    }
  }
  const contacts: Record<string, string> = {};
  for (const contact of spec.contacts) {
    const email = contact.email === false ? null : `${contact.name.toLowerCase()}.${tag}@example.com`;
    const created = await db.contact.create({
      data: { accountId: accounts[contact.account], name: contact.name, email, emailNormalized: email, bouncedAt: contact.bounced ? hoursAfter(T1, 1) : null, doNotContact: contact.doNotContact ?? false },
      select: { id: true },
    });
    contacts[contact.name] = created.id;
  }
  await db.campaignRecipient.createMany({
    data: spec.contacts.map((contact) => ({
      campaignId,
      contactId: contacts[contact.name],
      accountId: accounts[contact.account],
      emailNormalized: contact.email === false ? null : `${contact.name.toLowerCase()}.${tag}@example.com`,
      cell: contact.cell ?? 'TARGET',
      listStageId: stageIds[0],
    })),
  });
  const delivered = spec.contacts.filter((contact) => contact.delivery);
  await db.mailDelivery.createMany({
    data: delivered.map((contact) => ({
      stageId: stageIds[1],
      contactId: contacts[contact.name],
      campaignId,
      accountId: accounts[contact.account],
      state: contact.delivery!,
      attempts: 1,
      sentAt: contact.delivery === 'SENT' ? hoursAfter(T1, 1) : null,
    })),
  });
  const other = spec.responses?.some((response) => response.elsewhere) ? await db.campaign.create({ data: { name: `Other ${tag}`, status: 'RUNNING' }, select: { id: true } }) : null;
  await db.response.createMany({
    data: (spec.responses ?? []).map((response) => {
      const accountKey = response.account ?? spec.contacts.find((contact) => contact.name === response.contact)!.account;
      return {
        campaignId: response.elsewhere ? other!.id : campaignId,
        sourceId: sources[response.source],
        accountId: accounts[accountKey],
        contactId: response.contact ? contacts[response.contact] : null,
        type: 'WEB_FORM' as const,
        occurredAt: response.at,
        createdById: owner.id,
      };
    }),
  });
  const enrollments: Record<string, string[]> = {};
  for (const contact of spec.contacts) if (contact.enrollment) (enrollments[contact.enrollment] ??= []).push(contacts[contact.name]);
  return { campaignId, stageIds, contacts, accounts, ownerId: owner.id, enrollments, db };
}

/** A RUNNING MAILING or CALL_TASKS stage with a cohort, at the next free position (as startStage leaves it). */
export async function addCohortStage(journey: Journey, type: 'MAILING' | 'CALL_TASKS', cohort: unknown, options: { name?: string; startedAt?: Date } = {}) {
  const { db, campaignId } = journey;
  const last = await db.campaignStage.findFirst({ where: { campaignId }, orderBy: { position: 'desc' }, select: { position: true } });
  const settings =
    type === 'MAILING'
      ? { templateKey: 'spring', ratePerSecond: 100, template: { key: 'spring', subject: 'Again', text: 'Again', html: null } }
      : { title: 'Call the responders', dueAfter: 'P2D' };
  const stage = await db.campaignStage.create({
    data: {
      campaignId,
      position: (last?.position ?? -1) + 1,
      type,
      name: options.name ?? null,
      status: 'RUNNING',
      cohort: cohort === null ? undefined : (cohort as Prisma.InputJsonValue),
      settings,
      startedSettings: settings,
      startedAt: options.startedAt ?? hoursAfter(T1, 24 * 8),
    },
    select: { id: true, position: true },
  });
  journey.stageIds[stage.position] = stage.id;
  return stage.id;
}

/** Freezes `cohort` for a new stage of the journey; answers the counts and the members' names, sorted. */
export async function freezeFor(journey: Journey, cohort: unknown) {
  const stageId = await addCohortStage(journey, 'CALL_TASKS', cohort);
  const counts = await journey.db.$transaction((tx) => freezeStageCohort(tx, { campaignId: journey.campaignId, stageId, cohort: CohortFilter.parse(cohort) }));
  return { stageId, counts, members: await memberNames(journey, stageId) };
}

/** The names of a stage's cohort members, sorted. */
export async function memberNames(journey: Journey, stageId: string, enrollmentId?: string) {
  const rows = await journey.db.campaignStageMember.findMany({ where: { stageId, ...(enrollmentId ? { enrollmentId } : {}) }, select: { contactId: true } });
  return namesOf(journey, rows.map((row) => row.contactId));
}

export function namesOf(journey: Journey, contactIds: string[]) {
  const byId = new Map(Object.entries(journey.contacts).map(([name, id]) => [id, name]));
  return contactIds.map((id) => byId.get(id) ?? id).sort();
}

/**
 * An enrollment of an evergreen campaign (its contacts: those of `label`) and its runs of the given
 * stages, RUNNING since `startedAt` (PENDING when null).
 */
export async function seedEnrollment(journey: Journey, label: string, number: number, enrolledAt: Date, runs: { stageId: string; startedAt: Date | null }[]) {
  const { db, campaignId } = journey;
  const enrollment = await db.campaignEnrollment.create({ data: { campaignId, number, scheduledFor: enrolledAt, enrolledAt }, select: { id: true } });
  await db.campaignRecipient.updateMany({ where: { campaignId, contactId: { in: journey.enrollments[label] } }, data: { enrollmentId: enrollment.id } });
  await db.campaignEnrollmentRun.createMany({
    data: runs.map((run) => ({ enrollmentId: enrollment.id, stageId: run.stageId, campaignId, status: run.startedAt ? 'RUNNING' : 'PENDING', startedAt: run.startedAt })),
  });
  return enrollment.id;
}
