"""The process-wide Kiwi (Korean morphological analyzer), created on first use only.

Kiwi costs seconds and a third of a gigabyte, so it is built once per process and only when some
Hangul text actually needs it; the sentence splitter and the index's Korean analyzer share it.

It is built without the multi-word dictionary (`load_multi_dict=False`: proper nouns of several
words taken from WikiData, read as one morpheme). That dictionary costs 190 MB of RSS (Kiwi 510 MB
with it, 320 MB without, kiwipiepy 0.24.1, measured here), and on the demo collection's 2,696
paragraphs of Korean it changes neither a morpheme nor a sentence cut; for BM25, the words of such
a name matched one by one are as good as the name as one token.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiwipiepy import Kiwi


@functools.cache
def get_kiwi() -> Kiwi:
    """The shared Kiwi instance (built on the first call, with the model bundled in kiwipiepy_model)."""
    from kiwipiepy import Kiwi

    return Kiwi(load_multi_dict=False)


def kiwi_loaded() -> bool:
    """Whether `get_kiwi()` has built Kiwi in this process (without building it)."""
    return get_kiwi.cache_info().currsize > 0
