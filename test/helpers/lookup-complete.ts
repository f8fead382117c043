// A deterministic in-process `Complete` for logic tests of the provider-calling routers: a small real
// implementation that answers from a lookup table of the dataset's outcomes (no network). A model that
// solved a query answers "ANSWER <id>" every time and confirms it when asked to verify; one that failed
// answers differently on each sample and says "No" when verifying. A judge names the cheapest model
// that solved the query.
import type { Complete, ChatMessage } from '../../src/core/routers/complete.ts';
import type { RoutingSample } from '../../src/core/data/sample.ts';

export function lookupComplete(samples: readonly RoutingSample[], prices: Record<string, number>): Complete & { calls: string[] } {
  const byQuery = new Map(samples.map((s) => [s.query, s]));
  const calls: string[] = [];
  let draw = 0;
  const complete = async (model: string, messages: ChatMessage[]) => {
    calls.push(model);
    const last = messages.at(-1)!.content;
    const verify = /^Context: ([\s\S]*)\n\nAnswer: ([\s\S]*)\n\nIs the answer correct/.exec(last);
    if (verify) return { text: /^ANSWER /.test(verify[2]!) ? 'Yes.' : 'No, it is not.', cost: 1e-6 };
    const judged = /Query:\n([\s\S]*)\n\nWhich model should answer\?/.exec(last);
    if (judged) {
      const s = byQuery.get(judged[1]!);
      const solvers = Object.entries(s?.outcomes ?? {})
        .filter(([, o]) => o.score >= 1)
        .map(([m]) => m);
      const pick = solvers.sort((a, b) => (prices[a] ?? 0) - (prices[b] ?? 0))[0] ?? 'none of them';
      return { text: `${pick}`, cost: 2e-6 };
    }
    const s = byQuery.get(last);
    if (!s) throw new Error(`lookupComplete: unknown query "${last.slice(0, 40)}"`);
    const solved = (s.outcomes[model]?.score ?? 0) >= 1;
    return { text: solved ? `ANSWER ${s.id}` : `guess ${draw++}`, cost: s.outcomes[model]?.cost ?? 0 };
  };
  return Object.assign(complete, { calls });
}
