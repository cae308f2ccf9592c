"""Tracing a transformer, with pooling and L2 normalisation folded in, into a portable ONNX graph.

Shared by the sentence-transformers export (`index.embedding.onnx`) and the e5 conversion
(`index.embedding.e5_convert`). torch is imported only when an export runs.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Literal

OPSET = 17


def export_pooled(
    model: Any,
    path: Path,
    ids: list[list[int]],
    mask: list[list[int]],
    *,
    pooling: Literal["mean", "cls"] = "mean",
    lookup_outside: bool = False,
) -> None:
    """Write `model` + pooling + L2 normalisation to `path` as an ONNX graph (opset `OPSET`).

    Graph: input_ids, attention_mask int64 [batch, sequence] -> embedding float32 [batch, hidden];
    with `lookup_outside`, the first input is inputs_embeds float32 [batch, sequence, hidden] (the
    rows of the word-embedding table for input_ids) and the table itself is left out of the graph.

    Args:
        model: a transformers model in eval mode with eager attention (SDPA does not trace to
            portable ONNX); called with input_ids and attention_mask, it returns `last_hidden_state`.
        ids, mask: the dummy batch the trace runs on; give it a padded row, so the trace keeps the
            masking path.
        pooling: "mean" (over the unmasked tokens) or "cls" (the first token).
        lookup_outside: leave the word-embedding lookup to the caller (a memory-mapped table costs
            only the rows a text touches, where an initializer is resident in full).
    """
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, first: Any, attention_mask: Any) -> Any:
            given = {"inputs_embeds" if lookup_outside else "input_ids": first}
            hidden = self.inner(**given, attention_mask=attention_mask).last_hidden_state
            if pooling == "cls":
                pooled = hidden[:, 0]
            else:
                mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    first = torch.tensor(ids, dtype=torch.long)
    if lookup_outside:
        with torch.no_grad():
            first = model.get_input_embeddings()(first)
    dummy = (first, torch.tensor(mask, dtype=torch.long))
    name = "inputs_embeds" if lookup_outside else "input_ids"
    with warnings.catch_warnings(), torch.no_grad():
        # The TorchScript exporter is deprecated and chatty (the dynamo exporter needs onnxscript,
        # which is not installed); callers verify the export numerically instead.
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Pooled(model).eval(),
            dummy,
            str(path),
            input_names=[name, "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={
                name: {0: "batch", 1: "sequence"},
                "attention_mask": {0: "batch", 1: "sequence"},
                "embedding": {0: "batch"},
            },
            opset_version=OPSET,
            dynamo=False,
        )
