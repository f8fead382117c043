#!/usr/bin/env bash
# Builds a shipped model-agnostic router, public/routers/NAME.json. The default, irt (the app's and the CLI's default
# router), is trained on every routing dataset of ../shared/data together plus the trivial-turn class
# (scripts/default-router-data.ts says which parts and why); `auto`, the earlier one, on LLMRouter's dcrouter
# training split (tasks joined from default_query_train.jsonl) without the two exact-match open-question tasks
# (natural_qa, trivia_qa: every model scores about 0.2 there, a measure of answer format rather than knowledge).
# The app and the CLI point the router at the user's own models at run time (serve), so it ships once for everyone.
set -euo pipefail
cd "$(dirname "$0")/.."
router="${1:-irt}"
shared="${LLMROUTER_SHARED:-../shared}"
[ -d "$shared/data" ] || shared=/work/shared
export LLMROUTER_SHARED="$shared"
data="$shared/data/llmrouter"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ "$router" = irt ]; then
  npx tsx scripts/default-router-data.ts "$work/train-shipped.jsonl"
else
  npx llmrouter import --from dcrouter "$data/dcrouter_train.json" --queries "$data/default_query_train.jsonl" --out "$work/train.jsonl"
  grep -vE '"task":"(natural_qa|trivia_qa)"' "$work/train.jsonl" > "$work/train-shipped.jsonl"
fi
npx llmrouter train --router "$router" --data "$work/train-shipped.jsonl" --out "public/routers/$router.json"
# The shipped file records no encoder: the app and the CLI read it with whichever runtime of the shipped USE-lite
# they have (a record naming the Node build's dtype made the app wait for a model variant it does not ship).
node -e 'const f=process.argv[1];const fs=require("fs");const r=JSON.parse(fs.readFileSync(f,"utf8"));delete r.encoder;fs.writeFileSync(f,JSON.stringify(r))' "public/routers/$router.json"
