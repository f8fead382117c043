// Turns model answers into safe HTML, without ever letting one hang or break the page: an answer over the size cap is
// shown as plain text; the others are parsed in the markdown worker (src/workers/markdown-html.ts) under a time limit,
// and one whose parse fails, runs too long, or makes too many or too deeply nested elements is shown as plain text
// too. What the worker returns passes through DOMPurify here before it is shown. Model output is hostile: besides
// scripts, nothing may style itself (`style`, our own class names), take input (forms and their controls), fetch from
// elsewhere (remote images) or navigate the app's tab (links open a new, unrelated context and show where they go).
// The message box also contains itself in CSS (styles.css).
// Figures: bench/markdown-torture.ts (`npm run bench:markdown`).
import DOMPurify from 'dompurify';
import { MarkdownWorkerClient } from '../workers/markdown-client.ts';

/** Elements that take input or submit it, embed other documents, or play media: none belongs in an answer. */
const FORBID_TAGS = [
  'style',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'optgroup',
  'fieldset',
  'label',
  'output',
  'datalist',
  'dialog',
  'iframe',
  'frame',
  'object',
  'embed',
  'audio',
  'video',
  'source',
  'track',
  'picture',
  'template',
  'slot',
  'marquee',
];
/** Attributes that style, name (DOM clobbering), fetch, or navigate by themselves. */
const FORBID_ATTR = [
  'style',
  'id',
  'name',
  'srcset',
  'ping',
  'formaction',
  'action',
  'background',
  'poster',
  'tabindex',
  'accesskey',
  'autofocus',
  'popover',
  'popovertarget',
];
/** Links may go to the web or to a mail client; images only from the answer itself (data: URLs). */
const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:|data:image\/(?:png|gif|jpeg|webp);)/i;
/** Only highlight.js's own classes survive: our stylesheet's classes (fixed bars, dialogs) would let an answer escape. */
const SAFE_CLASS = /^(?:hljs(?:-[\w-]+)?|language-[\w-]+)$/;

const purify = DOMPurify();
purify.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName !== 'class') return;
  data.attrValue = data.attrValue
    .split(/\s+/)
    .filter((c) => SAFE_CLASS.test(c))
    .join(' ');
  if (!data.attrValue) data.keepAttr = false;
});
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'IMG' && !node.getAttribute('src')?.startsWith('data:')) node.removeAttribute('src');
  if (node.tagName !== 'A') return;
  const href = node.getAttribute('href');
  if (!href) return;
  node.setAttribute('target', '_blank');
  node.setAttribute('rel', 'noopener noreferrer nofollow');
  node.setAttribute('title', href);
  node.setAttribute('data-target', linkTarget(href));
});

export const MARKDOWN_LIMITS = {
  /** Longer answers are shown as plain text, unparsed. */
  chars: 100_000,
  /** Deeper element nesting is shown as plain text (a tree that deep is slow to sanitise, lay out and walk). */
  depth: 64,
  /** More elements are shown as plain text (sanitising and laying out a tree that large holds the main thread). */
  elements: 3_000,
  /** A parse running longer is ended with its worker. */
  ms: 1500,
  /** Plain text shows at most this much of an answer at once (Copy still copies all of it). */
  textChars: 20_000,
} as const;

export type Rendering = { kind: 'html'; html: string } | { kind: 'text'; reason: string };

/** Renderings of recent answers, so a thread opened again is not parsed again. */
const cache = new Map<string, Rendering>();
const CACHE_SIZE = 200;
let client: MarkdownWorkerClient | undefined;

/** The rendering of `text` known without waiting: cached, or plain text for an answer over the size cap. */
export function knownRendering(text: string): Rendering | undefined {
  if (text.length > MARKDOWN_LIMITS.chars)
    return {
      kind: 'text',
      reason: `${text.length.toLocaleString('en')} characters, over the ${MARKDOWN_LIMITS.chars.toLocaleString('en')} that are formatted`,
    };
  return cache.get(text);
}

/** The answer as sanitised HTML, or why it is shown as plain text. */
export async function renderAnswer(text: string, signal?: AbortSignal): Promise<Rendering> {
  const known = knownRendering(text);
  if (known) return known;
  client ??= new MarkdownWorkerClient(MARKDOWN_LIMITS.ms);
  const parsed = await client.parse(text, signal);
  if ('failed' in parsed && parsed.failed === 'superseded') return { kind: 'text', reason: 'superseded' };
  const rendering: Rendering =
    'failed' in parsed
      ? { kind: 'text', reason: `formatting stopped: ${parsed.failed}` }
      : parsed.depth > MARKDOWN_LIMITS.depth
        ? { kind: 'text', reason: `its formatting nests ${parsed.depth} levels deep, over ${MARKDOWN_LIMITS.depth}` }
        : parsed.elements > MARKDOWN_LIMITS.elements
          ? {
              kind: 'text',
              reason:
                `its formatting makes ${parsed.elements.toLocaleString('en')} elements, ` +
                `over ${MARKDOWN_LIMITS.elements.toLocaleString('en')}`,
            }
          : { kind: 'html', html: sanitize(parsed.html) };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(text, rendering);
  return rendering;
}

function sanitize(html: string): string {
  return purify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS, FORBID_ATTR, ALLOWED_URI_REGEXP });
}

/** What a link's reader should see of where it goes: the host for web links, the address for mail. */
function linkTarget(href: string): string {
  try {
    const url = new URL(href, 'https://invalid.invalid');
    return url.protocol === 'mailto:' ? url.pathname : url.host;
  } catch {
    return href;
  }
}
