import { createHash } from 'node:crypto';
import type { CampaignMessage } from '../campaigns/campaign-message';
import type { CollateralStore } from '../collateral/collateral-store';
import { describeFileSize } from '../collateral/file-size';
import { escapeHtml } from '../html/plain-page';
import type { MailAttachmentFile } from '../mail/mailer';
import { collateralLinkUrl, signCollateralLink } from './collateral-link';
import type { FrozenItem } from './stage-collateral';

// A MAILING stage's collateral in its messages: files read once per batch and attached to every
// message, and download links appended to the text (and HTML) after the template's own content.

/** The frozen files' bytes, checked against their SHA-256 (a damaged store never reaches a client). */
export async function readMailFiles(store: CollateralStore | undefined, files: readonly FrozenItem[]): Promise<MailAttachmentFile[]> {
  if (!files.length) return [];
  if (!store) throw new Error('the worker has no collateral store (COLLATERAL_STORE): the stage attaches files');
  return Promise.all(
    files.map(async (file) => {
      const chunks: Buffer[] = [];
      for await (const chunk of await store.read(file.sha256)) chunks.push(chunk as Buffer);
      const content = Buffer.concat(chunks);
      if (createHash('sha256').update(content).digest('hex') !== file.sha256) throw new Error(`the stored file of "${file.name}" version ${file.version} does not match its SHA-256`);
      return { filename: file.fileName, content, contentType: file.mediaType };
    }),
  );
}

export interface DownloadLink {
  name: string;
  fileName: string;
  sizeBytes: number;
  url: string;
}

/** Signed links to the frozen versions, each working until `expiresAt`. */
export function downloadLinks(links: readonly FrozenItem[], { publicUrl, secret, expiresAt }: { publicUrl: string; secret: Buffer; expiresAt: Date }): DownloadLink[] {
  return links.map((item) => ({
    name: item.name,
    fileName: item.fileName,
    sizeBytes: item.sizeBytes,
    url: collateralLinkUrl(publicUrl, signCollateralLink(secret, { itemId: item.itemId, version: item.version, expiresAt })),
  }));
}

/** The message with its download links after the template's content ("Downloads", one line each). */
export function withDownloadLinks(message: CampaignMessage, links: readonly DownloadLink[], expiresAt: Date): CampaignMessage {
  if (!links.length) return message;
  const until = expiresAt.toISOString().slice(0, 10);
  const lines = links.map((link) => `- ${link.name} (${link.fileName}, ${describeFileSize(link.sizeBytes)}): ${link.url}`);
  const text = `${message.text}\n\nDownloads (the links work until ${until}):\n${lines.join('\n')}\n`;
  const items = links.map((link) => `<li><a href="${escapeHtml(link.url)}">${escapeHtml(link.name)}</a> (${escapeHtml(link.fileName)}, ${escapeHtml(describeFileSize(link.sizeBytes))})</li>`);
  const block = `<p>Downloads (the links work until ${until}):</p><ul>${items.join('')}</ul>`;
  const html = message.html === undefined ? undefined : /<\/body>/i.test(message.html) ? message.html.replace(/<\/body>/i, `${block}</body>`) : `${message.html}${block}`;
  return { ...message, text, ...(html === undefined ? {} : { html }) };
}
