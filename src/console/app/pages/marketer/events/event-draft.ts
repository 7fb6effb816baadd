import type { EventTaskDue, EventView } from './event-model';
import { userTimeZone } from '../../../date-input';
import { fromZonedInput, toZonedInput } from './zoned-time';

export interface SourceDraft {
  uid: number;
  code: string;
  name: string;
  channel: string;
}

export interface CostDraft {
  uid: number;
  /** The stored line's id: kept on save. */
  id?: string;
  label: string;
  category: string;
  planned: string;
  actual: string;
}

export interface TaskDraft {
  uid: number;
  id?: string;
  title: string;
  assigneeId: string;
  due: EventTaskDue;
}

/** An event's plan as the form edits it: typed text, dates on the event's wall clock. */
export interface EventDraft {
  name: string;
  kind: string;
  description: string;
  venue: string;
  onlineUrl: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  capacity: string;
  ownerId: string;
  teamIds: string[];
  campaignId: string;
  currency: string;
  price: string;
  registrationMode: EventView['registrationMode'];
  registrationOpensAt: string;
  registrationClosesAt: string;
  reminderBefore: string;
  sources: SourceDraft[];
  costs: CostDraft[];
  tasks: TaskDraft[];
}

let nextUid = 1;
export const newSourceDraft = (): SourceDraft => ({ uid: nextUid++, code: '', name: '', channel: '' });
export const newCostDraft = (): CostDraft => ({ uid: nextUid++, label: '', category: '', planned: '', actual: '' });
export const newTaskDraft = (): TaskDraft => ({ uid: nextUid++, title: '', assigneeId: '', due: { days: 5, unit: 'businessDays', relativeTo: 'start', direction: 'before' } });

export const emptyEventDraft = (): EventDraft => ({
  name: '',
  kind: 'seminar',
  description: '',
  venue: '',
  onlineUrl: '',
  timeZone: userTimeZone(),
  startsAt: '',
  endsAt: '',
  capacity: '',
  ownerId: '',
  teamIds: [],
  campaignId: '',
  currency: 'EUR',
  price: '',
  registrationMode: 'OPEN',
  registrationOpensAt: '',
  registrationClosesAt: '',
  reminderBefore: 'P1D',
  sources: [],
  costs: [],
  tasks: [],
});

export function draftFromView(view: EventView): EventDraft {
  const zoned = (iso: string | null) => toZonedInput(iso, view.timeZone);
  return {
    name: view.name,
    kind: view.kind,
    description: view.description ?? '',
    venue: view.venue ?? '',
    onlineUrl: view.onlineUrl ?? '',
    timeZone: view.timeZone,
    startsAt: zoned(view.startsAt),
    endsAt: zoned(view.endsAt),
    capacity: view.capacity === null ? '' : String(view.capacity),
    ownerId: view.ownerId,
    teamIds: view.teamIds,
    campaignId: view.campaignId ?? '',
    currency: view.currency ?? 'EUR',
    price: view.price ?? '',
    registrationMode: view.registrationMode,
    registrationOpensAt: zoned(view.registrationOpensAt),
    registrationClosesAt: zoned(view.registrationClosesAt),
    reminderBefore: view.reminderBefore ?? '',
    sources: view.sources.map((source) => ({ uid: nextUid++, code: source.code, name: source.name, channel: source.channel ?? '' })),
    costs: view.costs.map((cost) => ({ uid: nextUid++, id: cost.id, label: cost.label, category: cost.category ?? '', planned: cost.planned ?? '', actual: cost.actual ?? '' })),
    tasks: view.tasks.map((task) => ({ uid: nextUid++, id: task.id, title: task.title, assigneeId: task.assigneeId ?? '', due: task.due })),
  };
}

// Typed numbers go as numbers; anything else is passed on as typed so the API names the field.
const amount = (text: string): number | string => (/^\d+(\.\d{1,2})?$/.test(text.trim()) ? Number(text) : text.trim());
const whole = (text: string): number | string => (/^\d+$/.test(text.trim()) ? Number(text) : text.trim());
const text = (value: string) => (value.trim() === '' ? undefined : value.trim());

/**
 * The body of POST /events (`cleared` undefined: an empty field is left out) or PATCH /events/:id
 * (`cleared` null: an empty field clears what was stored). Lists are always sent: they replace.
 */
export function eventForApi(draft: EventDraft, cleared: undefined | null) {
  const instant = (value: string) => (value.trim() === '' ? cleared : fromZonedInput(value, draft.timeZone));
  const priced = draft.price.trim() !== '' || draft.costs.length > 0;
  return {
    name: draft.name.trim(),
    kind: draft.kind.trim(),
    description: text(draft.description) ?? cleared,
    venue: text(draft.venue) ?? cleared,
    onlineUrl: text(draft.onlineUrl) ?? cleared,
    timeZone: draft.timeZone.trim(),
    startsAt: instant(draft.startsAt),
    endsAt: instant(draft.endsAt),
    capacity: draft.capacity.trim() === '' ? (cleared === null ? null : undefined) : whole(draft.capacity),
    ownerId: text(draft.ownerId),
    teamIds: draft.teamIds,
    campaignId: text(draft.campaignId) ?? cleared,
    currency: priced ? draft.currency.trim().toUpperCase() : cleared,
    price: draft.price.trim() === '' ? cleared : amount(draft.price),
    registrationMode: draft.registrationMode,
    registrationOpensAt: instant(draft.registrationOpensAt),
    registrationClosesAt: instant(draft.registrationClosesAt),
    reminderBefore: text(draft.reminderBefore) ?? cleared,
    // A new campaign event without sources gets one named after it from the API.
    sources: draft.sources.length === 0 && cleared === undefined ? undefined : draft.sources.map((source) => ({ code: source.code.trim(), name: source.name.trim(), channel: text(source.channel) })),
    costs: draft.costs.map((cost) => ({
      id: cost.id,
      label: cost.label.trim(),
      category: text(cost.category),
      planned: cost.planned.trim() === '' ? undefined : amount(cost.planned),
      actual: cost.actual.trim() === '' ? undefined : amount(cost.actual),
    })),
    tasks: draft.tasks.map((task) => ({ id: task.id, title: task.title.trim(), assigneeId: text(task.assigneeId), due: task.due })),
  };
}
