import { SendWindow } from '../../src/campaigns/stage-settings.schemas';
import type { FrozenMailCollateral } from '../../src/collateral-kits/stage-collateral';

/** The template as the stage started with it: a resend after an edit sends the same message. */
export interface TemplateSnapshot {
  key: string;
  subject: string;
  text: string;
  html: string | null;
}

/** A MAILING stage's startedSettings: its settings plus the template as it was at the start. */
export interface StartedMailingSettings {
  templateKey: string;
  ratePerSecond: number;
  sendWindow?: { days: number[]; start: string; end: string };
  /** The event the mailing invites to (its template's event.* variables). */
  eventId?: string;
  template: TemplateSnapshot;
}

/** The stage's started settings as the stage began; anything else means it never started. */
export function startedMailingSettings(value: unknown): (Omit<StartedMailingSettings, 'sendWindow'> & { sendWindow: SendWindow | null }) | undefined {
  const settings = value as Partial<StartedMailingSettings> | null;
  if (!settings || typeof settings !== 'object' || !settings.template) return undefined;
  const { template } = settings;
  if (typeof template.subject !== 'string' || typeof template.text !== 'string') return undefined;
  const window = settings.sendWindow === undefined || settings.sendWindow === null ? null : SendWindow.safeParse(settings.sendWindow);
  if (window && !window.success) return undefined;
  const rate = typeof settings.ratePerSecond === 'number' && settings.ratePerSecond > 0 ? settings.ratePerSecond : 100;
  const eventId = typeof settings.eventId === 'string' ? settings.eventId : undefined;
  return { templateKey: settings.templateKey ?? template.key, ratePerSecond: rate, template, sendWindow: window ? window.data : null, ...(eventId ? { eventId } : {}) };
}

/** The collateral a MAILING stage started with (files and links, frozen versions); none when it attaches nothing. */
export function startedMailCollateral(value: unknown): FrozenMailCollateral {
  const collateral = (value as { collateral?: Partial<FrozenMailCollateral> } | null)?.collateral;
  return {
    files: Array.isArray(collateral?.files) ? collateral.files : [],
    links: Array.isArray(collateral?.links) ? collateral.links : [],
    leftOut: Array.isArray(collateral?.leftOut) ? collateral.leftOut : [],
  };
}
