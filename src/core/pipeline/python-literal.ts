// Reads the Python literals LLMRouter's query files hold as strings (its `choices` are Python reprs such as
// "['Calcutta.', 'Bombay.']" or "{'label': ['A', 'B'], 'text': [...]}"): strings in either quote with escapes,
// numbers, True/False/None, lists, tuples and dicts. Anything else throws, naming the position.

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

export function parsePythonLiteral(text: string): PyValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`not a Python literal: ${what} at character ${i + 1}`);
  };
  const space = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const string = (): string => {
    const quote = text[i++]!;
    let out = '';
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\') {
        const next = text[i + 1]!;
        if (next === 'x' || next === 'u') {
          const width = next === 'x' ? 2 : 4;
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 2 + width), 16));
          i += 2 + width;
          continue;
        }
        out += ESCAPES[next] ?? `\\${next}`;
        i += 2;
        continue;
      }
      out += text[i++];
    }
    if (text[i] !== quote) fail('an unterminated string');
    i++;
    return out;
  };
  const sequence = (close: string): PyValue[] => {
    const items: PyValue[] = [];
    i++;
    for (space(); text[i] !== close; space()) {
      items.push(value());
      space();
      if (text[i] === ',') i++;
      else if (text[i] !== close) fail(`"${close}" or ","`);
    }
    i++;
    return items;
  };
  const dict = (): { [key: string]: PyValue } => {
    const out: { [key: string]: PyValue } = {};
    i++;
    for (space(); text[i] !== '}'; space()) {
      const key = value();
      space();
      if (text[i++] !== ':') fail('":"');
      out[String(key)] = value();
      space();
      if (text[i] === ',') i++;
      else if (text[i] !== '}') fail('"}" or ","');
    }
    i++;
    return out;
  };
  const value = (): PyValue => {
    space();
    const c = text[i];
    if (c === "'" || c === '"') return string();
    if (c === '[') return sequence(']');
    if (c === '(') return sequence(')');
    if (c === '{') return dict();
    const word = /^(?:True|False|None|-?\d+(?:\.\d+)?(?:e-?\d+)?)/.exec(text.slice(i))?.[0];
    if (word === undefined) return fail('an unexpected character');
    i += word.length;
    return word === 'True' ? true : word === 'False' ? false : word === 'None' ? null : Number(word);
  };
  const result = value();
  space();
  if (i < text.length) fail('text after the value');
  return result;
}
