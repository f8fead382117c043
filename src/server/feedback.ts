// POST /v1/feedback: a client rates an answer by its call id (the x-llmrouter-call-id header); the rating is
// appended to the JSONL log, where `llmrouter train --data LOG` turns rated calls into training samples, and teaches
// the client's profile and an online router at once (learning.ts). Only the client token that made a call may rate
// it; any other call id is 404.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Gateway } from './gateway.ts';
import { HttpError } from './http-error.ts';

const feedbackRequestSchema = z
  .strictObject({
    call_id: z.string().min(1).max(100),
    rating: z.number().int().min(1).max(5).optional(),
    thumbs: z.enum(['up', 'down']).optional(),
  })
  .refine((f) => f.rating !== undefined || f.thumbs !== undefined, { message: 'give a rating (1-5) or thumbs (up or down)' });

export async function feedback(gateway: Gateway, request: FastifyRequest): Promise<{ ok: true }> {
  if (!gateway.log)
    throw new HttpError(
      409,
      'invalid_request_error',
      'no_log',
      'this gateway keeps no log (set `log` in its configuration), so it has nowhere to keep feedback',
    );
  const parsed = feedbackRequestSchema.safeParse(request.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HttpError(
      400,
      'invalid_request_error',
      'invalid_request',
      `${issue.path.join('.') || 'body'}: ${issue.message}`,
      issue.path.join('.') || null,
    );
  }
  const { call_id, rating, thumbs } = parsed.data;
  // A call another client made is as unknown as one never made: its existence is not revealed.
  if (!gateway.owners.owns(call_id, request.client))
    throw new HttpError(404, 'invalid_request_error', 'call_not_found', `no call "${call_id}" was made with this client token`, 'call_id');
  const given = { ...(rating !== undefined ? { rating } : {}), ...(thumbs ? { thumbs } : {}) };
  await gateway.log.write({ type: 'feedback', callId: call_id, at: Date.now(), feedback: given });
  await gateway.learning.feedback(call_id, given);
  return { ok: true };
}
