export interface TextSpot {
  start: number;
  end: number;
  /** 1-based. */
  line: number;
}

type Path = readonly (string | number)[];

/**
 * Where a field the API names (`actions.0.due.after`) is written in a JSON text: from its key to
 * the end of its value, or the nearest enclosing field that is there when it is missing (a required
 * field left out is reported at its object). Undefined when the text is not JSON.
 */
export function locateJsonPath(text: string, path: Path): TextSpot | undefined {
  let at = 0;
  let found: { start: number; end: number } | undefined;

  const fail = (): never => {
    throw new SyntaxError(`unexpected input at ${at}`);
  };
  const space = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const string = (): string => {
    const start = at;
    at++;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    if (at >= text.length) fail();
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  /** Reads one value; `rest` is the path still to follow inside it, or null when it is only skipped. */
  const value = (rest: Path | null, start: number): void => {
    space();
    const valueStart = at;
    const char = text[at];
    if (char === '{') {
      at++;
      space();
      while (text[at] !== '}') {
        space();
        const keyStart = at;
        if (text[at] !== '"') fail();
        const key = string();
        space();
        if (text[at++] !== ':') fail();
        value(rest && rest.length > 0 && rest[0] === key ? rest.slice(1) : null, keyStart);
        space();
        if (text[at] === ',') at++;
        else if (text[at] !== '}') fail();
      }
      at++;
    } else if (char === '[') {
      at++;
      space();
      let index = 0;
      while (text[at] !== ']') {
        space();
        const itemStart = at;
        value(rest && rest.length > 0 && String(rest[0]) === String(index) ? rest.slice(1) : null, itemStart);
        index++;
        space();
        if (text[at] === ',') at++;
        else if (text[at] !== ']') fail();
      }
      at++;
    } else if (char === '"') {
      string();
    } else {
      while (at < text.length && !/[\s,\]}]/.test(text[at]!)) at++;
      if (at === valueStart) fail();
    }
    // The deepest value on the path wins: children are read before their parent records itself.
    if (rest && !found) found = { start, end: at };
  };

  try {
    value(path, 0);
  } catch {
    return undefined;
  }
  if (!found) return undefined;
  const spot = found as { start: number; end: number };
  return { ...spot, line: text.slice(0, spot.start).split('\n').length };
}
