import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../support/test-app';

export const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
export const paths = (body: { error: { details: { path?: string }[] } }) => body.error.details.map((detail) => detail.path).sort();
export const uniqueName = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

/** A time `hours` from a fixed day far ahead, so spans of one test never meet another's by accident. */
export const at = (day: number, hours: number) => new Date(Date.UTC(2030, 0, 1) + day * 86_400_000 + hours * 3_600_000);

/** An event straight in the database: resources only need its name, status and span. */
export async function insertEvent(
  t: TestApp,
  ownerId: string,
  fields: { name?: string; startsAt?: Date | null; endsAt?: Date | null; status?: 'DRAFT' | 'SCHEDULED' | 'COMPLETED' | 'CANCELLED' } = {},
): Promise<{ id: string; name: string }> {
  return t.database.db.event.create({
    data: { name: fields.name ?? uniqueName('event'), kind: 'seminar', ownerId, startsAt: fields.startsAt, endsAt: fields.endsAt, status: fields.status ?? 'SCHEDULED' },
    select: { id: true, name: true },
  });
}

export async function createResource(t: TestApp, key: string, body: { name?: string; kind: string; quantity?: number; description?: string }): Promise<{ id: string; name: string; quantity: number }> {
  const response = await t.request.post('/api/v1/resources').set(auth(key)).send({ name: uniqueName(body.kind.toLowerCase()), ...body });
  if (response.status !== 201) throw new Error(`creating the resource: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export const book = (t: TestApp, key: string, eventId: string, body: { resourceId: string; quantity?: number; note?: string }) =>
  t.request.post(`/api/v1/events/${eventId}/bookings`).set(auth(key)).send(body);
