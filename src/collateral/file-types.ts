// The files the library takes, recognised by their first bytes: the type a browser or a client
// declares is only checked against them, never trusted. SVG is not taken: it is a document that
// can carry scripts, and the library serves files back to every user.

export const collateralMediaTypes = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type CollateralMediaType = (typeof collateralMediaTypes)[number];

/** How each accepted type is named in messages. */
export const mediaTypeNames: Record<CollateralMediaType, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
};

export const acceptedTypesText = `${Object.values(mediaTypeNames).slice(0, -1).join(', ')} or ${Object.values(mediaTypeNames).at(-1)}`;

/** How many first bytes sniffMediaType needs. */
export const SNIFF_BYTES = 12;

const startsWith = (head: Buffer, bytes: readonly number[], offset = 0) => head.length >= offset + bytes.length && bytes.every((byte, index) => head[offset + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The type the file's first bytes say it is, or undefined for anything the library does not take. */
export function sniffMediaType(head: Buffer): CollateralMediaType | undefined {
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  return undefined;
}

/**
 * The media type a request declared, without its parameters and lower-cased: one of the accepted
 * types, `unspecified` (none, or application/octet-stream: "look at the bytes"), or the other type it named.
 */
export function declaredMediaType(contentType: string | undefined): CollateralMediaType | 'unspecified' | { other: string } {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === '' || type === 'application/octet-stream') return 'unspecified';
  if (type === 'image/jpg' || type === 'image/pjpeg') return 'image/jpeg';
  return (collateralMediaTypes as readonly string[]).includes(type) ? (type as CollateralMediaType) : { other: type.slice(0, 100) };
}
