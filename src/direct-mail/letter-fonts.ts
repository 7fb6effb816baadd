import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { StandardFonts, type PDFDocument, type PDFFont } from 'pdf-lib';

// Letters are set in Helvetica, a standard PDF font that costs nothing to embed, whenever its
// WinAnsi encoding has every character of the letter ("Zoë" does). A letter it cannot encode
// ("Łukasz", "Σοφία", "Дмитрий") is set in DejaVu Sans instead, embedded as a subset of the glyphs
// it uses (it covers Latin, Greek and Cyrillic); a character neither font has becomes "?" rather
// than an empty box or a failure.

let dejaVuBytes: Buffer | undefined;
/** Read once per process: about 700 KB, shipped by the dejavu-fonts-ttf package. */
const dejaVu = () => (dejaVuBytes ??= fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));

interface FontWithCharacters {
  font: PDFFont;
  characters: Set<number>;
}

/** The fonts of one PDF document, each embedded on first use. */
export class LetterFonts {
  private standard?: FontWithCharacters;
  private fallback?: FontWithCharacters;

  constructor(private readonly doc: PDFDocument) {}

  /** The font to set `text` in, and the text as that font can show it. */
  async forText(text: string): Promise<{ font: PDFFont; text: string }> {
    this.standard ??= await this.embed(() => this.doc.embedFont(StandardFonts.Helvetica));
    const codePoints = [...text].map((char) => char.codePointAt(0) ?? 0);
    if (codePoints.every((point) => point === 0x0a || this.standard!.characters.has(point))) return { font: this.standard.font, text };
    this.fallback ??= await this.embed(() => {
      this.doc.registerFontkit(fontkit);
      return this.doc.embedFont(dejaVu(), { subset: true });
    });
    const shown = [...text].map((char) => (char === '\n' || this.fallback!.characters.has(char.codePointAt(0) ?? 0) ? char : '?')).join('');
    return { font: this.fallback.font, text: shown };
  }

  private async embed(load: () => Promise<PDFFont>): Promise<FontWithCharacters> {
    const font = await load();
    return { font, characters: new Set(font.getCharacterSet()) };
  }
}
