import { decodePDFRawStream, PDFDocument, PDFRawStream } from 'pdf-lib';

// The text of a PDF the direct-mail renderer wrote, read back without a PDF viewer: every stream is
// inflated, text shown with Helvetica is WinAnsi bytes, text shown with the embedded DejaVu Sans
// is glyph ids read through the font's ToUnicode map. Enough for letters; not a general extractor.

const winAnsi = new TextDecoder('windows-1252');

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const streams: string[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream) streams.push(Buffer.from(decodePDFRawStream(object).decode()).toString('latin1'));
  }
  const glyphs = new Map<string, string>();
  for (const stream of streams.filter((text) => text.includes('beginbfchar'))) {
    for (const [, glyph, unicode] of stream.matchAll(/<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>/g)) {
      glyphs.set(glyph.toUpperCase(), Buffer.from(unicode, 'hex').swap16().toString('utf16le'));
    }
  }
  const lines: string[] = [];
  for (const stream of streams) {
    let font = '';
    for (const match of stream.matchAll(/\/(\S+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj|\(((?:\\.|[^\\)])*)\) Tj/g)) {
      if (match[1]) font = match[1];
      else if (match[2] !== undefined) {
        const hex = match[2].toUpperCase();
        lines.push(font.startsWith('DejaVu') ? (hex.match(/.{4}/g) ?? []).map((glyph) => glyphs.get(glyph) ?? '?').join('') : winAnsi.decode(Buffer.from(hex, 'hex')));
      } else if (match[3] !== undefined) lines.push(match[3]);
    }
  }
  return lines.join('\n');
}

export async function pageCount(bytes: Uint8Array): Promise<number> {
  return (await PDFDocument.load(bytes)).getPageCount();
}
