import type { z } from 'zod';
import type { AuditEntryView } from '../../../../audit/audit.schemas';
import type { RuleDryRunResult } from '../../../../rule-store/dry-run.schemas';
import type { CreatedUserResponse, DeactivatedUserResponse, ReassignedWorkResponse, UserDetailResponse, UserResponse } from '../../../../users/users.schemas';

/** A user as GET /users, GET /users/:id and PATCH /users/:id answer. */
export type UserView = UserResponse;
/** GET /users/:id (admin): the user and what they have in hand. */
export type UserDetail = z.output<typeof UserDetailResponse>;
export type DeactivationResult = z.output<typeof DeactivatedUserResponse>;
export type ReassignmentResult = z.output<typeof ReassignedWorkResponse>;
export type CreatedUser = z.output<typeof CreatedUserResponse>;

/** An entry of GET /audit: who changed what, when, the fields before and after, and why. */
export type AuditEntry = AuditEntryView;

/** POST /rules/dry-run: what the proposed rules would have done over the window, against what happened. */
export type DryRunResult = RuleDryRunResult;
