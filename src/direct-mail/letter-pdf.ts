import { PDFDocument, type PDFEmbeddedPage, type PDFFont, type PDFPage } from 'pdf-lib';
import { LetterFonts } from './letter-fonts';

// Letters as PDF pages: A4 (or the letterhead's page size), the letterhead's first page drawn as
// the background of every page, the text wrapped to the margins and continued on new pages. Each
// letter starts on a page of its own, so one document may hold one letter (a file per contact) or
// many (a batch of the merged PDF).

const A4: [number, number] = [595.28, 841.89];
const FONT_SIZE = 11;
const LINE_HEIGHT = 15.5;
const MARGIN = 64;
/** Below a letterhead's own header: the letterhead is a page designed to be written on. */
const TOP_MARGIN_WITH_LETTERHEAD = 150;

export class LetterBook {
  private constructor(
    readonly doc: PDFDocument,
    private readonly fonts: LetterFonts,
    private readonly background: PDFEmbeddedPage | undefined,
  ) {}

  /** A new document; `letterhead` is a PDF whose first page becomes every page's background. */
  static async create(letterhead?: Uint8Array): Promise<LetterBook> {
    const doc = await PDFDocument.create();
    let background: PDFEmbeddedPage | undefined;
    if (letterhead) {
      const source = await PDFDocument.load(letterhead, { ignoreEncryption: true });
      [background] = await doc.embedPdf(source, [0]);
    }
    return new LetterBook(doc, new LetterFonts(doc), background);
  }

  get pageCount(): number {
    return this.doc.getPageCount();
  }

  /** Adds one letter, from a new page; answers how many pages it took. */
  async addLetter(text: string): Promise<number> {
    const { font, text: shown } = await this.fonts.forText(text.replace(/\t/g, '    '));
    const pagesBefore = this.pageCount;
    let page = this.newPage();
    const { width, height } = page.getSize();
    const top = height - (this.background ? TOP_MARGIN_WITH_LETTERHEAD : MARGIN);
    let y = top;
    for (const line of wrap(shown, font, width - 2 * MARGIN)) {
      if (y < MARGIN) {
        page = this.newPage();
        y = top;
      }
      if (line) page.drawText(line, { x: MARGIN, y, size: FONT_SIZE, font });
      y -= LINE_HEIGHT;
    }
    return this.pageCount - pagesBefore;
  }

  save(): Promise<Uint8Array> {
    return this.doc.save();
  }

  private newPage(): PDFPage {
    const size: [number, number] = this.background ? [this.background.width, this.background.height] : A4;
    const page = this.doc.addPage(size);
    if (this.background) page.drawPage(this.background, { x: 0, y: 0, width: size[0], height: size[1] });
    return page;
  }
}

/** The text's lines as they fit `maxWidth`: paragraphs kept, words wrapped, a word too long cut. */
export function wrap(text: string, font: PDFFont, maxWidth: number): string[] {
  const widthOf = (part: string) => font.widthOfTextAtSize(part, FONT_SIZE);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (widthOf(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (widthOf(rest) > maxWidth) {
        let cut = rest.length - 1;
        while (cut > 1 && widthOf(rest.slice(0, cut)) > maxWidth) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}
