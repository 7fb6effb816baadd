import type { Db } from '../db/prisma';
import { ApiCallError, type ApiClient } from './api-client';
import type { DemoOrganization } from './demo-organization';
import type { SeededPeople } from './demo-people';

const SECOND = 1000;
const DAY = 24 * 3_600_000;
// A stage's date must be in the future when the campaign is scheduled: the list stages that run now start this soon.
const START_SOON_MS = 3 * SECOND;
const CAMPAIGN_TIMEOUT_MS = 60 * SECOND;

export interface DemoCampaigns {
  segmentIds: string[];
  templateKeys: string[];
  /** LIST then MAILING, run now to completion, with responses through two sub-sources. */
  completed: string;
  /** Its list frozen, waiting at its APPROVAL stage for the sales director. */
  awaitingApproval: string;
  /** Scheduled: waiting for its list date, two weeks ahead. */
  scheduled: string;
  responses: number;
}

interface CampaignView {
  id: string;
  status: string;
  stages: { id: string; type: string; status: string }[];
}

/**
 * The marketer's work through the API: two templates, two segments, and three campaigns that the
 * campaign workflow really runs: one completed (its mails are in the mail catcher) with responses
 * recorded by sub-source, one waiting for approval, one waiting for its list date.
 */
export async function runDemoMarketing(api: ApiClient, db: Db, organization: DemoOrganization, people: SeededPeople): Promise<DemoCampaigns> {
  const key = people.marketer.apiKey;
  const templateKeys = await createTemplates(api, key, organization);
  const [clients, prospects] = await createSegments(api, key, organization);
  const soon = () => new Date(Date.now() + START_SOON_MS).toISOString();

  const completed = await createAndSchedule(api, key, {
    name: organization.named('Hospitality clients newsletter'),
    description: 'Our winter news to the hotels and restaurants we work with; replies and the offer page count as responses.',
    channels: ['email', 'web'],
    budget: { amount: 1500, currency: 'EUR' },
    sources: [
      { code: 'NEWSLETTER', name: 'Newsletter e-mail', channel: 'email' },
      { code: 'WEB-OFFER', name: 'Offer page on our web site', channel: 'web', cost: 300 },
    ],
    stages: [
      { type: 'LIST', name: 'Hospitality clients', startAt: soon(), settings: { segmentId: clients } },
      { type: 'MAILING', name: 'Newsletter', settings: { templateKey: templateKeys[0], ratePerSecond: 20 } },
    ],
  });
  const awaitingApproval = await createAndSchedule(api, key, {
    name: organization.named('Retail winter offer'),
    description: 'A winter offer to retail prospects; the sales director approves the list before anything is sent.',
    channels: ['email', 'phone'],
    budget: { amount: 4000, currency: 'EUR' },
    sources: [{ code: 'OFFER-MAIL', name: 'Winter offer e-mail', channel: 'email' }],
    stages: [
      { type: 'LIST', name: 'Retail prospects', startAt: soon(), settings: { segmentId: prospects } },
      { type: 'APPROVAL', name: 'Sales director approves', settings: { approverIds: [people.director.id], require: 'any', remindAfter: 'P2D' } },
      { type: 'MAILING', name: 'Offer e-mail', settings: { templateKey: templateKeys[1], ratePerSecond: 20 } },
      { type: 'CALL_TASKS', name: 'Follow-up calls', settings: { title: 'Call about the winter offer', dueAfter: 'P3D' } },
    ],
  });
  const listDate = new Date(Date.now() + 14 * DAY);
  listDate.setUTCHours(8, 0, 0, 0);
  const scheduled = await createAndSchedule(api, key, {
    name: organization.named('Retail trade fair follow-up'),
    description: 'After the spring trade fair: the offer to retail prospects, then a call from their manager.',
    channels: ['email', 'phone'],
    budget: { amount: 2500, currency: 'EUR' },
    sources: [{ code: 'FAIR-MAIL', name: 'Trade fair follow-up e-mail', channel: 'email' }],
    stages: [
      { type: 'LIST', name: 'Retail prospects', startAt: listDate.toISOString(), settings: { segmentId: prospects } },
      { type: 'MAILING', name: 'Follow-up e-mail', settings: { templateKey: templateKeys[1], sendWindow: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } } },
      { type: 'CALL_TASKS', name: 'Follow-up calls', settings: { title: 'Call after the trade fair', dueAfter: 'P5D' } },
    ],
  });

  await Promise.all([
    campaignWhen(api, key, completed, (campaign) => campaign.status === 'COMPLETED', 'completed'),
    campaignWhen(api, key, awaitingApproval, (campaign) => campaign.stages.some((stage) => stage.type === 'APPROVAL' && stage.status === 'RUNNING'), 'waiting at its approval stage'),
  ]);
  const responses = await recordResponses(api, db, key, completed);
  return { segmentIds: [clients, prospects], templateKeys, completed, awaitingApproval, scheduled, responses };
}

async function createTemplates(api: ApiClient, key: string, organization: DemoOrganization): Promise<string[]> {
  const templates = [
    {
      key: organization.keyed('client-newsletter'),
      name: organization.named('Client newsletter'),
      subject: `{{ account.name }}: what is new at ${organization.name} this winter`,
      text: [
        'Hello {{ contact.name }},',
        '',
        `Thank you for working with ${organization.name} this year. This winter we add next-day delivery in {{ account.city }} and a loyalty discount on repeat orders.`,
        '',
        'Reply to this e-mail, or book a call with {{ owner.name }} ({{ owner.email }}).',
        '',
        `${organization.name}`,
        'Unsubscribe: {{ unsubscribeUrl }}',
      ].join('\n'),
    },
    {
      key: organization.keyed('retail-offer'),
      name: organization.named('Retail offer'),
      subject: `{{ account.name }}: an offer from ${organization.name} for your stores`,
      text: [
        'Hello {{ contact.name }},',
        '',
        'Stores like yours in {{ account.city }} cut their restocking costs by a fifth with our weekly delivery plan. Until the end of the season the first month is free.',
        '',
        `${organization.name}`,
        'Unsubscribe: {{ unsubscribeUrl }}',
      ].join('\n'),
    },
  ];
  for (const template of templates) await api.call(key, 'POST', '/templates', template);
  return templates.map((template) => template.key);
}

async function createSegments(api: ApiClient, key: string, organization: DemoOrganization): Promise<[string, string]> {
  // Every demo account carries its organization's number: a segment never reaches another demo organization.
  const ours = { field: 'account.fields', key: 'demoSet', op: 'eq', value: organization.number };
  const withEmail = { field: 'contact.hasEmail', op: 'eq', value: true };
  const clients = await api.call<{ id: string }>(key, 'POST', '/segments', {
    name: organization.named('Hospitality clients'),
    description: 'Hotels and restaurants that are clients, with an e-mail address',
    criteria: { all: [ours, { field: 'account.segment', op: 'eq', value: 'Hospitality' }, { field: 'account.status', op: 'eq', value: 'CLIENT' }, withEmail] },
  });
  const prospects = await api.call<{ id: string }>(key, 'POST', '/segments', {
    name: organization.named('Retail prospects'),
    description: 'Retail accounts not yet clients nor refused, with an e-mail address',
    criteria: { all: [ours, { field: 'account.segment', op: 'eq', value: 'Retail' }, { field: 'account.status', op: 'in', value: ['NEW', 'POTENTIAL', 'CONTACT_ESTABLISHED', 'MEETING_HELD'] }, withEmail] },
  });
  return [clients.id, prospects.id];
}

async function createAndSchedule(api: ApiClient, key: string, body: object): Promise<string> {
  const created = await api.call<CampaignView>(key, 'POST', '/campaigns', body);
  for (let attempt = 1; ; attempt++) {
    try {
      await api.call(key, 'POST', `/campaigns/${created.id}/schedule`);
      return created.id;
    } catch (error) {
      // Under load, a first stage due "soon" may be in the past by the time the schedule is checked: move it, try again.
      if (attempt === 3 || !firstStageDatePassed(error)) throw error;
      await api.call(key, 'PATCH', `/campaigns/${created.id}/stages/${created.stages[0].id}`, { startAt: new Date(Date.now() + attempt * 2 * START_SOON_MS).toISOString() });
    }
  }
}

function firstStageDatePassed(error: unknown): boolean {
  const details = (error instanceof ApiCallError && error.status === 400 && (error.body as { error?: { details?: { path?: string }[] } }).error?.details) || [];
  return details.length > 0 && details.every((detail) => detail.path === 'stages.0.startAt');
}

async function campaignWhen(api: ApiClient, key: string, id: string, reached: (campaign: CampaignView) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + CAMPAIGN_TIMEOUT_MS;
  for (;;) {
    const campaign = await api.call<CampaignView>(key, 'GET', `/campaigns/${id}`);
    if (reached(campaign)) return;
    if (Date.now() > deadline) throw new Error(`Campaign ${id} is not ${what} after ${CAMPAIGN_TIMEOUT_MS / SECOND} s (it is ${campaign.status}): is the worker running?`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Replies to the newsletter and visits of the offer page, recorded as a marketer does: POST /responses. */
async function recordResponses(api: ApiClient, db: Db, key: string, campaignId: string): Promise<number> {
  const recipients = await db.campaignRecipient.findMany({ where: { campaignId }, select: { accountId: true }, distinct: ['accountId'], orderBy: { accountId: 'asc' } });
  if (recipients.length === 0) throw new Error(`Campaign ${campaignId} listed no recipient: the demo segment found no contact`);
  const plan = [
    ...Array.from({ length: 5 }, () => ({ sourceCode: 'NEWSLETTER', type: 'REPLY' })),
    ...Array.from({ length: 3 }, () => ({ sourceCode: 'WEB-OFFER', type: 'WEB_FORM' })),
  ];
  await Promise.all(plan.map((response, index) => api.call(key, 'POST', '/responses', { campaignId, ...response, accountId: recipients[index % recipients.length].accountId })));
  return plan.length;
}
