// Checks the arithmetic a worked solution writes out ("16 - 3 = 13", GSM8K's "<<9*2=18>>"): each claimed
// result is recomputed by a small parser of numbers, + - * / and parentheses. Never eval: the text is a
// model's answer, untrusted. A claim written with k decimals may round the true value to k decimals.

/** How many written-out calculations were found and how many of them are wrong. */
export interface ArithmeticCheck {
  checked: number;
  wrong: number;
}

/** Longest expression read: longer runs are skipped, so a hostile answer costs linear time. */
const MAX_EXPRESSION = 200;
const NUMBER = String.raw`\d[\d,]*(?:\.\d+)?`;
const ANNOTATED = /<<([^<>=]{1,200})=([^<>]{1,40})>>/g;
const INLINE = new RegExp(String.raw`(${NUMBER}(?:[ \t]*[-+*/x×][ \t]*\$?${NUMBER}){1,20})[ \t]*=[ \t]*\$?[ \t]*(-?${NUMBER})`, 'g');

export function checkArithmetic(text: string): ArithmeticCheck {
  const clean = text.slice(0, 20_000).replace(/\\\*/g, '*');
  // An annotated claim is checked once: what it leaves behind no longer reads as "expression = number".
  const claims = [...clean.matchAll(ANNOTATED), ...clean.replace(ANNOTATED, ' ; ').matchAll(INLINE)];
  let checked = 0,
    wrong = 0;
  for (const [, expression, claimed] of claims) {
    const value = evaluateArithmetic(expression!);
    const written = parseNumber(claimed!);
    if (value === null || written === null) continue;
    checked++;
    if (!matchesClaim(value, written, claimed!)) wrong++;
  }
  return { checked, wrong };
}

/** A number as written in an answer ("1,200", "$18", "-3.5"), or null. */
export function parseNumber(text: string): number | null {
  const t = text
    .trim()
    .replace(/^\$\s*/, '')
    .replace(/,/g, '');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

function matchesClaim(value: number, written: number, claimed: string): boolean {
  const decimals = claimed.split('.')[1]?.replace(/\D.*$/, '').length ?? 0;
  const tolerance = decimals > 0 ? 0.5 * 10 ** -decimals + 1e-9 : 1e-6 * Math.max(1, Math.abs(value));
  return Math.abs(value - written) <= tolerance;
}

/** The value of an expression of numbers, + - * / (x and × too) and parentheses; null when it is not one. */
export function evaluateArithmetic(expression: string): number | null {
  if (expression.length > MAX_EXPRESSION) return null;
  const tokens =
    expression
      .replace(/[$,\s]/g, '')
      .replace(/[x×]/g, '*')
      .match(/\d+(?:\.\d+)?|[-+*/()]|./g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const number = (): number | null => {
    const t = tokens[at++];
    if (t === '(') {
      const v = sum();
      return tokens[at++] === ')' ? v : null;
    }
    if (t === '-') {
      const v = number();
      return v === null ? null : -v;
    }
    return t !== undefined && /^\d/.test(t) ? Number(t) : null;
  };
  const product = (): number | null => {
    let v = number();
    while (v !== null && (peek() === '*' || peek() === '/')) {
      const op = tokens[at++];
      const r = number();
      v = r === null ? null : op === '*' ? v * r : v / r;
    }
    return v;
  };
  const sum = (): number | null => {
    let v = product();
    while (v !== null && (peek() === '+' || peek() === '-')) {
      const op = tokens[at++];
      const r = product();
      v = r === null ? null : op === '+' ? v + r : v - r;
    }
    return v;
  };
  const value = sum();
  return value !== null && at === tokens.length && Number.isFinite(value) ? value : null;
}
