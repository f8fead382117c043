// The fields of an evaluation report, in the order DESIGN.md gives them: what `evaluate` returns and what
// `llmrouter eval --json` prints.
export const REPORT_KEYS = [
  'router',
  'n_train',
  'n_test',
  'models',
  'best_single',
  'oracle',
  'curve',
  'aiq',
  'aiq_max_cost',
  'quality_at_best_single_cost',
  'cost_at_95pct_best_quality',
  'skipped',
];
