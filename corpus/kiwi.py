"""The process-wide Kiwi (Korean morphological analyzer), created on first use only.

`Kiwi()` costs seconds and about half a gigabyte, so it is built once per process and only when some
Hangul text actually needs it; the sentence splitter and the index's Korean analyzer share it.
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

    return Kiwi()


def kiwi_loaded() -> bool:
    """Whether `get_kiwi()` has built Kiwi in this process (without building it)."""
    return get_kiwi.cache_info().currsize > 0
