// The shapes the app's views rely on in every record it keeps: conversations, the learning log and attempt
// records, datasets, saved routers, and each named setting. Registered at start (main.tsx) so every read from
// IndexedDB and every backup import is checked with the same schemas (platform/browser/record-checks.ts).
// Objects are loose and enumerations open where a view copes with any value: fields, roles, statuses and
// record types a view does not rely on (or a newer build added) pass through untouched.
import { z } from 'zod';
import { catalogModelSchema } from '../../core/catalog/model.ts';
import type { RecordSchemas } from '../../platform/browser/record-checks.ts';
import { MODE_NAMES } from '../../core/modes/mode.ts';
import { routedCallSchema } from '../../core/learn/call-log.ts';
import { savedProfilesSchema } from './profiles.ts';

/** A number, or NaN where the app stores "unknown" (a model the user forced has no estimate). */
const estimateNumber = z.union([z.number(), z.nan()]);
const estimateSchema = z.looseObject({ model: z.string(), quality: estimateNumber, cost: estimateNumber });

const routingSchema = z.looseObject({
  router: z.string(),
  model: z.string(),
  pick: estimateSchema,
  premium: estimateSchema,
  estimates: z.array(estimateSchema),
  explanation: z.looseObject({
    summary: z.string(),
    neighbours: z.array(z.looseObject({ id: z.string(), query: z.string(), similarity: z.number() })).optional(),
    features: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
  }),
  ms: z.number(),
  lambda: z.number(),
  contextTurns: z.number().optional(),
});

/** A multi-call mode's steps as the thread shows them (core/modes/mode.ts ModeStep). */
const paid = { model: z.string(), cost: z.number(), ms: z.number() };
const stepSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('verify'),
    ...paid,
    answer: z.string(),
    score: z.number(),
    threshold: z.number(),
    calibratedOn: z.number(),
    kept: z.boolean(),
  }),
  z.looseObject({ type: z.literal('judge'), ...paid, reply: z.string(), chosen: z.string().optional() }),
  z
    .looseObject({
      type: z.literal('plan'),
      ...paid,
      attempt: z.number(),
      subqueries: z.array(z.looseObject({ query: z.string(), model: z.string().optional() })).optional(),
      error: z.string().optional(),
    })
    .refine((s) => s.subqueries !== undefined || s.error !== undefined, 'a plan step has its sub-queries or its error'),
  z.looseObject({ type: z.literal('sub-answer'), ...paid, index: z.number(), query: z.string(), text: z.string(), assignedBy: z.string() }),
  z.looseObject({ type: z.literal('aggregate'), ...paid }),
  z.looseObject({
    type: z.literal('round'),
    ...paid,
    index: z.number(),
    toolCost: z.number(),
    think: z.string().optional(),
    call: z.looseObject({ model: z.string(), query: z.string() }).optional(),
    observation: z.string().optional(),
    error: z.string().optional(),
  }),
  z.looseObject({ type: z.literal('answer'), ...paid }),
]);
const modeRunSchema = z.looseObject({
  mode: z.enum(MODE_NAMES.filter((m) => m !== 'single') as ['cascade', 'llm-router', 'decompose', 'agent']),
  steps: z.array(stepSchema),
  result: z
    .looseObject({
      cost: z.number(),
      model: z.string(),
      note: z.string().optional(),
      premiumEstimate: z.looseObject({ model: z.string(), cost: z.number() }).optional(),
    })
    .optional(),
});
const contextSchema = z.union([
  z.looseObject({ kind: z.enum(['current', 'full']) }),
  z.looseObject({ kind: z.literal('similar'), k: z.number().int().positive() }),
]);

const messageSchema = z.looseObject({
  id: z.string(),
  role: z.string(),
  content: z.string(),
  at: z.number(),
  status: z.string().optional(),
  routing: routingSchema.optional(),
  attempts: z.array(z.looseObject({ model: z.string(), error: z.string().optional() })).optional(),
  error: z.string().optional(),
  outcomeId: z.string().optional(),
  feedback: z.looseObject({ thumbs: z.enum(['up', 'down']).optional(), rating: z.number().optional() }).optional(),
  modeRun: modeRunSchema.optional(),
});

export const conversationSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  messages: z.array(messageSchema),
  profileId: z.string().optional(),
  mode: z.enum(MODE_NAMES).optional(),
  context: contextSchema.optional(),
});

/** USD a budget or a report may sum: finite and >= 0 (zod's number refuses NaN and Infinity already). */
const countableUsd = z.number().min(0, 'a cost must be a finite USD amount of at least 0');
/** Checked on every outcome record, whatever its type, before its own schema: no record may cancel or poison a budget. */
const outcomeCosts = z.looseObject({ cost: countableUsd.optional(), answerCost: countableUsd.optional() });

/** The learning log's routed calls: the shape every call-log reader checks (core/learn/call-log.ts), open to added fields. */
const learningRecordSchema = z.looseObject(routedCallSchema.shape);

const attemptRecordSchema = z.looseObject({
  id: z.string(),
  at: z.number(),
  callId: z.string(),
  model: z.string(),
  provider: z.string(),
  kind: z.string(),
  cost: countableUsd,
});

/** Records of other kinds in the outcomes store (a newer build's, say): their owners check them. */
const otherOutcomeSchema = z.looseObject({ id: z.string(), at: z.number(), type: z.string().refine((t) => t !== 'routed-call') });

const datasetSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  format: z.string(),
  importedAt: z.number(),
  stats: z.looseObject({
    queries: z.number(),
    models: z.array(
      z.looseObject({ model: z.string(), count: z.number(), meanScore: z.number(), totalCost: z.number(), estimatedCosts: z.number() }),
    ),
    tasks: z.record(z.string(), z.number()),
  }),
  // Only the list itself: checking each sample costs the page about a second per 100,000 samples (measured here) at every
  // start, and no view reads them (training does, and reports a broken sample as the run's error).
  samples: z.array(z.unknown()),
});

const routerChoiceSchema = z.union([z.looseObject({ builtin: z.string() }), z.looseObject({ saved: z.string() })]);

const savedRouterSchema = z.looseObject({
  id: z.string(),
  label: z.string(),
  createdAt: z.number(),
  origin: z.enum(['lab', 'learning', 'online']),
  file: z.looseObject({
    format: z.string(),
    version: z.number(),
    router: z.string(),
    models: z.array(z.string()),
    options: z.looseObject({}),
  }),
  basedOn: z.looseObject({ choice: routerChoiceSchema, label: z.string() }).optional(),
});

const quarantineSchema = z.array(z.looseObject({ store: z.string(), key: z.string(), problem: z.string(), at: z.number() }));

export const recordSchemas: RecordSchemas = {
  records: {
    conversations: conversationSchema,
    outcomes: outcomeCosts.pipe(z.union([learningRecordSchema, attemptRecordSchema, otherOutcomeSchema])),
    datasets: datasetSchema,
    routers: savedRouterSchema,
  },
  settings: {
    preferences: z.looseObject({ lambda: z.number().min(0) }),
    'call-settings': z.looseObject({
      midStream: z.enum(['resume', 'stop']),
      timeoutMs: z.number().positive(),
      concurrency: z.number().int().positive(),
      dailyUsd: z.number().min(0).optional(),
      monthlyUsd: z.number().min(0).optional(),
    }),
    catalog: z.looseObject({ models: z.array(catalogModelSchema), enabled: z.array(z.string()) }),
    encoder: z.looseObject({ prefer: z.enum(['auto', 'webgpu', 'wasm']) }),
    learning: z.looseObject({
      retrainEvery: z.number().int().positive(),
      minSamples: z.number().int().min(2).optional(),
      feedbackWeight: z.number().positive(),
      trainedSamples: z.number().int().min(0),
      // An older build's `last` has no check: the lab shows none for it.
      last: z
        .looseObject({
          at: z.number(),
          router: z.string(),
          changes: z.array(z.looseObject({ query: z.string(), before: z.string(), after: z.string() })),
          check: z.looseObject({ accepted: z.boolean(), reason: z.string() }).optional(),
        })
        .optional(),
      undo: z.looseObject({ choice: routerChoiceSchema, label: z.string() }).optional(),
    }),
    router: routerChoiceSchema,
    providers: z.array(
      z.looseObject({ id: z.string().min(1), label: z.string(), wire: z.enum(['openai', 'anthropic', 'gemini']), baseUrl: z.string() }),
    ),
    quarantine: quarantineSchema,
    profiles: savedProfilesSchema,
    'lab-runs': z.array(
      z.looseObject({
        id: z.string(),
        router: z.string(),
        datasetId: z.string(),
        status: z.literal('done'),
        result: z.looseObject({
          report: z.looseObject({
            curve: z.array(z.looseObject({ cost: z.number(), quality: z.number() })),
            best_single: z.looseObject({ model: z.string(), quality: z.number() }),
          }),
          tasks: z.array(z.looseObject({ task: z.string() })),
          singles: z.array(z.looseObject({ model: z.string() })),
          trainSeconds: z.number(),
        }),
      }),
    ),
  },
};
