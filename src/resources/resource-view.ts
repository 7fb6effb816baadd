import type { Resource } from '../generated/prisma/client';
import type { ResourceView } from './resources.schemas';

export const toResourceView = (resource: Resource): ResourceView => ({
  id: resource.id,
  name: resource.name,
  kind: resource.kind,
  description: resource.description,
  quantity: resource.quantity,
  userDefined: resource.userDefined,
  archivedAt: resource.archivedAt?.toISOString() ?? null,
});
