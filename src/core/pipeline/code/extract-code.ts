// The Python program in a model's answer: the fenced code block that defines the function the tests call (else
// the first python block, else any block), LLMRouter's [BEGIN] ... [DONE] markers, or the whole answer.

function fencedBlocks(answer: string): { lang: string; code: string }[] {
  return [...answer.matchAll(/```[ \t]*([\w+-]*)[^\n]*\n([\s\S]*?)(?:```|$)/g)].map((m) => ({ lang: m[1]!.toLowerCase(), code: m[2]! }));
}

export function extractCode(answer: string, entryPoint?: string): string {
  const blocks = fencedBlocks(answer);
  if (blocks.length > 0) {
    const defining = entryPoint ? blocks.filter((b) => new RegExp(`\\bdef\\s+${entryPoint}\\s*\\(`).test(b.code)) : [];
    const python = blocks.filter((b) => b.lang === 'python' || b.lang === 'py' || b.lang === 'python3');
    return (defining[0] ?? python[0] ?? blocks[0]!).code;
  }
  const marked = /\[BEGIN\]([\s\S]*?)(?:\[DONE\]|$)/i.exec(answer);
  return (marked ? marked[1]! : answer).replace(/^\n+/, '');
}
