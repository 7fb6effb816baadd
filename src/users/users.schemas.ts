import { z } from 'zod';
import { Status } from '../rules/lifecycle';

export const Role = z.enum(['admin', 'marketer', 'manager']).meta({ id: 'Role' });

const Reason = z.string().trim().min(1).max(500);

export const CreateUserRequest = z
  .strictObject({
    email: z.email().max(254).transform((email) => email.toLowerCase()),
    name: z.string().trim().min(1).max(200),
    role: Role,
  })
  .meta({ id: 'CreateUserRequest' });
export type CreateUserRequest = z.output<typeof CreateUserRequest>;

export const UserResponse = z
  .object({
    id: z.uuid(),
    email: z.email(),
    name: z.string(),
    role: Role,
    managerId: z.uuid().nullable().meta({ description: 'Whom their overdue tasks and approval escalations reach; null: nobody' }),
    deactivatedAt: z.iso.datetime().nullable().meta({ description: 'Set while the user is deactivated: their keys and sessions do not work' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });
export type UserResponse = z.output<typeof UserResponse>;

export const UserStatusFilter = z.enum(['active', 'deactivated', 'all']);

export const ListUsersQuery = z.strictObject({
  role: Role.optional(),
  status: UserStatusFilter.default('active').meta({ description: 'active (the default: what pickers offer), deactivated, or all (to name the authors of old records)' }),
});
export type ListUsersQuery = z.output<typeof ListUsersQuery>;

export const UserListResponse = z.object({ items: z.array(UserResponse) }).meta({ id: 'UserList' });

export const CreatedUserResponse = z
  .object({
    user: UserResponse,
    apiKey: z.string().meta({ description: 'Shown only in this answer: store it now.' }),
    welcomeWorkflowId: z.string().meta({ description: 'The Temporal workflow that sends the welcome e-mail.' }),
  })
  .meta({ id: 'CreatedUser' });

export const UserIdParams = z.strictObject({ id: z.uuid() });

export const UpdateUserRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    role: Role.optional(),
    managerId: z.uuid().nullable().optional().meta({ description: 'An active user who is not this user nor one of the people they manage, directly or not; null: no manager' }),
  })
  .meta({ id: 'UpdateUserRequest' });
export type UpdateUserRequest = z.output<typeof UpdateUserRequest>;

export const DeactivateUserRequest = z.strictObject({ reason: Reason.optional() }).meta({ id: 'DeactivateUserRequest' });
export type DeactivateUserRequest = z.output<typeof DeactivateUserRequest>;

export const ReassignWorkRequest = z
  .strictObject({
    toUserId: z.uuid().meta({ description: 'An active user other than this one; a marketer takes approvals only, not accounts or tasks' }),
    reason: Reason.optional().meta({ description: 'Kept in each moved account’s history; defaults to a note naming the previous owner' }),
  })
  .meta({ id: 'ReassignWorkRequest' });
export type ReassignWorkRequest = z.output<typeof ReassignWorkRequest>;

const ApprovalCounts = z.object({ campaignStages: z.number().int(), plans: z.number().int() }).meta({ id: 'ApprovalCounts' });

export const UserWork = z
  .object({
    accountsInWork: z.number().int().meta({ description: 'Accounts they own that are not archived' }),
    openTasks: z.number().int(),
    pendingApprovals: z.number().int().meta({ description: 'Campaign approval stages and plans waiting for their decision' }),
    accounts: z.array(z.object({ id: z.uuid(), name: z.string(), status: Status })).meta({ description: 'The first 50 accounts in work, by name' }),
    tasks: z.array(z.object({ id: z.uuid(), title: z.string(), dueAt: z.iso.datetime(), accountId: z.uuid() })).meta({ description: 'The first 50 open tasks, by due date' }),
  })
  .meta({ id: 'UserWork' });
export type UserWork = z.output<typeof UserWork>;

export const UserDetailResponse = UserResponse.extend({ work: UserWork }).meta({ id: 'UserDetail' });

export const DeactivatedUserResponse = z
  .object({
    user: UserResponse,
    sessionsEnded: z.number().int(),
    approvalsRerouted: ApprovalCounts.meta({ description: 'Pending approvals naming them, sent to each stage’s or plan’s escalation target' }),
  })
  .meta({ id: 'DeactivatedUser' });

export const ReactivatedUserResponse = z.object({ user: UserResponse }).meta({ id: 'ReactivatedUser' });

export const ReassignedWorkResponse = z
  .object({
    accounts: z.number().int().meta({ description: 'Accounts in work moved (their workflows and timers keep running)' }),
    tasks: z.number().int().meta({ description: 'Open tasks moved' }),
    approvals: ApprovalCounts,
  })
  .meta({ id: 'ReassignedWork' });
