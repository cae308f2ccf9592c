"""bench.naming: which first passage counts as the named article, and the probe files."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from bench.naming import PROBES, names_it, read_probes


def hit(source_id: str, section: tuple[str, ...], text: str = "") -> Any:
    return SimpleNamespace(passage=SimpleNamespace(source_id=source_id, section=section, text=text))


def test_an_article_is_named_as_a_whole_number_whatever_the_spaces() -> None:
    tenth = hit("treaty-x-0a1b2c3d", ("Part I", "Article 10"), "Article  10\n\n1. ...")
    assert names_it(tenth, "treaty-x", "Article  10")
    assert not names_it(tenth, "treaty-x", "Article  1")  # not the first article
    section = hit("usc-x-0a1b2c3d", ("Title 8", "§\u202f1158", "(a)"))
    assert names_it(section, "usc-x", "1158") and not names_it(section, "usc-x", "115")
    assert not names_it(None, "treaty-x", "Article 1")


def test_a_source_named_by_its_stem_is_that_source_only() -> None:
    protocol = hit("treaty-cedaw-optional-protocol-f43a95d6", ("Article 8",))
    stems = frozenset({"treaty-cedaw", "treaty-cedaw-optional-protocol"})
    assert not names_it(protocol, "treaty-cedaw", "Article 8", stems)
    assert names_it(protocol, "treaty-cedaw-optional-protocol", "Article 8", stems)
    assert names_it(protocol, "treaty-cedaw", "Article 8")  # a prefix, without the stems


@pytest.mark.parametrize("path", [PROBES, PROBES.with_name("naming2.tsv")])
def test_the_probe_files_read(path: Any) -> None:
    probes = read_probes(path)
    assert len(probes) >= 70 and all(source and article and question for source, article, question in probes)
