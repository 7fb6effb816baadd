/** What a registration's answer page says: the person's status, their waiting position, their cancellation link. */
export interface RegistrationOutcome {
  status: 'REGISTERED' | 'WAITING';
  waitingPosition: number | null;
  /** The cancellation link's path (the page may give it absolute, on PUBLIC_URL). */
  cancelPath: string;
}

const CANCEL_LINK = /(?:href|action)="([^"]*\/event-registrations\/[^"/?#]+\/cancel)"/i;
const POSITION = /waiting list[^0-9<]*?(?:<[^>]+>\s*)*position\s*(?:<[^>]+>\s*)*(\d+)/i;

/** Reads the page; a string saying what is missing when it is not a registration's answer. */
export function readRegistrationPage(html: string): RegistrationOutcome | string {
  const link = CANCEL_LINK.exec(html);
  if (!link) return 'no cancellation link on the page';
  // Every benchmark person is new: "already registered" would mean a post counted twice.
  if (/already registered/i.test(html)) return 'an existing registration';
  const cancelPath = new URL(link[1].replace(/&amp;/g, '&'), 'http://page.invalid').pathname;
  const position = POSITION.exec(html);
  if (position) return { status: 'WAITING', waitingPosition: Number(position[1]), cancelPath };
  if (/waiting list/i.test(html)) return 'a waiting-list page without its position';
  if (/registered/i.test(html)) return { status: 'REGISTERED', waitingPosition: null, cancelPath };
  return 'neither "registered" nor "waiting list, position N" on the page';
}
