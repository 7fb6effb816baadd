import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { CaughtMessage } from './types';

/**
 * The envelope and arrival time are not part of the message itself, so they travel in one
 * header prepended to the stored .eml (as an MTA prepends Return-Path). Live and reloaded
 * messages then go through the same parse and come out identical.
 */
const META_HEADER = 'x-mail-catcher-meta';

export interface MessageMeta {
  receivedAt: string;
  envelope: { from: string; to: string[] };
}

export function prependMeta(raw: Buffer, meta: MessageMeta): Buffer {
  // URI-encoding keeps the header plain ASCII, one line, and free of anything mailparser decodes.
  const line = `X-Mail-Catcher-Meta: ${encodeURIComponent(JSON.stringify(meta))}\r\n`;
  return Buffer.concat([Buffer.from(line, 'ascii'), raw]);
}

export async function parseMessage(id: string, stored: Buffer): Promise<CaughtMessage> {
  const parsed = await simpleParser(stored, {
    // Every conversion is skipped: the catcher shows parts as sent and must keep up with big
    // mailings. keepCidLinks avoids inlining images as data: URLs into every kept message.
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
    keepCidLinks: true,
    checksumAlgo: false,
  });
  const meta = readMeta(parsed);
  return {
    id,
    receivedAt: meta?.receivedAt ?? (parsed.date ?? new Date()).toISOString(),
    envelope: meta?.envelope ?? { from: parsed.from?.value[0]?.address ?? '', to: addresses(parsed.to) },
    messageId: parsed.messageId,
    subject: parsed.subject,
    from: parsed.from?.value[0]?.address,
    to: addresses(parsed.to),
    text: parsed.text,
    html: typeof parsed.html === 'string' ? parsed.html : undefined,
    headers: headerRecord(parsed),
    attachments: parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
  };
}

function readMeta(parsed: ParsedMail): MessageMeta | undefined {
  const value = parsed.headers.get(META_HEADER);
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(decodeURIComponent(value)) as MessageMeta;
  } catch {
    return undefined;
  }
}

function addresses(header: AddressObject | AddressObject[] | undefined): string[] {
  const result: string[] = [];
  const collect = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.address) result.push(entry.address);
      if (entry.group) collect(entry.group);
    }
  };
  for (const object of [header ?? []].flat()) collect(object.value);
  return result;
}

/** Decoded values where mailparser has a readable one, else the raw unfolded line. */
function headerRecord(parsed: ParsedMail): Record<string, string> {
  // A Map, not an object, while collecting: header names like "constructor" come from the sender.
  const record = new Map<string, string>();
  for (const { key, line } of parsed.headerLines) {
    if (key === META_HEADER) continue;
    const raw = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    const previous = record.get(key);
    record.set(key, previous === undefined ? raw : `${previous}\n${raw}`);
  }
  for (const key of record.keys()) {
    const value = parsed.headers.get(key);
    if (typeof value === 'string') record.set(key, value);
    else if (value && typeof value === 'object' && 'text' in value && typeof value.text === 'string') record.set(key, value.text);
  }
  return Object.fromEntries(record);
}
