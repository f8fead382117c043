// GET /v1/usage?from=&to=: what the gateway's routed calls spent and saved against the premium model alone, the
// summary of core/learn/usage.ts (the object `llmrouter report --json` prints) over the gateway's JSONL log, so
// it covers every call the log holds, restarts included. A gateway without a log has nothing to sum: 409.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readCallLog } from '../core/learn/call-log.ts';
import { summarizeUsage, type UsageSummary } from '../core/learn/usage.ts';
import { usageRange } from '../core/learn/usage-range.ts';
import { readText } from '../platform/node/files.ts';
import type { Gateway } from './gateway.ts';
import { HttpError } from './http-error.ts';

const querySchema = z.object({ from: z.string().optional(), to: z.string().optional() });

export async function usage(gateway: Gateway, request: FastifyRequest): Promise<UsageSummary> {
  if (!gateway.log || !gateway.config.log)
    throw new HttpError(
      409,
      'invalid_request_error',
      'no_log',
      'this gateway keeps no log (set `log` in its configuration), so it has no usage to sum',
    );
  const query = querySchema.safeParse(request.query);
  let range;
  try {
    if (!query.success) throw new Error('give "from" and "to" once each');
    range = usageRange(query.data.from, query.data.to);
  } catch (e) {
    throw new HttpError(400, 'invalid_request_error', 'invalid_range', (e as Error).message);
  }
  await gateway.log.flushed();
  return summarizeUsage(readCallLog(await readText(gateway.config.log), gateway.config.log), range);
}
