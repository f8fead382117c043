// irt's text-only tier: a reading of a query (the skills it needs, its difficulty) from its words alone, for the
// moments the sentence encoder is not loaded yet (the app's first message). Cue words and code decide the skills;
// proof-like words, several cues and length raise the difficulty. Coarser than the embedding heads, on their scale.
import { anyOf, hasCode } from './text-features.ts';

export interface TextReading {
  mix: Float64Array;
  difficulty: number;
  discrimination: number;
}

const CUES: Record<string, RegExp> = {
  math: anyOf(
    'i',
    /\d\s*[-+*/^=<>]\s*\d/,
    /\\(frac|sum|int|sqrt)/,
    /\b(integral|equation|derivative|probability|prove|theorem|solve|calculate|compute|prime)s?\b/,
  ),
  reasoning: /\b(why|explain|prove|reason|logic|puzzle|step by step|deduce|infer|compare|analy[sz]e|trade-?offs?)\b/i,
  code: /\b(function|python|javascript|typescript|rust|java|sql|regex|compile|bug|implement|algorithm|class|api)\b/i,
};
const HARD = /\b(prove|proof|theorem|derive|rigorous|lemma|formally|optimi[sz]e|complexity|infinitely)\b/i;
/** The embedding heads' typical reading of a plain question (difficulty) and their mean sharpness. */
const PLAIN_DIFFICULTY = -1;
const DISCRIMINATION = 2.4;

export function textReading(skills: readonly string[], text: string): TextReading {
  const cued = (skill: string) => (skill === 'code' && hasCode(text)) || (CUES[skill]?.test(text) ?? false);
  const weights = skills.map((s) => (s === 'knowledge' ? 1 : cued(s) ? 4 : 0.05));
  const total = weights.reduce((a, b) => a + b, 0);
  const cues = skills.filter((s) => s !== 'knowledge' && cued(s)).length;
  const difficulty = PLAIN_DIFFICULTY + (HARD.test(text) ? 1.6 : 0) + 0.3 * cues + Math.min(0.5, text.length / 2000);
  return { mix: Float64Array.from(weights, (w) => w / total), difficulty, discrimination: DISCRIMINATION };
}
