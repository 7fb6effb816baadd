export type NotifyKind = 'request' | 'reminder' | 'outcome';

/** Who is told what at one step of a budget request. */
export interface Audience {
  recipientIds: string[];
  message: string;
  trigger: string;
}
