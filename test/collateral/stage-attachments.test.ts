import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { collateralLinkSecret, signCollateralLink, verifyCollateralLink } from '../../src/collateral-kits/collateral-link';
import { startMailCatcher, type MailCatcher } from '../../src/mail-catcher/mail-catcher';
import { audience, campaignWhen, createCampaign, marketingTeam, secondsFromNow, template, type Marketing } from '../campaigns/workflow/helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { libraryItem } from './support/library-items';
import { samplePdf, samplePng } from './support/sample-files';

// Campaigns that carry collateral, run through Temporal: a MAILING stage with one attached file and
// one download link (caught by an SMTP catcher of this file's own, which keeps each raw message),
// and a CALL_TASKS stage whose tasks show a call script and a kit.

let t: TestApp;
let team: Marketing;
let catcher: MailCatcher;
let mailDir: string;
const LINK_TTL_MS = 30 * 24 * 3_600_000;

beforeAll(async () => {
  mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attachments-mail-'));
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, storageDir: mailDir });
  t = await startTestApp({ smtpUrl: catcher.smtpUrl });
  team = await marketingTeam(t);
});
afterAll(async () => {
  await t?.close();
  await catcher?.close();
  fs.rmSync(mailDir, { recursive: true, force: true });
});

/** Reads a binary answer whole (supertest parses only text types itself). */
const binary = (res: { on(event: string, listener: (chunk?: Buffer) => void): unknown }, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk) => chunks.push(chunk!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const rawMessage = (id: string) => simpleParser(fs.readFileSync(path.join(mailDir, `${id}.eml`)));

test('when a mailing attaches one file and one link then each message carries the file’s bytes and a link that downloads without a key until it expires', async () => {
  const tag = `attach${Date.now()}`;
  const { segmentId, emails } = await audience(t, team, tag, 2);
  const templateKey = await template(t, team, `offer-${tag}`);
  const brochure = await libraryItem(t, team.marketer, { name: `Brochure ${tag}`, bytes: samplePdf(`Brochure ${tag}`), fileName: 'brochure.pdf' });
  const picture = await libraryItem(t, team.marketer, { name: `Picture ${tag}`, kind: 'IMAGE', bytes: samplePng(), fileName: 'picture.png' });
  const withdrawn = await libraryItem(t, team.marketer, { name: `Withdrawn ${tag}` });
  const created = await createCampaign(t, team, {
    name: `Attachments ${tag}`,
    stages: [
      { type: 'LIST', startAt: secondsFromNow(2), settings: { segmentId } },
      { type: 'MAILING', settings: { templateKey, attachments: [{ itemId: brochure.id, as: 'file' }, { itemId: picture.id, as: 'link' }, { itemId: withdrawn.id, as: 'link' }] } },
    ],
  });
  expect((await t.request.post(`/api/v1/campaigns/${created.id}/schedule`).set(team.as(team.marketer))).status).toBe(200);
  // Retired after the campaign was scheduled, before the mailing starts (the list starts in 2 s): left out, and said so.
  expect((await t.request.post(`/api/v1/collateral/${withdrawn.id}/retire`).set(team.as(team.marketer))).status).toBe(200);

  const done = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.status).toBe('COMPLETED'));
  // The versions the stage started with are frozen in its started settings.
  expect(done.stages[1].startedSettings.collateral).toMatchObject({
    files: [{ itemId: brochure.id, version: 1, fileName: 'brochure.pdf' }],
    links: [{ itemId: picture.id, version: 1 }],
    leftOut: [{ itemId: withdrawn.id, reason: `collateral item "Withdrawn ${tag}" is RETIRED: only APPROVED items can be used` }],
  });
  expect(done.history).toContainEqual(expect.objectContaining({ kind: 'collateral-left-out', message: expect.stringContaining(`Withdrawn ${tag}`) }));
  // What the campaign used from the library: the versions it sent.
  const used = await t.request.get(`/api/v1/campaigns/${created.id}/attached-collateral`).set(team.as(team.approver));
  expect(used.body.stages).toEqual([
    expect.objectContaining({
      position: 1, type: 'MAILING', started: true, leftOut: [expect.objectContaining({ itemId: withdrawn.id })],
      items: [expect.objectContaining({ itemId: brochure.id, version: 1, as: 'file' }), expect.objectContaining({ itemId: picture.id, version: 1, as: 'link' })],
    }),
  ]);
  const caught = await catcher.waitForMessages((message) => emails.includes(message.to[0]), emails.length);
  expect(caught.map((message) => message.to[0]).sort()).toEqual([...emails].sort());

  const sentAt = Date.now();
  for (const message of caught) {
    const parsed = await rawMessage(message.id);
    expect(parsed.attachments.map((file) => [file.filename, file.contentType])).toEqual([['brochure.pdf', 'application/pdf']]);
    expect(parsed.attachments[0].content.equals(brochure.bytes)).toBe(true);
    expect(parsed.text).toContain(`Picture ${tag} (picture.png, `);
  }
  const [link = ''] = /http:\/\/crm\.test\/files\/[A-Za-z0-9_-]+/.exec(caught[0].text ?? '') ?? [];
  expect(link).not.toBe('');
  const token = link.slice('http://crm.test/files/'.length);

  // The link downloads the file without an API key, with its name.
  const download = await t.request.get(`/files/${token}`).buffer(true).parse(binary);
  expect(download.status).toBe(200);
  expect(download.headers['content-type']).toBe('image/png');
  expect(download.headers['content-disposition']).toContain('filename="picture.png"');
  expect((download.body as Buffer).equals(picture.bytes)).toBe(true);

  // It works for COLLATERAL_LINK_TTL (30 days by default) from the sending, also after the item is retired.
  const secret = await collateralLinkSecret(t.database.db);
  const signed = verifyCollateralLink(secret, token)!;
  expect(signed).toMatchObject({ itemId: picture.id, version: 1 });
  expect(Math.abs(signed.expiresAt.getTime() - (sentAt + LINK_TTL_MS))).toBeLessThan(120_000);
  expect((await t.request.post(`/api/v1/collateral/${picture.id}/retire`).set(team.as(team.marketer))).status).toBe(200);
  expect((await t.request.get(`/files/${token}`)).status).toBe(200);
  // Past its expiry the same link is refused; a link changed by hand is unknown.
  const expired = signCollateralLink(secret, { itemId: picture.id, version: 1, expiresAt: new Date(Date.now() - 1000) });
  expect((await t.request.get(`/files/${expired}`)).status).toBe(410);
  const tampered = `${token.slice(0, 30)}${token[30] === 'A' ? 'B' : 'A'}${token.slice(31)}`;
  expect((await t.request.get(`/files/${tampered}`)).status).toBe(404);
  expect((await t.request.get('/files/not-a-token')).status).toBe(404);
});

test('when call tasks attach a call script and a kit then each task shows them and serves the versions the stage started with', async () => {
  const tag = `script${Date.now()}`;
  const { segmentId } = await audience(t, team, tag, 1);
  // The seller who owns the account gets its call task.
  const seller = await t.userWithKey('manager');
  const account = await t.database.db.account.update({ where: { id: (await t.database.db.account.findFirstOrThrow({ where: { name: `${tag} account 0` } })).id }, data: { ownerId: seller.id }, select: { id: true } });
  const script = await libraryItem(t, team.marketer, { name: `Script ${tag}`, kind: 'CALL_SCRIPT', bytes: samplePdf(`Script ${tag}`), fileName: 'script.pdf' });
  const flyer = await libraryItem(t, team.marketer, { name: `Flyer ${tag}`, kind: 'FLYER' });
  const kit = await t.request.post('/api/v1/collateral-kits').set(team.as(team.marketer)).send({ name: `Phone kit ${tag}`, channel: 'PHONE', itemIds: [flyer.id] });
  expect(kit.status).toBe(201);
  const created = await createCampaign(t, team, {
    name: `Calls ${tag}`,
    stages: [
      { type: 'LIST', startAt: secondsFromNow(2), settings: { segmentId } },
      { type: 'CALL_TASKS', settings: { title: 'Call about the offer', callScriptItemId: script.id, kitId: kit.body.id } },
    ],
  });
  expect((await t.request.post(`/api/v1/campaigns/${created.id}/schedule`).set(team.as(team.marketer))).status).toBe(200);
  await campaignWhen(t, team, created.id, (campaign) => expect(campaign.status).toBe('COMPLETED'));

  // A newer script uploaded after the start does not change what the task offers.
  await t.request.post(`/api/v1/collateral/${script.id}/versions`).query({ fileName: 'script-v2.pdf' }).set(team.as(team.marketer)).set('Content-Type', 'application/pdf').send(samplePdf('v2'));
  const mine = await t.request.get('/api/v1/tasks').query({ assignee: 'me' }).set(team.as(seller));
  expect(mine.body.items).toHaveLength(1);
  const [task] = mine.body.items;
  expect(task.collateral).toEqual({
    callScript: { itemId: script.id, name: `Script ${tag}`, kind: 'CALL_SCRIPT', version: 1, fileName: 'script.pdf', mediaType: 'application/pdf', sizeBytes: script.bytes.length, downloadPath: `/api/v1/tasks/${task.id}/collateral/${script.id}/file` },
    kit: { id: kit.body.id, name: `Phone kit ${tag}`, items: [expect.objectContaining({ itemId: flyer.id, name: `Flyer ${tag}`, version: 1 })] },
  });
  expect((await t.request.get(`/api/v1/tasks/${task.id}`).set(team.as(seller))).body.collateral).toEqual(task.collateral);
  expect((await t.request.get(`/api/v1/accounts/${account.id}`).set(team.as(seller))).body.openTasks).toEqual([task]);
  const file = await t.request.get(task.collateral.callScript.downloadPath).set(team.as(seller)).buffer(true).parse(binary);
  expect(file.status).toBe(200);
  expect((file.body as Buffer).equals(script.bytes)).toBe(true);
  expect((await t.request.get(`/api/v1/tasks/${task.id}/collateral/${created.id}/file`).set(team.as(seller))).status).toBe(404);
  // A seller who neither has the task nor owns the account does not get its files.
  const stranger = await t.userWithKey('manager');
  expect((await t.request.get(task.collateral.callScript.downloadPath).set(team.as(stranger))).status).toBe(404);
});
