// The contents of the last \boxed{...} (or \fbox{...}) in a text, braces nested to any depth; also "\boxed 5".

export function lastBoxed(text: string): string | undefined {
  const command = [...text.matchAll(/\\(?:boxed|fbox)\s*/g)].pop();
  if (!command) return undefined;
  const open = command.index + command[0].length;
  if (text[open] !== '{') return /^[^\s$]+/.exec(text.slice(open))?.[0];
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}') depth--;
    if (depth === 0) return text.slice(open + 1, i);
  }
  return undefined;
}
