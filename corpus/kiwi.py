"""The process-wide Kiwi (Korean morphological analyzer), created on first use only.

Kiwi costs seconds and a quarter of a gigabyte, so it is built once per process and only when some
Hangul text actually needs it; the sentence splitter and the index's Korean analyzer share it.

It is built without its two proper-noun dictionaries, which cost memory and little else here
(kiwipiepy 0.24.1, measured in this project):
- the multi-word dictionary (`load_multi_dict=False`: WikiData names of several words read as one
  morpheme): 190 MB of RSS; on the demo collection's 2,696 Korean paragraphs it changes neither a
  morpheme nor a sentence cut;
- the default dictionary (`load_default_dict=False`: Wikipedia and Namuwiki titles as proper nouns):
  55 MB; it changes the morphemes of 100 of those paragraphs, a compound title becoming its parts
  ("국가보안법" -> "국가" + "보안법"; "부칙" is read right instead of "부" + "칙"), and no sentence cut.
  For BM25 the parts match a question that names the whole as well as one that names a part. The dev
  set's fit half gives the same answers with and without it in every category (the held-out half:
  one more answerable question wrongly abstained, 8/134 against 7/134).
Kiwi costs 510 MB with both dictionaries and 260 MB without.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiwipiepy import Kiwi, MorphemeSet


@functools.cache
def get_kiwi() -> Kiwi:
    """The shared Kiwi instance (built on the first call, with the model bundled in kiwipiepy_model)."""
    from kiwipiepy import Kiwi

    return Kiwi(load_multi_dict=False, load_default_dict=False)


def kiwi_loaded() -> bool:
    """Whether `get_kiwi()` has built Kiwi in this process (without building it)."""
    return get_kiwi.cache_info().currsize > 0


@functools.cache
def no_pronoun_contractions() -> MorphemeSet:
    """A Kiwi blocklist of the particles a pronoun contracts with ("난" = 나 + ᆫ "I (topic)", "전" =
    저 + ᆫ, "날" = 나 + ᆯ "me"): for re-reading a text in which Kiwi found one inside a word
    ("난민법 제18조" read as 나 + ᆫ + 민법, "I, the Civil Act", instead of 난민 + 법)."""
    from kiwipiepy import MorphemeSet

    return MorphemeSet(get_kiwi(), ["ᆫ/JX", "ᆯ/JKO"])
