// Client tokens (checked by @fastify/bearer-auth in app.ts): each configured token gets a label at start-up (a
// slow salted hash, so a log holding labels does not give tokens away); a request's token is found by its
// SHA-256, never compared as text or logged. The label names the client in the log and decides who may rate a call.
import { createHash, scryptSync } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** The label of a client token, as logged with its calls. */
export function clientLabel(token: string): string {
  return scryptSync(token, 'llmrouter-client-label', 8).toString('hex');
}

/** A function from a bearer token to its client's label, undefined for a token not configured. */
export function clientIdentifier(tokens: Iterable<string>): (token: string) => string | undefined {
  const labels = new Map([...tokens].map((token) => [digest(token), clientLabel(token)]));
  return (token) => labels.get(digest(token));
}
