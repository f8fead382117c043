// Reads the Python literals LLMRouter's query files hold as strings (its `choices` are Python reprs such as
// "['Calcutta.', 'Bombay.']" or "{'label': ['A', 'B'], 'text': [...]}"): strings in either quote with escapes,
// numbers, True/False/None, lists, tuples and dicts. Anything else throws, naming the position.

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

export function parsePythonLiteral(text: string): PyValue {
  const reader = new LiteralReader(text);
  const result = reader.value();
  reader.space();
  if (reader.i < text.length) reader.fail('text after the value');
  return result;
}

/** A cursor over the text: each method reads one kind of literal from position `i` and moves past it. */
class LiteralReader {
  i = 0;

  constructor(private readonly text: string) {}

  fail(what: string): never {
    throw new Error(`not a Python literal: ${what} at character ${this.i + 1}`);
  }

  space(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
  }

  value(): PyValue {
    this.space();
    const c = this.text[this.i];
    if (c === "'" || c === '"') return this.string();
    if (c === '[') return this.sequence(']');
    if (c === '(') return this.sequence(')');
    if (c === '{') return this.dict();
    const word = /^(?:True|False|None|-?\d+(?:\.\d+)?(?:e-?\d+)?)/.exec(this.text.slice(this.i))?.[0];
    if (word === undefined) return this.fail('an unexpected character');
    this.i += word.length;
    return word === 'True' ? true : word === 'False' ? false : word === 'None' ? null : Number(word);
  }

  private string(): string {
    const text = this.text;
    const quote = text[this.i++]!;
    let out = '';
    while (this.i < text.length && text[this.i] !== quote) {
      if (text[this.i] === '\\') {
        out += this.escape();
        continue;
      }
      out += text[this.i++];
    }
    if (text[this.i] !== quote) this.fail('an unterminated string');
    this.i++;
    return out;
  }

  /** The escape at `i` (a backslash and what follows), decoded; one Python does not know stays as written. */
  private escape(): string {
    const next = this.text[this.i + 1]!;
    if (next === 'x' || next === 'u') {
      const width = next === 'x' ? 2 : 4;
      const code = parseInt(this.text.slice(this.i + 2, this.i + 2 + width), 16);
      this.i += 2 + width;
      return String.fromCharCode(code);
    }
    this.i += 2;
    return ESCAPES[next] ?? `\\${next}`;
  }

  private sequence(close: string): PyValue[] {
    const items: PyValue[] = [];
    this.i++;
    for (this.space(); this.text[this.i] !== close; this.space()) {
      items.push(this.value());
      this.space();
      this.separator(close);
    }
    this.i++;
    return items;
  }

  private dict(): { [key: string]: PyValue } {
    const out: { [key: string]: PyValue } = {};
    this.i++;
    for (this.space(); this.text[this.i] !== '}'; this.space()) {
      const key = this.value();
      this.space();
      if (this.text[this.i++] !== ':') this.fail('":"');
      out[String(key)] = this.value();
      this.space();
      this.separator('}');
    }
    this.i++;
    return out;
  }

  /** Past the "," between items, or at the closing bracket. */
  private separator(close: string): void {
    if (this.text[this.i] === ',') this.i++;
    else if (this.text[this.i] !== close) this.fail(`"${close}" or ","`);
  }
}
