import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { russianParts } from '../../src/console/app/i18n/ru';
import type { Translation } from '../../src/console/app/i18n/i18n';

/**
 * Keeps the console translated: every text a user reads goes through t(), tp() or msg() and has a
 * Russian entry (docs/console.md, "Languages"). The console's sources are parsed with the TypeScript
 * compiler; nothing runs in a browser.
 */
const root = path.join(__dirname, '../../src/console/app');

/** Texts that are not language: the same in every language. Keep short, with a reason each. */
const notLanguage = new Map<string, string>([
  ['CRM', 'the product name in the top bar'],
  ['CSV', 'a file format, named the same in Russian'],
  ['OK', 'the same word in Russian user interfaces'],
]);
/** Elements whose text is code or a sample the user types as it is (a URL parameter, CSV columns). */
const codeElements = new Set(['code', 'kbd', 'samp', 'pre']);
/** JSX attributes whose string is shown to the user or read by a screen reader. */
const shownAttributes = new Set([
  'label', 'placeholder', 'title', 'aria-label', 'alt',
  'hint', 'errorTitle', 'caption', 'legend', 'confirmLabel', 'textLabel', 'question', 'segmentHint', 'prefix',
]);

const hasLetter = (text: string) => /\p{L}/u.test(text);
const shown = (text: string) => hasLetter(text.replace(/\{\w+\}/g, '')) && !notLanguage.has(text.trim());

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'i18n' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

interface Finding {
  where: string;
  text: string;
}
interface Call {
  where: string;
  fn: 't' | 'tp' | 'msg';
  key: string;
}

function scan(file: string): { raw: Finding[]; calls: Call[] } {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const raw: Finding[] = [];
  const calls: Call[] = [];
  const where = (node: ts.Node) => `${path.relative(path.join(root, '../../..'), file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const literal = (node: ts.Node | undefined): string | null =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
      ? node.text
      : node && ts.isTemplateExpression(node)
        ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('{}')
        : null;
  /** A string shown as it is: the expression itself, or a branch of `a ? 'x' : 'y'`, `a && 'x'`, `a ?? 'x'`. */
  const shownStrings = (node: ts.Expression | undefined): void => {
    if (!node) return;
    const value = literal(node);
    if (value !== null) {
      if (shown(value)) raw.push({ where: where(node), text: value });
      return;
    }
    if (ts.isParenthesizedExpression(node)) shownStrings(node.expression);
    else if (ts.isConditionalExpression(node)) (shownStrings(node.whenTrue), shownStrings(node.whenFalse));
    else if (ts.isBinaryExpression(node) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(node.operatorToken.kind)) {
      shownStrings(node.right);
      if (node.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) shownStrings(node.left);
    }
  };
  const tagName = (node: ts.Node) => (ts.isJsxElement(node) ? node.openingElement.tagName.getText(source) : '');
  const visit = (node: ts.Node, inCode: boolean): void => {
    if (ts.isJsxElement(node) && codeElements.has(tagName(node))) inCode = true;
    if (ts.isJsxText(node) && !inCode && shown(node.text)) raw.push({ where: where(node), text: node.text.trim() });
    if (ts.isJsxExpression(node) && !inCode && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) shownStrings(node.expression);
    if (ts.isJsxAttribute(node) && node.initializer && shownAttributes.has(node.name.getText(source))) {
      shownStrings(ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer);
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ['t', 'tp', 'msg'].includes(node.expression.text)) {
      const fn = node.expression.text as Call['fn'];
      // tp(count, one, other): the Russian entry is keyed by the English plural.
      const argument = node.arguments[fn === 'tp' ? 2 : 0];
      if (argument && (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument))) calls.push({ where: where(argument), fn, key: argument.text });
    }
    ts.forEachChild(node, (child) => visit(child, inCode));
  };
  visit(source, false);
  return { raw, calls };
}

const scanned = sourceFiles(root).map(scan);
const russian: Record<string, Translation> = Object.assign({}, ...Object.values(russianParts));
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort().join(',');

describe('the console in Russian', () => {
  test('when the sources are read then no text is shown without t(), tp() or msg()', () => {
    const raw = scanned.flatMap((file) => file.raw).map((finding) => `${finding.where} ${JSON.stringify(finding.text)}`);
    expect(scanned.length).toBeGreaterThan(100);
    expect(raw).toEqual([]);
  });

  test('when a text is translated then the Russian catalog has it (a plural one for tp())', () => {
    const calls = scanned.flatMap((file) => file.calls);
    expect(calls.length).toBeGreaterThan(1000);
    const missing = calls
      .filter((call) => typeof russian[call.key] !== (call.fn === 'tp' ? 'object' : 'string'))
      .map((call) => `${call.where} ${call.fn}(${JSON.stringify(call.key)})`);
    expect(missing).toEqual([]);
  });

  test('when the catalog parts are merged then no key is in two of them', () => {
    const owners = new Map<string, string[]>();
    for (const [part, entries] of Object.entries(russianParts)) for (const key of Object.keys(entries)) owners.set(key, [...(owners.get(key) ?? []), part]);
    const twice = [...owners].filter(([, parts]) => parts.length > 1).map(([key, parts]) => `${JSON.stringify(key)} in ${parts.join(' and ')}`);
    expect(owners.size).toBeGreaterThan(1000);
    expect(twice).toEqual([]);
  });

  test('when a Russian text has placeholders then they are the English key’s', () => {
    const wrong = Object.entries(russian).flatMap(([english, entry]) =>
      (typeof entry === 'string' ? [entry] : [entry.one, entry.few, entry.many])
        .filter((form) => placeholders(form) !== placeholders(english) && !(typeof entry === 'object' && placeholders(`${form}{count}`) === placeholders(`${english}{count}`)))
        .map((form) => `${JSON.stringify(english)} → ${JSON.stringify(form)}`),
    );
    expect(wrong).toEqual([]);
  });
});
