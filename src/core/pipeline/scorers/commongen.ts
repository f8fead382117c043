// CommonGen coverage: the share of the given concepts that the answer uses, an inflected form counting (threw and
// thrown for throw, skateboarders for skateboarder), through wink-lemmatizer's noun, verb and adjective lemmas.
import lemmatizer from 'wink-lemmatizer';

function lemmas(word: string): string[] {
  return [word, lemmatizer.noun(word), lemmatizer.verb(word), lemmatizer.adjective(word)];
}

/** The concepts of a CommonGen item: its comma-separated words, lower-cased. */
export function concepts(truth: string): string[] {
  return [
    ...new Set(
      truth
        .split(/[,\n]/)
        .map((c) => c.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

export function commongenCoverage(answer: string, truth: string): number {
  const wanted = concepts(truth);
  if (wanted.length === 0) return 0;
  const used = new Set((answer.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? []).flatMap(lemmas));
  const covered = wanted.filter((concept) => concept.split(/\s+/).every((w) => lemmas(w).some((l) => used.has(l))));
  return covered.length / wanted.length;
}
