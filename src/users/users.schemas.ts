import { z } from 'zod';

export const Role = z.enum(['admin', 'marketer', 'manager']).meta({ id: 'Role' });

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
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });
export type UserResponse = z.output<typeof UserResponse>;

export const ListUsersQuery = z.strictObject({
  role: Role.optional(),
});

export const UserListResponse = z.object({ items: z.array(UserResponse) }).meta({ id: 'UserList' });

export const CreatedUserResponse = z
  .object({
    user: UserResponse,
    apiKey: z.string().meta({ description: 'Shown only in this answer: store it now.' }),
    welcomeWorkflowId: z.string().meta({ description: 'The Temporal workflow that sends the welcome e-mail.' }),
  })
  .meta({ id: 'CreatedUser' });
