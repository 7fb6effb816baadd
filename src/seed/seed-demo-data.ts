import type { Db } from '../db/prisma';
import { loadBusinessCalendar, loadCurrentRules } from '../rule-store/rule-store';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { apiClient, checkApiAnswers } from './api-client';
import { demoAccounts } from './demo-accounts';
import { doLiveWork } from './demo-live-work';
import { claimDemoSet, completeDemoSet } from './demo-marker';
import { runDemoMarketing, type DemoCampaigns } from './demo-marketing';
import { demoOrganization, person } from './demo-organization';
import { createDemoAdmin, createDemoPeople, type SeededUser } from './demo-people';
import { createDemoPlan } from './demo-plan';
import { createDemoProducts } from './demo-products';
import { seededRandom } from './random';
import { simulateHistory } from './simulate-history';
import { startAccountWorkflows, writeHistory } from './write-history';

export interface SeedDependencies {
  db: Db;
  /** The same Temporal namespace and task queue as the running worker. */
  temporal: TemporalDeps;
  /** Where the running API answers, e.g. http://localhost:3000. */
  apiUrl: string;
  /** One line per step, for the person waiting. */
  progress?: (line: string) => void;
}

export interface SeedOptions {
  /** Seed another demo organization even though the database has one (or a run that stopped half-way). */
  force?: boolean;
}

export interface SeedResult {
  organization: { number: number; name: string };
  users: SeededUser[];
  accounts: number;
  /** Account workflows running for the accounts in work. */
  accountWorkflows: number;
  campaigns: DemoCampaigns;
  plan: { planId: string; childIds: string[] };
  seconds: number;
}

/**
 * Seeds a running system with a small demo organization (see docs/administration.md, "Demo data"):
 * people with keys, 200 accounts with their history, live account workflows with timers, segments,
 * templates, three campaigns and a plan awaiting approval. The past is written set-based with its
 * original dates, and its accounts in work get their workflows as taking them into work starts them;
 * everything else users do goes through the API, as they do it. Throws SeedRefused, having changed
 * nothing, when the database has demo data and `force` is not set.
 */
export async function seedDemoData({ db, temporal, apiUrl, progress = () => undefined }: SeedDependencies, { force = false }: SeedOptions = {}): Promise<SeedResult> {
  const started = Date.now();
  const done = (what: string) => progress(`  ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const api = apiClient(apiUrl);
  await checkApiAnswers(api.baseUrl);

  const { number, admin } = await db.$transaction(async (tx) => {
    const claimed = await claimDemoSet(tx, force, new Date());
    return { number: claimed, admin: await createDemoAdmin(tx, person(demoOrganization(claimed), 'admin')) };
  });
  const organization = demoOrganization(number);
  progress(`Seeding the demo organization "${organization.name}"`);
  const people = await createDemoPeople(api, organization, admin);
  done('people and their keys');

  const now = new Date();
  const [rules, calendar] = await Promise.all([loadCurrentRules(db), loadBusinessCalendar(db)]);
  const accounts = demoAccounts(organization, { director: people.director.id, north: people.north.id, south: people.south.id }, seededRandom(20_260_000 + number), now);
  const managerOf = new Map(Object.values(people).map((user) => [user.id, user.reportsTo ? people[user.reportsTo].id : null]));
  const rows = simulateHistory(accounts, { rules, calendar, importedById: people.marketer.id, managerOf: (id) => managerOf.get(id) ?? null, now });
  await writeHistory(db, rows);
  done(`${rows.accounts.length} accounts with ${rows.contacts.length} contacts and ${rows.activities.length} past activities`);

  const [campaigns, plan] = await Promise.all([runDemoMarketing(api, db, organization, people), createDemoPlan(api, organization, people, now), doLiveWork(api, accounts, people)]);
  done("campaigns, responses, the plan and today's calls");
  const sold = await createDemoProducts(api, organization, people, accounts, plan.planId);
  done(`${sold.products} products and ${sold.deals} deals made of them`);
  // Last: the API calls above need the worker, which each workflow started here keeps busy for a moment.
  // Those calls started the workflows of the accounts they touched already (update-with-start).
  const accountWorkflowsStarted = await startAccountWorkflows(temporal, rows);
  done(`${accountWorkflowsStarted} account workflows running, with their timers`);

  await db.$transaction((tx) => completeDemoSet(tx, number, new Date()));
  return {
    organization: { number, name: organization.name },
    users: organization.people.map((entry) => people[entry.handle]),
    accounts: rows.accounts.length,
    accountWorkflows: accountWorkflowsStarted + accounts.filter((account) => account.live === 'refusal').length,
    campaigns,
    plan,
    seconds: (Date.now() - started) / 1000,
  };
}
