// Images sent with a message, read from a URL as OpenAI's image_url parts give them and checked as hostile input: a
// data: URL must be base64 of a PNG, JPEG, GIF or WebP image (the types every wire takes, told by the bytes as well
// as the label) of at most MAX_IMAGE_BYTES; any other URL must be http(s), without credentials, at most
// MAX_IMAGE_URL_LENGTH long. The provider fetches a URL itself; nothing here fetches anything.
import type { ChatMessage } from './types.ts';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** An image's bytes inline (base64), or a URL the provider fetches (its type guessed from the path, when it tells). */
export type ImagePart = { kind: 'data'; mediaType: ImageType; data: string } | { kind: 'url'; url: string; mediaType?: ImageType };

/** Anthropic's limit for one image, the smallest of the three providers'. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGE_URL_LENGTH = 2048;
/**
 * Input tokens one image may cost, for budget reservations: above OpenAI's most (1,536 patches at gpt-5-nano's 2.46
 * multiplier: 3,779), Anthropic's (about 1,600 for its largest unresized image) and Gemini's (258 per 768-pixel tile).
 */
export const IMAGE_TOKEN_BOUND = 4000;

/** The first bytes of each type's files. */
const SIGNATURES: Record<ImageType, (bytes: Uint8Array) => boolean> = {
  'image/png': (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => ascii(b, 0, 4) === 'GIF8',
  'image/webp': (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP',
};

const EXTENSIONS: Record<string, ImageType> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
const isImageType = (type: string): type is ImageType => (IMAGE_TYPES as readonly string[]).includes(type);

/** The image an image_url part's URL stands for; a RangeError saying what is wrong with any other. */
export function imagePart(url: string): ImagePart {
  if (url.startsWith('data:')) return dataImage(url);
  if (url.length > MAX_IMAGE_URL_LENGTH) throw new RangeError(`an image URL is longer than ${MAX_IMAGE_URL_LENGTH} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`an image URL is not a URL: "${url.slice(0, 80)}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new RangeError(`an image URL must be http(s) or a data: URL, got "${parsed.protocol}"`);
  if (parsed.username || parsed.password) throw new RangeError('an image URL must not carry a user name or password');
  const extension = /\.([a-z]+)$/i.exec(parsed.pathname)?.[1]?.toLowerCase();
  const mediaType = extension ? EXTENSIONS[extension] : undefined;
  return { kind: 'url', url: parsed.href, ...(mediaType ? { mediaType } : {}) };
}

function dataImage(url: string): ImagePart {
  const m = /^data:([^;,]*)((?:;[^;,]*)*),/.exec(url.slice(0, 200));
  if (!m) throw new RangeError('an image data: URL has no comma after its type');
  const mediaType = m[1]!.toLowerCase();
  if (!isImageType(mediaType)) throw new RangeError(`an image must be one of ${IMAGE_TYPES.join(', ')}, got "${mediaType.slice(0, 40)}"`);
  if (!m[2]!.split(';').includes('base64')) throw new RangeError('an image data: URL must be base64');
  const data = url.slice(m[0].length);
  if (data.length > Math.ceil(MAX_IMAGE_BYTES / 3) * 4) throw new RangeError(`an image is larger than ${MAX_IMAGE_BYTES} bytes`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data) || data.length % 4 !== 0) throw new RangeError('an image data: URL is not valid base64');
  if (!SIGNATURES[mediaType](base64Head(data))) throw new RangeError(`an image labelled ${mediaType} is not one: its bytes say otherwise`);
  return { kind: 'data', mediaType, data };
}

/** The first 12 bytes of base64 data. */
function base64Head(data: string): Uint8Array {
  const text = atob(data.slice(0, 16));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** The image as a URL again: the data: URL of inline bytes, or the URL itself. */
export function imageUrl(image: ImagePart): string {
  return image.kind === 'data' ? `data:${image.mediaType};base64,${image.data}` : image.url;
}

export function hasImages(messages: readonly ChatMessage[]): boolean {
  return messages.some((m) => (m.images?.length ?? 0) > 0);
}

/** Input tokens a message's images may cost at most (what a budget reserves for them). */
export function imageTokens(message: ChatMessage): number {
  return (message.images?.length ?? 0) * IMAGE_TOKEN_BOUND;
}
