import type { CaughtMessage } from './types';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every message-derived string goes through this; it is safe in text and in quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
td.k { color: #666; white-space: nowrap; width: 1%; }
pre { white-space: pre-wrap; word-break: break-word; background: #f6f6f6; padding: .8rem; }
iframe { width: 100%; height: 60vh; border: 1px solid #ccc; }
.muted { color: #666; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>${body}</body></html>`;
}

function time(iso: string): string {
  return escapeHtml(iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
}

function messageLink(m: CaughtMessage, label: string): string {
  return `<a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(label)}</a>`;
}

export function renderList(messages: CaughtMessage[], kept: number, received: number): string {
  const rows = messages
    .map(
      (m) => `<tr><td class="k">${time(m.receivedAt)}</td><td>${escapeHtml(m.headers.from ?? m.envelope.from)}</td>` +
        `<td>${escapeHtml((m.to.length ? m.to : m.envelope.to).join(', '))}</td>` +
        `<td>${messageLink(m, m.subject || '(no subject)')}</td></tr>`,
    )
    .join('\n');
  const summary = `Showing ${messages.length} of ${kept} kept messages; ${received} received since start.`;
  const table = messages.length
    ? `<table><thead><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>No messages yet.</p>';
  return layout('Mail catcher', `<h1>Mail catcher</h1><p class="muted">${summary}</p>${table}`);
}

export function renderMessage(m: CaughtMessage): string {
  const headerRows = Object.entries(m.headers)
    .map(([key, value]) => `<tr><td class="k">${escapeHtml(key)}</td><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  const envelope = `<tr><td class="k">envelope</td><td>MAIL FROM ${escapeHtml(m.envelope.from || '<>')}; ` +
    `RCPT TO ${escapeHtml(m.envelope.to.join(', '))}</td></tr>`;
  const attachments = m.attachments.length
    ? `<h2>Attachments</h2><ul>${m.attachments
        .map((a) => `<li>${escapeHtml(a.filename ?? '(unnamed)')} <span class="muted">${escapeHtml(a.contentType)}, ${a.size} bytes</span></li>`)
        .join('')}</ul>`
    : '';
  // The HTML body is untrusted: srcdoc (escaped) in an iframe sandboxed without allow-scripts
  // and allow-same-origin, so it can neither run code nor reach this page. Popups are allowed
  // only so that target=_blank links in the mail still open.
  const html = m.html === undefined
    ? ''
    : `<h2>HTML</h2><iframe sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" srcdoc="${escapeHtml(m.html)}"></iframe>`;
  const text = m.text === undefined ? '' : `<h2>Text</h2><pre>${escapeHtml(m.text)}</pre>`;
  const title = m.subject || '(no subject)';
  return layout(
    title,
    `<p><a href="/">&larr; All messages</a></p><h1>${escapeHtml(title)}</h1>` +
      `<p class="muted">Received ${time(m.receivedAt)} &middot; <a href="/api/messages/${encodeURIComponent(m.id)}">JSON</a></p>` +
      `<table>${envelope}${headerRows}</table>${html}${text}${attachments}`,
  );
}

export function renderNotFound(): string {
  return layout('Not found', '<p><a href="/">&larr; All messages</a></p><h1>Message not found</h1>');
}
