// Answers built to hang or crash a markdown renderer: the cases an attacker used (200 KB of `a_a_…`, `>` x 10,000, a
// 10 MB answer) and more of the same kind (deep lists, emphasis, HTML and link nesting, backtick runs, wide tables).
// Used by e2e/hostile-content.spec.ts and bench/markdown-torture.ts (`npm run bench:markdown`).

export interface TortureCase {
  name: string;
  text: string;
}

const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');

/** A plain answer with the usual formatting: it must still render as markdown. */
export const WELL_FORMED = '## Steps\n\n1. **Measure** the input\n2. Run `npm test`\n\n```python\nprint("ok")\n```\n\n> done';

export const MARKDOWN_TORTURE: readonly TortureCase[] = [
  { name: 'a_a_ 200 KB', text: 'a_'.repeat(100_000) },
  { name: 'a_a_ 60 KB', text: 'a_'.repeat(30_000) },
  { name: '> x 10,000', text: `${'>'.repeat(10_000)} deep` },
  { name: '10 MB answer', text: 'All work and no play makes a dull answer. '.repeat(250_000) },
  { name: 'list nested 250 deep', text: lines(250, (i) => `${'  '.repeat(i)}- item ${i}`) },
  { name: 'emphasis nested 5,000 deep', text: `${'*_'.repeat(5_000)}x${'_*'.repeat(5_000)}` },
  { name: 'unclosed emphasis 50 KB', text: '**a *b _c '.repeat(5_000) },
  { name: 'link brackets 40,000', text: `${'['.repeat(20_000)}x${'](y)'.repeat(5_000)}` },
  { name: 'nested links 10,000', text: `${'[a'.repeat(10_000)}${'](b)'.repeat(10_000)}` },
  { name: 'backtick runs 1..400', text: Array.from({ length: 400 }, (_, i) => '`'.repeat(i + 1)).join(' x ') },
  { name: 'html div nesting 10,000', text: '<div>'.repeat(10_000) },
  { name: 'table 3,000 columns', text: `${'|a'.repeat(3_000)}|\n${'|-'.repeat(3_000)}|\n${'|1'.repeat(3_000)}|` },
  { name: 'code block 90 KB', text: `\`\`\`js\n${'let a = [1, "s", /r/g];\n'.repeat(3_600)}\`\`\`` },
  {
    name: 'reference definitions 2,000',
    text: `${lines(2_000, (i) => `[r${i}]: http://x/${i}`)}\n${lines(2_000, (i) => `[r${i}][r${i}]`)}`,
  },
];
