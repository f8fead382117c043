// Bearer auth of client tokens: compared in constant time (by their SHA-256), never logged.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function tokenChecker(tokens: Iterable<string>): (authorization: string | undefined) => boolean {
  const known = [...tokens].map(digest);
  return (authorization) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m) return false;
    const given = digest(m[1]!);
    return known.some((k) => timingSafeEqual(k, given));
  };
}
