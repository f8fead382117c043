// Image parts as an attacker sends them: only base64 data: URLs of PNG, JPEG, GIF or WebP bytes (the label and the
// bytes must agree) within the size cap, and only http(s) URLs without credentials, pass; each refusal says why.
// A budget reserves each image's most tokens.
import { describe, expect, it } from 'vitest';
import { IMAGE_TOKEN_BOUND, MAX_IMAGE_BYTES, imagePart, imageUrl } from './images.ts';
import { maxInputTokens } from './routed-call.ts';

/** A real 1x1 PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const JPEG_BASE64 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString('base64');
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('image parts', () => {
  it('reads base64 images whose bytes are what their label says, and http(s) URLs typed by their path', () => {
    expect(imagePart(`data:image/png;base64,${PNG_BASE64}`)).toEqual({ kind: 'data', mediaType: 'image/png', data: PNG_BASE64 });
    expect(imagePart(`data:IMAGE/JPEG;base64,${JPEG_BASE64}`)).toMatchObject({ kind: 'data', mediaType: 'image/jpeg' });
    expect(imagePart('https://example.com/cat.WEBP?size=2')).toEqual({
      kind: 'url',
      url: 'https://example.com/cat.WEBP?size=2',
      mediaType: 'image/webp',
    });
    expect(imagePart('http://example.com/render')).toEqual({ kind: 'url', url: 'http://example.com/render' });
    expect(imageUrl(imagePart(`data:image/png;base64,${PNG_BASE64}`))).toBe(`data:image/png;base64,${PNG_BASE64}`);
  });

  it.each([
    ['an SVG (it can carry script)', `data:image/svg+xml;base64,${b64('<svg onload="alert(1)"/>')}`, /must be one of image\/png/],
    ['HTML', `data:text/html;base64,${b64('<script>alert(1)</script>')}`, /must be one of .*got "text\/html"/],
    ['HTML labelled PNG', `data:image/png;base64,${b64('<html><script>alert(1)</script></html>')}`, /labelled image\/png is not one/],
    ['a JPEG labelled PNG', `data:image/png;base64,${JPEG_BASE64}`, /labelled image\/png is not one/],
    ['text not base64', 'data:image/png,%89PNG%0D%0A', /must be base64/],
    ['base64 with a line break', `data:image/png;base64,${PNG_BASE64.slice(0, 8)}\n${PNG_BASE64.slice(8)}`, /not valid base64/],
    ['base64 with quotes', `data:image/png;base64,${PNG_BASE64}"onerror="x`, /not valid base64/],
    ['a data: URL without a comma', `data:image/png;base64${'A'.repeat(300)}`, /no comma/],
    ['an image past the size cap', `data:image/png;base64,${PNG_BASE64}${'A'.repeat((MAX_IMAGE_BYTES / 3) * 4)}`, /larger than/],
    ['javascript:', 'javascript:alert(document.cookie)', /must be http\(s\) or a data: URL, got "javascript:"/],
    ['file:', 'file:///etc/passwd', /got "file:"/],
    ['ftp:', 'ftp://example.com/a.png', /got "ftp:"/],
    ['blob:', 'blob:https://example.com/3f2a', /got "blob:"/],
    ['a relative path', '/etc/passwd.png', /is not a URL/],
    ['a URL with credentials', 'https://user:secret@example.com/a.png', /user name or password/],
    ['an overlong URL', `https://example.com/${'a'.repeat(3000)}.png`, /longer than/],
  ])('refuses %s, saying why', (_name, url, why) => {
    expect(() => imagePart(url)).toThrow(RangeError);
    expect(() => imagePart(url)).toThrow(why);
  });

  it("reserves each image's most tokens in a budget's input bound", () => {
    const text = [{ role: 'user' as const, content: 'what is this?' }];
    const image = imagePart(`data:image/png;base64,${PNG_BASE64}`);
    const withImages = [{ ...text[0]!, images: [image, image] }];
    expect(maxInputTokens(withImages) - maxInputTokens(text)).toBe(2 * IMAGE_TOKEN_BOUND);
  });
});
