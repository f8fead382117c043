#!/usr/bin/env bash
# Builds a shipped model-agnostic router, public/routers/NAME.json (default: irt, the app's and the CLI's default
# router; `auto` for the earlier one), trained on LLMRouter's dcrouter training split (tasks joined from
# default_query_train.jsonl), read from ../shared/data. The app and the CLI point it at the user's own models
# at run time (serve), so it ships once for everyone. The two open-question tasks scored by exact match
# (natural_qa, trivia_qa: every model scores about 0.2 there, a measure of answer format rather than knowledge)
# are left out of the shipped router, or every short factual question would look hard.
set -euo pipefail
cd "$(dirname "$0")/.."
router="${1:-irt}"
shared="${LLMROUTER_SHARED:-../shared}"
[ -d "$shared/data" ] || shared=/work/shared
data="$shared/data/llmrouter"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
npx llmrouter import --from dcrouter "$data/dcrouter_train.json" --queries "$data/default_query_train.jsonl" --out "$work/train.jsonl"
grep -vE '"task":"(natural_qa|trivia_qa)"' "$work/train.jsonl" > "$work/train-shipped.jsonl"
npx llmrouter train --router "$router" --data "$work/train-shipped.jsonl" --out "public/routers/$router.json"
