// Turns model answers into safe HTML: markdown by marked, code highlighted by highlight.js (a few common
// languages registered, to keep the bundle small), everything passed through DOMPurify before it is shown.
// Model output is hostile: besides scripts, nothing may style itself (`style`, our own class names), take
// input (forms and their controls), fetch from elsewhere (remote images) or navigate the app's tab (links open
// a new, unrelated context and show where they go). The message box also contains itself in CSS (styles.css).
import { Marked } from 'marked';
import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';

for (const [name, lang] of Object.entries({ bash, css, javascript, json, python, sql, typescript, xml })) hljs.registerLanguage(name, lang);
hljs.registerAliases(['sh', 'shell'], { languageName: 'bash' });
hljs.registerAliases(['js', 'jsx'], { languageName: 'javascript' });
hljs.registerAliases(['ts', 'tsx'], { languageName: 'typescript' });
hljs.registerAliases(['html', 'svg'], { languageName: 'xml' });
hljs.registerAliases(['py'], { languageName: 'python' });

const marked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    code({ text, lang }) {
      const language = lang && hljs.getLanguage(lang) ? lang : undefined;
      const html = language ? hljs.highlight(text, { language }).value : escapeHtml(text);
      return `<pre><code class="hljs${language ? ` language-${language}` : ''}">${html}</code></pre>`;
    },
  },
});

/** Elements that take input or submit it, embed other documents, or play media: none belongs in an answer. */
const FORBID_TAGS = ['style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'optgroup', 'fieldset', 'label', 'output', 'datalist', 'dialog', 'iframe', 'frame', 'object', 'embed', 'audio', 'video', 'source', 'track', 'picture', 'template', 'slot', 'marquee'];
/** Attributes that style, name (DOM clobbering), fetch, or navigate by themselves. */
const FORBID_ATTR = ['style', 'id', 'name', 'srcset', 'ping', 'formaction', 'action', 'background', 'poster', 'tabindex', 'accesskey', 'autofocus', 'popover', 'popovertarget'];
/** Links may go to the web or to a mail client; images only from the answer itself (data: URLs). */
const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:|data:image\/(?:png|gif|jpeg|webp);)/i;
/** Only highlight.js's own classes survive: our stylesheet's classes (fixed bars, dialogs) would let an answer escape. */
const SAFE_CLASS = /^(?:hljs(?:-[\w-]+)?|language-[\w-]+)$/;

const purify = DOMPurify();
purify.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName !== 'class') return;
  data.attrValue = data.attrValue.split(/\s+/).filter((c) => SAFE_CLASS.test(c)).join(' ');
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

export function renderMarkdown(text: string): string {
  return purify.sanitize(marked.parse(text, { async: false }) as string, {
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOWED_URI_REGEXP,
  });
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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
