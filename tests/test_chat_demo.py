"""Follow-ups, further passages and the figures grid over the real demo collection and model (integration)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bench.devset_eval import load_devset
from corpus.models import Passage
from index.embedding.base import Embedder
from index.engine import GroundIndex
from index.types import Query
from service import cli
from tests.fakes import FixedChoice
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
        assert [h.passage.id for h in threaded.shown] == [h.passage.id for h in alone.shown], question
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


def test_an_answer_shows_k_passages_most_probable_first_those_that_answer_before_the_further_ones(
    demo_index: GroundIndex,
) -> None:
    """With the fitted model an answered question shows the k most probable eligible passages, most
    probable first (after the passage defining the term a definition question asks about, the
    article of the instrument a question names, or a passage of an instrument it names without an
    article): those marked likely to answer (`hits`, never
    empty), then the further ones; an unanswered question shows none of either."""
    further = refused = 0
    standalone = [i for i in load_devset() if not i["history"]]
    items = [i for i in standalone if i["answerable"]][:40] + [i for i in standalone if not i["answerable"]][
        :20
    ]
    for item in items:
        answer = demo_index.search(Query(item["question"], k=5, explain=True))
        assert answer.explanation is not None and answer.explanation.method == "model"
        if not answer.answered:
            refused += 1
            assert answer.shown == () and answer.related, item["id"]
            continue
        p = {c.passage_id: c.probability for c in answer.explanation.candidates}
        eligible = [c for c in answer.explanation.candidates if not c.missing]
        assert answer.hits and len(answer.shown) == min(5, len(eligible)), item["id"]
        why = {c.passage_id: c for c in answer.explanation.candidates}
        # a definition's defining passage (with the next passage, when its list goes on there), the
        # named article of a named instrument, or a passage of an instrument named without an article,
        # comes first
        pinned = 0
        while pinned < len(answer.shown) and (
            why[answer.shown[pinned].passage.id].defines
            or why[answer.shown[pinned].passage.id].in_provision
            or (not pinned and why[answer.shown[pinned].passage.id].in_named)
            or (pinned and _goes_on(answer.shown[pinned - 1].passage, answer.shown[pinned].passage))
        ):
            pinned += 1
        shown = [p[h.passage.id] for h in answer.shown[pinned:]]
        assert shown == sorted(shown, reverse=True), item["id"]
        further += bool(answer.further)
    assert further >= 10 and refused >= 3, (further, refused)


def _goes_on(before: Passage, after: Passage) -> bool:
    """`after` is the passage right after `before` in the same source."""
    return after.source_id == before.source_id and after.ordinal == before.ordinal + 1


def test_ask_prints_the_further_passages_under_their_own_label(
    demo_data_dir: Path, demo_index: GroundIndex, real_embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = [i["question"] for i in load_devset() if i["answerable"] and not i["history"]]
    answers = (demo_index.search(Query(q)) for q in questions)
    answer = next(a for a in answers if a.further)
    question = answer.question
    n_likely = len(answer.hits)
    monkeypatch.setattr(cli, "load", lambda settings: FixedChoice(real_embedder))
    result = CliRunner().invoke(cli.app, ["ask", question, "--data", str(demo_data_dir)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    label = lines.index("More passages, probably not answers:")
    numbered = [i for i, line in enumerate(lines) if re.match(r"\[\d+\] “", line)]
    assert [lines[i].split("]")[0] for i in numbered] == [f"[{n}" for n in range(1, len(answer.shown) + 1)]
    assert numbered[n_likely - 1] < label < numbered[n_likely], "the further passages come after the label"


def test_a_fine_for_breaking_a_named_article_s_duty_comes_from_the_article_citing_it(
    demo_index: GroundIndex,
) -> None:
    """The trafficking act's 제21조 sets the duty to report and no fine; its 제50조 fines "제21조제2항에 따른
    신고를 하지 아니한 자": asked the fine for breaking 제21조's duty, that article answers (it stands in
    the article named), not a refusal for 제21조's silence on an amount."""
    answer = demo_index.search(
        Query("인신매매방지법 제21조에 따른 신고를 안 한 시설 종사자는 과태료를 얼마나 내나요?", explain=True)
    )
    assert answer.answered
    assert "500만원 이하의 과태료" in answer.hits[0].passage.text
