// MATH: the answer's last \boxed{} against the reference's own boxed answer (or the whole reference when it has
// none), equal after LaTeX normalisation (\dfrac/\tfrac -> \frac, \frac12 -> \frac{1}{2}, a/b -> \frac{a}{b},
// spacing, \left( \right), degrees, \text{} units, dollars and percents, "x =", leading and trailing zeros) or equal
// as numbers. An answer with no boxed expression is read from its last "answer is ..." statement.
import { lastBoxed } from './boxed.ts';

const LENGTH_UNITS = /cm|m|km|mm|inches|inch|in|feet|foot|ft|units?|sq|square|meters?/;
const OTHER_UNITS = /degrees?|dollars?|cents?|hours?|minutes?|seconds?|days?|years?|mph|miles?/;
const UNIT = new RegExp(`(?:${LENGTH_UNITS.source}|${OTHER_UNITS.source})`);
/** A unit (maybe squared or cubed) in \text{...}, \mbox{...} or \mathrm{...}. */
const UNIT_WORDS = new RegExp(`${/\\(?:text|mbox|mathrm)\{\s*/.source}${UNIT.source}${/(?:\^?\d)?\s*\}/.source}`, 'g');

function unwrapText(s: string): string {
  return s.replace(/\\(?:text|mbox|textbf|mathrm|mathbf)\{([^{}]*)\}/g, '$1');
}

function fixFracs(s: string): string {
  // \frac12 -> \frac{1}{2}, \frac1{2} -> \frac{1}{2}, \frac{1}2 -> \frac{1}{2}
  return s
    .replace(/\\frac(\d)(\d)/g, '\\frac{$1}{$2}')
    .replace(/\\frac(\d)\{/g, '\\frac{$1}{')
    .replace(/\\frac\{([^{}]*)\}(\d)/g, '\\frac{$1}{$2}')
    .replace(/\\sqrt(\d+)/g, '\\sqrt{$1}');
}

function slashToFrac(s: string): string {
  const m = /^(-?\d+)\/(\d+)$/.exec(s);
  return m ? `\\frac{${m[1]}}{${m[2]}}` : s;
}

function normalizeNumber(s: string): string {
  return s
    .replace(/(^|[^\d.])0+(?=\d)/g, '$1')
    .replace(/(^|[^\d])\.(\d)/g, '$10.$2')
    .replace(/(\d+\.\d*?)0+(?!\d)/g, '$1')
    .replace(/(\d)\.(?!\d)/g, '$1');
}

/** The normal form two equal answers share. */
export function normalizeMath(answer: string): string {
  let s = answer.trim().replace(/\n/g, '');
  s = s.replace(/^\$+|\$+$/g, '').replace(/\\!|\\,|\\;|\\:|\\quad|\\qquad/g, '');
  s = s.replace(/\\[dt]frac/g, '\\frac').replace(/\\left|\\right|\\displaystyle/g, '');
  s = s.replace(/\^\s*\{?\s*\\circ\s*\}?|°|\\degree/g, '');
  s = s.replace(UNIT_WORDS, '');
  s = unwrapText(s)
    .replace(/\\\$|\$/g, '')
    .replace(/\\?%/g, '');
  s = s.replace(/\s+/g, '');
  s = s.replace(/^[a-zA-Z]\w*=(?!=)/, '');
  s = s.replace(/(\d),(\d{3})(?!\d)/g, '$1$2');
  s = fixFracs(s);
  s = slashToFrac(s);
  s = normalizeNumber(s);
  return s.replace(/\.$/, '');
}

/** The numeric value of a plain number or a \frac{a}{b} of plain numbers; undefined otherwise. */
function numeric(normal: string): number | undefined {
  const frac = /^(-?)\\frac\{(-?[\d.]+)\}\{(-?[\d.]+)\}$/.exec(normal);
  if (frac) return (frac[1] ? -1 : 1) * (Number(frac[2]) / Number(frac[3]));
  if (/^-?\d+(?:\.\d+)?$/.test(normal)) return Number(normal);
  return undefined;
}

export function mathEquivalent(a: string, b: string): boolean {
  const x = normalizeMath(a);
  const y = normalizeMath(b);
  if (x === y) return true;
  const nx = numeric(x);
  const ny = numeric(y);
  return nx !== undefined && ny !== undefined && Math.abs(nx - ny) <= 1e-9 * Math.max(1, Math.abs(ny));
}

/** What the answer gave as its final answer: its last \boxed{}, else its last "answer is ..." statement. */
export function finalMathAnswer(answer: string): string | undefined {
  const boxed = lastBoxed(answer);
  if (boxed !== undefined) return boxed;
  const stated = [...answer.matchAll(/answer is[:\s]*\$?([^$\n]+?)\$?\s*(?:\.\s|\.?$)/gim)].pop();
  return stated?.[1];
}

/** The reference's own boxed answer, or the whole reference when it boxes nothing. */
export function referenceMathAnswer(truth: string): string {
  return lastBoxed(truth) ?? truth;
}

export function mathScore(answer: string, truth: string): number {
  const given = finalMathAnswer(answer);
  return given !== undefined && mathEquivalent(given, referenceMathAnswer(truth)) ? 1 : 0;
}
