import { randomUUID } from 'node:crypto';
import type { ActivityType, Outcome, Status, TaskType } from '../rules/lifecycle';
import type { DemoOrganization } from './demo-organization';
import type { Random } from './random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface ScriptedActivity {
  at: Date;
  type: ActivityType;
  outcome: Outcome;
  notes: string;
  nextStep?: { type: TaskType; dueAt: Date; title: string };
}

export interface DemoContact {
  id: string;
  name: string;
  email: string | null;
  phone: string;
  title: string;
  isPrimary: boolean;
}

/** What the last activity leaves open: the task lists a manager sees in "My day". */
export type OpenTask = 'dueToday' | 'overdue' | 'overdueEscalated' | 'upcoming' | 'none';

export interface DemoAccount {
  id: string;
  name: string;
  segment: string;
  timeZone: string;
  fields: { demoSet: number; city: string; employees: number };
  leadSource: string;
  createdAt: Date;
  contacts: DemoContact[];
  /** The status its history reaches under the default rules. */
  intended: Status;
  ownerId: string | null;
  takenAt: Date | null;
  activities: ScriptedActivity[];
  openTask: OpenTask;
  /**
   * Left NEW (or POTENTIAL without activity) in the history, for the seed to work on through the API
   * now: taken and refused (a re-contact timer 90 days out), or called today with a call-back due today.
   */
  live?: 'refusal' | 'callToday';
}

export interface DemoOwners {
  director: string;
  north: string;
  south: string;
}

const segments = ['Retail', 'Manufacturing', 'Hospitality', 'Healthcare', 'Logistics'] as const;
const suffixes: Record<(typeof segments)[number], string[]> = {
  Retail: ['Stores', 'Market', 'Outfitters', 'Home & Garden'],
  Manufacturing: ['Tooling', 'Fabrication', 'Plastics', 'Components'],
  Hospitality: ['Hotels', 'Bistro Group', 'Resorts', 'Catering'],
  Healthcare: ['Clinics', 'Dental Care', 'Pharmacy', 'Medical Supply'],
  Logistics: ['Freight', 'Logistics', 'Couriers', 'Warehousing'],
};
const stems = [
  'Alder', 'Birch', 'Cedar', 'Dunmore', 'Elmstead', 'Fairhaven', 'Granite', 'Harbor', 'Ironwood', 'Juniper',
  'Kestrel', 'Larkspur', 'Maple', 'Northgate', 'Oakridge', 'Pinecrest', 'Quarry', 'Riverside', 'Silverline', 'Thornbury',
  'Upland', 'Valemont', 'Westbrook', 'Yarrow', 'Zephyr', 'Ashford', 'Bramble', 'Copperfield', 'Driftwood', 'Everly',
  'Foxglove', 'Glenmore', 'Hawthorne', 'Ivory', 'Kingsley', 'Lakeshore', 'Meadowbank', 'Nettlefield', 'Orchard', 'Primrose',
];
const places = [
  { timeZone: 'Europe/Paris', cities: ['Paris', 'Lyon', 'Lille', 'Nantes'], phone: '+33 4 72' },
  { timeZone: 'Europe/Berlin', cities: ['Berlin', 'Hamburg', 'Cologne'], phone: '+49 30 5' },
  { timeZone: 'Europe/London', cities: ['London', 'Leeds', 'Bristol'], phone: '+44 20 7946' },
  { timeZone: 'Europe/Madrid', cities: ['Madrid', 'Valencia', 'Seville'], phone: '+34 91 55' },
];
const givenNames = ['Anna', 'Ben', 'Chloé', 'David', 'Elena', 'Felix', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Katrin', 'Luca', 'Maya', 'Noah', 'Olivia', 'Pablo', 'Rosa', 'Simon', 'Talia', 'Victor'];
const familyNames = ['Meier', 'Laurent', 'Schmidt', 'García', 'Walsh', 'Rossi', 'Novak', 'Fischer', 'Moreau', 'Kowalski', 'Jensen', 'Brennan', 'Costa', 'Lindqvist', 'Hartmann', 'Duval'];
const jobTitles = ['Purchasing manager', 'Owner', 'Operations director', 'Office manager', 'Finance director', 'Store manager'];
const leadSources = ['Trade fair Lyon 2026', 'Web site form', 'Referral', 'Purchased list', 'Cold call'];

/** How many accounts end in each status (200 in all); the live ones are counted where the history leaves them. */
const statusCounts: [Status, number][] = [
  ['NEW', 40],
  ['POTENTIAL', 30],
  ['CONTACT_ESTABLISHED', 30],
  ['MEETING_HELD', 20],
  ['CONTRACT_SIGNED', 15],
  ['CLIENT', 35],
  ['REFUSED', 18],
  ['LOST', 12],
];
export const LIVE_REFUSALS = 4;
export const LIVE_CALLS_TODAY = 4;
const POTENTIAL_WITHOUT_ACTIVITY = 8;
const openTaskQuota: [OpenTask, number][] = [
  ['dueToday', 10],
  ['overdue', 6],
  ['overdueEscalated', 3],
];

interface Step {
  type: ActivityType;
  outcome: Outcome;
  notes: string[];
  /** How the step reads as the task planned for it by the step before. */
  planned: { type: TaskType; title: string };
}

const step = {
  noAnswer: {
    type: 'CALL', outcome: 'NO_ANSWER',
    notes: ['No answer, left a voicemail.', 'Switchboard could not reach the buyer.', 'Nobody picked up.'],
    planned: { type: 'CALL', title: 'Call {first} again' },
  },
  reached: {
    type: 'CALL', outcome: 'CONTACT_MADE',
    notes: ['Spoke with {first}: they review suppliers this quarter.', 'Introduced our range; {first} asked for prices.', '{first} is open to a visit.'],
    planned: { type: 'CALL', title: 'Call {first} to follow up' },
  },
  interestedByEmail: {
    type: 'EMAIL', outcome: 'INTERESTED',
    notes: ['{first} answered our mail: interested in a trial order.', '{first} asked for the catalogue by e-mail.'],
    planned: { type: 'EMAIL', title: 'E-mail {first} the product sheet' },
  },
  meeting: {
    type: 'MEETING', outcome: 'MEETING_HELD',
    notes: ['Visited {first} on site; they want a proposal.', 'Demo at their office went well.', 'Met {first} and the finance director.'],
    planned: { type: 'MEETING', title: 'Meeting with {first} at their office' },
  },
  contract: {
    type: 'MEETING', outcome: 'CONTRACT_SIGNED',
    notes: ['Contract signed for 12 months.', 'Signed the framework agreement.'],
    planned: { type: 'MEETING', title: 'Contract signing with {first}' },
  },
  payment: {
    type: 'EMAIL', outcome: 'PAYMENT_CONFIRMED',
    notes: ['Finance confirmed the first payment.', 'First invoice paid.'],
    planned: { type: 'EMAIL', title: 'Check the first payment' },
  },
  refusal: {
    type: 'CALL', outcome: 'REFUSED',
    notes: ['Not interested: happy with their current supplier.', 'Budget frozen until next year.', 'Chose a competitor.'],
    planned: { type: 'CALL', title: 'Call {first} about the offer' },
  },
} as const satisfies Record<string, Step>;

const paths: Record<Exclude<Status, 'NEW'>, Step[][]> = {
  POTENTIAL: [[step.noAnswer], [step.noAnswer, step.noAnswer]],
  CONTACT_ESTABLISHED: [[step.reached], [step.noAnswer, step.reached], [step.interestedByEmail]],
  MEETING_HELD: [[step.reached, step.meeting], [step.noAnswer, step.reached, step.meeting]],
  CONTRACT_SIGNED: [[step.reached, step.meeting, step.contract]],
  CLIENT: [[step.reached, step.meeting, step.contract, step.payment], [step.noAnswer, step.reached, step.meeting, step.contract, step.payment]],
  REFUSED: [[step.refusal], [step.reached, step.refusal], [step.reached, step.meeting, step.refusal]],
  LOST: [[step.reached, step.meeting, step.contract, step.payment, step.refusal]],
};

/** The next step planned with the last activity, by the status it leaves. */
const lastPlans: Partial<Record<Status, { type: TaskType; title: string }[]>> = {
  POTENTIAL: [{ type: 'CALL', title: 'Try {first} again' }],
  CONTACT_ESTABLISHED: [{ type: 'MEETING', title: 'Meeting with {first}: present the offer' }, { type: 'CALL', title: 'Call {first} about the samples' }],
  MEETING_HELD: [{ type: 'EMAIL', title: 'Send {first} the proposal' }, { type: 'CALL', title: 'Call {first} about the proposal' }],
  CONTRACT_SIGNED: [{ type: 'EMAIL', title: 'Check the first payment' }],
  CLIENT: [{ type: 'MEETING', title: 'Quarterly review with {first}' }],
};

/**
 * The 200 accounts of a demo organization with their contacts and the activities each history is
 * made of, ending in every status. Deterministic for a given random source and clock.
 */
export function demoAccounts(organization: DemoOrganization, owners: DemoOwners, random: Random, now: Date): DemoAccount[] {
  const intended = random.shuffle(statusCounts.flatMap(([status, count]) => Array<Status>(count).fill(status)));
  const accounts = intended.map((status, index) => baseAccount(organization, random, index, status));
  assignOwners(accounts, owners);
  accounts.filter((account) => account.intended === 'NEW').slice(0, LIVE_REFUSALS).forEach((account) => (account.live = 'refusal'));
  // The first POTENTIAL ones were just taken, without an activity yet; some of them get their first call now.
  const justTaken = accounts.filter((account) => account.intended === 'POTENTIAL').slice(0, POTENTIAL_WITHOUT_ACTIVITY);
  justTaken.slice(0, LIVE_CALLS_TODAY).forEach((account) => (account.live = 'callToday'));
  assignOpenTasks(accounts.filter((account) => !justTaken.includes(account)), owners, random);
  for (const account of accounts) {
    if (account.intended === 'NEW' || justTaken.includes(account)) datePoolOrJustTaken(account, random, now);
    else scriptHistory(account, random, now);
  }
  return accounts;
}

function baseAccount(organization: DemoOrganization, random: Random, index: number, status: Status): DemoAccount {
  const segment = segments[Math.floor(index / stems.length)];
  const stem = stems[index % stems.length];
  const suffix = random.pick(suffixes[segment]);
  const name = `${stem} ${suffix}`;
  const place = random.pick(places);
  const domain = organization.companyDomain(`${stem}-${suffix}`.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-'));
  const contactCount = random.chance(0.3) ? 2 : 1;
  const used = new Set<string>();
  const contacts = Array.from({ length: contactCount }, (_, position) => {
    let given: string;
    let family: string;
    do {
      given = random.pick(givenNames);
      family = random.pick(familyNames);
    } while (used.has(`${given} ${family}`));
    used.add(`${given} ${family}`);
    const local = `${given}.${family}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    return {
      id: randomUUID(),
      name: `${given} ${family}`,
      // A few contacts have no address: mailings leave them out, managers call them.
      email: random.chance(0.92) ? `${local}@${domain}` : null,
      phone: `${place.phone} ${String(random.int(10, 99))} ${String(random.int(10, 99))}`,
      title: random.pick(jobTitles),
      isPrimary: position === 0,
    };
  });
  return {
    id: randomUUID(),
    name,
    segment,
    timeZone: place.timeZone,
    fields: { demoSet: organization.number, city: random.pick(place.cities), employees: random.int(8, 900) },
    leadSource: random.pick(leadSources),
    createdAt: new Date(0),
    contacts,
    intended: status,
    ownerId: null,
    takenAt: null,
    activities: [],
    openTask: 'none',
  };
}

/** The director keeps every tenth account in work; Tom and Priya share the rest. */
function assignOwners(accounts: DemoAccount[], owners: DemoOwners): void {
  accounts
    .filter((account) => account.intended !== 'NEW')
    .forEach((account, index) => {
      account.ownerId = index % 10 === 0 ? owners.director : index % 2 === 0 ? owners.north : owners.south;
    });
}

/** Accounts in the funnel get an open next step: due today, overdue, or later. */
function assignOpenTasks(accounts: DemoAccount[], owners: DemoOwners, random: Random): void {
  const inFunnel = accounts.filter((account) => ['POTENTIAL', 'CONTACT_ESTABLISHED', 'MEETING_HELD'].includes(account.intended));
  const quota = new Map(openTaskQuota);
  for (const account of inFunnel) {
    account.openTask = 'upcoming';
    for (const [kind, left] of quota) {
      // Escalations reach the owner's manager: the director has none.
      if (left === 0 || (kind === 'overdueEscalated' && account.ownerId === owners.director)) continue;
      account.openTask = kind;
      quota.set(kind, left - 1);
      break;
    }
  }
  for (const account of accounts) {
    if (account.intended === 'CONTRACT_SIGNED' && random.chance(0.5)) account.openTask = 'upcoming';
    if (account.intended === 'CLIENT' && random.chance(0.3)) account.openTask = 'upcoming';
  }
}

/** A working-hours time (UTC) on the day of `date`. */
function duringWorkingHours(date: Date, random: Random): Date {
  const day = new Date(date);
  day.setUTCHours(random.int(8, 16), random.pick([0, 15, 30, 45]), 0, 0);
  return day;
}

/** Down to the quarter hour, as people plan. */
function toQuarterHour(time: number): Date {
  return new Date(time - (time % (15 * 60_000)));
}

function fill(text: string, account: DemoAccount): string {
  return text.replace(/\{first\}/g, account.contacts[0].name.split(' ')[0]);
}

/** A NEW account created in the last weeks, or one taken into work lately and not called yet. */
function datePoolOrJustTaken(account: DemoAccount, random: Random, now: Date): void {
  const pool = account.intended === 'NEW';
  account.createdAt = duringWorkingHours(new Date(now.getTime() - random.int(pool ? 1 : 20, pool ? 45 : 60) * DAY), random);
  if (!pool) account.takenAt = duringWorkingHours(new Date(now.getTime() - random.int(1, 15) * DAY), random);
}

/**
 * Dates the history backwards from its last activity: each activity carries the next one as its
 * planned next step (so the task it leaves is due when the next activity happens, and is completed
 * then), and the last one leaves the open task asked for.
 */
function scriptHistory(account: DemoAccount, random: Random, now: Date): void {
  const path = random.pick(paths[account.intended as Exclude<Status, 'NEW'>]);
  const { lastAt, due } = lastActivityTiming(account, random, now);
  const times = [lastAt];
  for (let index = path.length - 2; index >= 0; index--) times.unshift(duringWorkingHours(new Date(times[0].getTime() - random.int(4, 21) * DAY), random));
  const fallback: Step['planned'][] = [{ type: 'CALL', title: 'Call {first}' }];
  const lastPlan = due ? { ...random.pick(lastPlans[account.intended] ?? fallback), dueAt: due } : undefined;
  account.activities = path.map((activity, index): ScriptedActivity => {
    const next: Step | undefined = path[index + 1];
    const planned: (Step['planned'] & { dueAt: Date }) | undefined = next ? { ...next.planned, dueAt: times[index + 1] } : lastPlan;
    return {
      at: times[index],
      type: activity.type,
      outcome: activity.outcome,
      notes: fill(random.pick(activity.notes), account),
      ...(planned ? { nextStep: { type: planned.type, dueAt: planned.dueAt, title: fill(planned.title, account) } } : {}),
    };
  });
  account.takenAt = duringWorkingHours(new Date(times[0].getTime() - random.int(1, 7) * DAY), random);
  account.createdAt = duringWorkingHours(new Date(account.takenAt.getTime() - random.int(1, 30) * DAY), random);
}

/** When the last activity happened and when the task it leaves is due (none for a refusal or a closed deal). */
function lastActivityTiming(account: DemoAccount, random: Random, now: Date): { lastAt: Date; due?: Date } {
  const daysAgo = (min: number, max: number) => duringWorkingHours(new Date(now.getTime() - random.int(min, max) * DAY), random);
  switch (account.openTask) {
    case 'dueToday': {
      // Later today when the day leaves room, else earlier today: due today either way (UTC).
      const endOfDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
      const left = endOfDay - now.getTime();
      const due = left > 2 * HOUR ? now.getTime() + random.int(1, Math.floor(left / HOUR) - 1) * HOUR : endOfDay - DAY + random.int(0, 120) * 60_000;
      return { lastAt: daysAgo(2, 8), due: toQuarterHour(due) };
    }
    case 'overdue': {
      const due = toQuarterHour(now.getTime() - random.int(2, 18) * HOUR);
      return { lastAt: duringWorkingHours(new Date(due.getTime() - random.int(2, 7) * DAY), random), due };
    }
    case 'overdueEscalated': {
      const due = toQuarterHour(now.getTime() - random.int(30, 70) * HOUR);
      return { lastAt: duringWorkingHours(new Date(due.getTime() - random.int(2, 7) * DAY), random), due };
    }
    case 'upcoming':
      return { lastAt: daysAgo(1, 20), due: duringWorkingHours(new Date(now.getTime() + random.int(1, 20) * DAY), random) };
    case 'none':
      // A refusal's re-contact timer runs 90 days: refusals of the last 80 days leave it pending.
      return { lastAt: ['REFUSED', 'LOST'].includes(account.intended) ? daysAgo(2, 80) : daysAgo(5, 150) };
  }
}
