#!/usr/bin/env bash
# Builds the app's default router, public/routers/auto.json: the model-agnostic `auto` router trained on
# LLMRouter's dcrouter training split (tasks joined from default_query_train.jsonl), read from ../shared/data.
# The app points it at the user's own models at run time (auto.serve), so it ships once for everyone.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${LLMROUTER_SHARED:-../shared}"
[ -d "$shared/data" ] || shared=/work/shared
data="$shared/data/llmrouter"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
npx llmrouter import --from dcrouter "$data/dcrouter_train.json" --queries "$data/default_query_train.jsonl" --out "$work/train.jsonl"
npx llmrouter train --router auto --data "$work/train.jsonl" --out public/routers/auto.json
