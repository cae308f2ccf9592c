"""Follow-ups and the figures grid over the real demo collection and model (integration)."""

from __future__ import annotations

import re

import pytest

from bench.devset_eval import load_devset
from index.engine import GroundIndex
from index.types import Query
from web.present import turn

pytestmark = pytest.mark.integration


def test_a_thread_of_self_contained_questions_gives_each_the_passages_it_gets_alone(
    demo_index: GroundIndex,
) -> None:
    """The dev set's self-contained questions, each asked after the questions before it in the set."""
    standalone = [i["question"] for i in load_devset() if not i["history"]][:12]
    in_thread = [i for i in load_devset() if i["history"] and not i["follow_up"]]
    asked: list[str] = []
    for question in standalone + [i["question"] for i in in_thread]:
        alone = demo_index.search(Query(question))
        threaded = demo_index.search(Query(question, history=tuple(asked[-3:])))
        assert threaded.read_with == (), question
        assert [h.passage.id for h in threaded.hits] == [h.passage.id for h in alone.hits], question
        assert threaded.answered == alone.answered
        asked.append(question)


def test_the_figures_grid_never_appears_for_a_definition(demo_index: GroundIndex) -> None:
    definitions = [i for i in load_devset() if i["kind"] == "definition"]
    assert len(definitions) >= 20
    for item in definitions:
        answer = demo_index.search(Query(item["question"], history=tuple(item["history"])))
        assert turn(answer, 1).comparison == (), item["id"]


def test_number_questions_get_the_grid_only_with_quantities_of_the_kind_asked(
    demo_index: GroundIndex,
) -> None:
    numbers = [i for i in load_devset() if i["kind"] == "number" and not i["history"]]
    shown = 0
    for item in numbers:
        cells = turn(demo_index.search(Query(item["question"])), 1).comparison
        shown += bool(cells)
        for cell in cells:
            for span in cell.spans:
                marks = [s.text for s in span if s.mark]
                assert marks, item["id"]
                for mark in marks:
                    assert not re.fullmatch(r"(1[5-9]|20)\d\d|\d{1,2}\.", mark.strip()), (item["id"], mark)
    assert shown >= 5, "figures from several sources are still set side by side"
