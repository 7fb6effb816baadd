import type { Role } from '../../session';

const labels: Record<Role, string> = { admin: 'Admin', manager: 'Manager', marketer: 'Marketer' };

/** A role in words ("Manager"); `humanize` is for the API's UPPER_CASE codes. */
export const roleLabel = (role: Role) => labels[role] ?? role;
