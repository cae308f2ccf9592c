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
) -> None:
    """Write `model` + pooling + L2 normalisation to `path` as an ONNX graph (opset `OPSET`).

    Graph: input_ids, attention_mask int64 [batch, sequence] -> embedding float32 [batch, hidden].

    Args:
        model: a transformers model in eval mode with eager attention (SDPA does not trace to
            portable ONNX); called with input_ids and attention_mask, it returns `last_hidden_state`.
        ids, mask: the dummy batch the trace runs on; give it a padded row, so the trace keeps the
            masking path.
        pooling: "mean" (over the unmasked tokens) or "cls" (the first token).
    """
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            if pooling == "cls":
                pooled = hidden[:, 0]
            else:
                mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    dummy = (torch.tensor(ids, dtype=torch.long), torch.tensor(mask, dtype=torch.long))
    with warnings.catch_warnings(), torch.no_grad():
        # The TorchScript exporter is deprecated and chatty (the dynamo exporter needs onnxscript,
        # which is not installed); callers verify the export numerically instead.
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Pooled(model).eval(),
            dummy,
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "sequence"},
                "attention_mask": {0: "batch", 1: "sequence"},
                "embedding": {0: "batch"},
            },
            opset_version=OPSET,
            dynamo=False,
        )
