import type { Role } from '../../session';
import { msg, t } from '../../i18n/i18n';

const labels: Record<Role, string> = { admin: msg('Admin'), manager: msg('Manager'), marketer: msg('Marketer') };

/** A role in words ("Manager"); `humanize` is for the API's UPPER_CASE codes. */
export const roleLabel = (role: Role) => t(labels[role] ?? role);
