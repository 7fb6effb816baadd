import type { TestApp } from '../../support/test-app';
import { samplePdf } from './sample-files';

/**
 * An item of the library through the API: created, its file uploaded and, unless `status` says
 * otherwise, approved (or retired). Answers its id and the bytes of its file.
 */
export async function libraryItem(
  t: TestApp,
  user: { key: string },
  { name, kind = 'BROCHURE', bytes = samplePdf(name), fileName = `${name.replace(/\W+/g, '-')}.pdf`, status = 'APPROVED' }: { name: string; kind?: string; bytes?: Buffer; fileName?: string; status?: 'DRAFT' | 'APPROVED' | 'RETIRED' },
): Promise<{ id: string; bytes: Buffer; fileName: string }> {
  const as = { Authorization: `Bearer ${user.key}` };
  const created = await t.request.post('/api/v1/collateral').set(as).send({ name, kind, language: 'en' });
  if (created.status !== 201) throw new Error(`item failed: ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const uploaded = await t.request.post(`/api/v1/collateral/${id}/versions`).query({ fileName }).set(as).set('Content-Type', 'application/octet-stream').send(bytes);
  if (uploaded.status !== 201) throw new Error(`upload failed: ${JSON.stringify(uploaded.body)}`);
  if (status !== 'DRAFT') {
    const approved = await t.request.post(`/api/v1/collateral/${id}/approve`).set(as);
    if (approved.status !== 200) throw new Error(`approve failed: ${JSON.stringify(approved.body)}`);
  }
  if (status === 'RETIRED') await t.request.post(`/api/v1/collateral/${id}/retire`).set(as);
  return { id, bytes, fileName };
}
