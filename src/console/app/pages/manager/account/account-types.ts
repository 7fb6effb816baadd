import type { z } from 'zod';
import type { AccountPageResponse } from '../../../../../accounts/account-views.schemas';
import type { LogActivityResponse, TimerView } from '../../../../../lifecycle/lifecycle.schemas';
import type { AccountTimerView } from '../../../../../lifecycle/account-timers.schemas';

export type AccountPage = AccountPageResponse;
export type AccountActivity = AccountPage['activities'][number];
export type StatusChange = AccountPage['statusHistory'][number];
export type OwnerChange = AccountPage['ownerChanges'][number];
export type ActivityResult = z.output<typeof LogActivityResponse>;
export type Timer = TimerView;
export type AccountTimer = AccountTimerView;

/** One entry of a timer's history, as the workflow's activities write it. */
export interface TimerEvent {
  at?: string;
  event?: string;
  from?: string;
  to?: string;
  reason?: string;
  byUserId?: string;
  ruleKey?: string;
}
