"""Search over a tiny corpus with the fake embedder: filters, duplicates, evidence, abstention."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from corpus.errors import InvalidRequest, NotFound
from corpus.models import Passage
from corpus.script import has_hangul
from index import engine
from index.analyzer import analyze
from index.answerability import FEATURES, LIKELY_BAR, MIN_ANSWER_P, QUESTION_FEATURES, AnswerModel, Logistic
from index.backend import PassageRecord, TermStats
from index.engine import (
    GroundIndex,
    TypedReading,
    _asked_countries,
    _attributed,
    _with_inherited_period,
    _with_inherited_type,
    _writes_name,
)
from index.question import Constraint, analyze_question
from index.types import Explanation, Filters, Query
from tests.helpers import tiny_index_in


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory: pytest.TempPathFactory) -> GroundIndex:
    return tiny_index_in(tmp_path_factory, "tiny")


def sid(idx: GroundIndex, path: str) -> str:
    return next(r.id for r in idx.sources() if r.path == path)


def test_every_hit_is_verbatim_with_evidence_inside(tiny_index: GroundIndex) -> None:
    answer = tiny_index.search(Query("How many North Koreans were detained in China awaiting deportation?"))
    assert answer.answered and answer.hits
    for hit in answer.hits:
        src = tiny_index.source(hit.source.id)
        assert src.text[hit.passage.char_start : hit.passage.char_end] == hit.passage.text
        for span in hit.evidence:
            assert 0 <= span.start < span.end <= len(hit.passage.text)
    top = answer.hits[0]
    marked = " ".join(top.passage.text[s.start : s.end] for s in top.evidence)
    assert "2,000" in marked


def test_near_duplicates_collapse_naming_both_sources(tiny_index: GroundIndex) -> None:
    answer = tiny_index.search(Query("North Koreans detained in China awaiting deportation", k=5))
    heads = [h for h in answer.hits if "2,000" in h.passage.text]
    assert len(heads) == 1
    names = {heads[0].source.id} | {d.source.id for d in heads[0].duplicates}
    assert names == {sid(tiny_index, "defectors.txt"), sid(tiny_index, "copy_of_defectors.txt")}


def test_off_topic_question_abstains(tiny_index: GroundIndex) -> None:
    answer = tiny_index.search(Query("best recipe for chocolate chip cookies with walnuts"))
    assert not answer.answered and answer.hits == ()


def test_korean_question_is_answered_from_korean_source(tiny_index: GroundIndex) -> None:
    answer = tiny_index.search(Query("난민신청자의 강제송환 금지"))
    assert answer.answered
    assert answer.hits[0].source.id == sid(tiny_index, "korean.txt")


def test_filters_restrict_sources(tiny_index: GroundIndex) -> None:
    q = "North Koreans detained in China awaiting deportation"
    only_mirror = tiny_index.search(Query(q, filters=Filters(publishers=("Mirror Site",))))
    assert {h.source.id for h in only_mirror.hits} == {sid(tiny_index, "copy_of_defectors.txt")}
    by_lang = tiny_index.search(Query(q, filters=Filters(languages=("ko",))))
    assert all(h.source.meta.language == "ko" for h in by_lang.hits + by_lang.related)
    by_date = tiny_index.search(Query(q, filters=Filters(date_from="2024", date_to="2024-12-31")))
    assert {h.source.id for h in by_date.hits} <= {sid(tiny_index, "copy_of_defectors.txt")}
    nothing = tiny_index.search(Query(q, filters=Filters(date_from="1800", date_to="1801")))
    assert not nothing.answered and nothing.hits == () and nothing.related == ()


def test_invalid_queries_are_refused(tiny_index: GroundIndex) -> None:
    with pytest.raises(InvalidRequest, match="empty"):
        tiny_index.search(Query("   "))
    with pytest.raises(InvalidRequest, match="2000"):
        tiny_index.search(Query("x" * 2001))
    with pytest.raises(InvalidRequest, match="k must be"):
        tiny_index.search(Query("refugee", k=0))
    with pytest.raises(NotFound, match="unknown source id"):
        tiny_index.search(Query("refugee", filters=Filters(source_ids=("nope",))))
    with pytest.raises(NotFound):
        tiny_index.source("nope")


def test_follow_up_uses_history(tiny_index: GroundIndex) -> None:
    follow = tiny_index.search(
        Query("And how many were repatriated in October?", k=3, history=("North Koreans detained in China",))
    )
    assert follow.answered
    assert "600" in follow.hits[0].passage.text


def test_a_follow_up_with_no_words_of_its_own_is_searched_as_the_question_it_leans_on(
    tiny_index: GroundIndex,
) -> None:
    earlier = "North Koreans detained in China"
    alone = tiny_index.score(Query(earlier, k=3))
    for bare in ("And that?", "What about them?"):
        follow = tiny_index.score(Query(bare, k=3, history=(earlier,)))
        assert follow.read_with == (earlier,)
        assert [(g.head.passage.id, g.coverage) for g in follow.groups] == [
            (g.head.passage.id, g.coverage) for g in alone.groups
        ]
        assert [g.dense for g in follow.groups] == pytest.approx([g.dense for g in alone.groups], abs=1e-6)


def test_language_rank_orders_groups_by_dense_within_each_language(tiny_index: GroundIndex) -> None:
    scored = tiny_index.score(Query("refugees returned to China and 탈북민 강제송환"))
    by_language: dict[str, list[tuple[float, int]]] = {}
    for g in scored.groups:
        by_language.setdefault(g.head.language, []).append((g.dense, g.language_rank))
    assert len(by_language) >= 2  # the question reaches both languages of the tiny collection
    for pairs in by_language.values():
        ranks = [rank for _, rank in sorted(pairs, key=lambda p: -p[0])]
        assert ranks == list(range(len(pairs)))


def test_with_a_fitted_model_the_k_most_probable_split_into_the_answer_and_further_passages(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stand-in model whose passage probability falls with the fused rank (p 0.9991, 0.077, 0.026 for
    the tiny corpus's groups at ranks 0, 2 and 3): the first two pass the likely bar (0.05) and answer,
    the third is a further passage."""
    n, m = len(FEATURES), len(QUESTION_FEATURES)
    w = [0.0] * n
    w[FEATURES.index("rank")] = 20.0  # the feature is 1 / (1 + ln(rank + 1))
    passage = Logistic(tuple(w), -12.0, tuple([0.0] * n), tuple([1.0] * n))
    question = Logistic(tuple([0.0] * m), 5.0, tuple([0.0] * m), tuple([1.0] * m))  # always answers
    model = AnswerModel("fake", passage, question, {"*": 0.5}, LIKELY_BAR)
    monkeypatch.setattr(engine, "MIN_MODEL_PASSAGES", 0)
    monkeypatch.setattr(engine, "answer_model_for", lambda fingerprint: model)
    idx = tiny_index_in(tmp_path_factory, "model")

    question_text = "North Koreans detained in China awaiting deportation"
    answer = idx.search(Query(question_text, k=4, explain=True))
    assert answer.explanation is not None and answer.explanation.method == "model"
    ranked = sorted(answer.explanation.candidates, key=lambda c: -(c.probability or 0.0))
    likely = [c.passage_id for c in ranked if (c.probability or 0.0) >= LIKELY_BAR]
    rest = [c.passage_id for c in ranked if (c.probability or 0.0) < LIKELY_BAR]
    assert len(likely) == 2 and rest
    assert [h.passage.id for h in answer.hits] == likely
    assert [h.passage.id for h in answer.further] == rest[: 4 - len(likely)]
    assert answer.shown == answer.hits + answer.further and len(answer.shown) <= 4
    assert f"{len(answer.shown)} passage(s) shown, 2 likely to answer" in answer.explanation.reason
    one = idx.search(Query(question_text, k=1))
    assert [h.passage.id for h in one.hits] == likely[:1] and one.further == ()


def _lacking(idx: GroundIndex, question: str) -> dict[str, tuple[str, ...]]:
    """What each candidate lacks of the question's key facts, by its source's file name."""
    explanation = idx.search(Query(question, k=5, explain=True)).explanation
    assert explanation is not None
    return {c.source_id.split("-")[0]: c.missing for c in explanation.candidates}


DATED = {
    "october.txt": "Returns report\n\nIn October 2023 China forcibly returned 500 North Korean defectors.",
    "march.txt": "Arrivals report\n\nIn March 2023 about 10 North Korean defectors arrived in Seoul.",
    "korean.txt": "송환 보고서\n\n2023년 10월 중국은 탈북민 약 500명을 강제송환하였다.",
}
DATED_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "october.txt,Returns report,Example,2024,https://example.org/o,test,CC BY,en\n"
    "march.txt,Arrivals report,Example,2024,https://example.org/m,test,CC BY,en\n"
    "korean.txt,송환 보고서,Example,2024,https://example.kr/k,test,CC BY,ko\n"
)


def test_a_month_asked_in_one_language_is_found_in_a_passage_of_another(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    idx = tiny_index_in(tmp_path_factory, "dated", DATED, DATED_MANIFEST)

    # "10월" is October in the English report and 10월 in the Korean one; March's report lacks it (its
    # 10 is a figure: a bare number is a month only in a Korean or Chinese passage)
    korean = _lacking(idx, "2023년 10월 중국이 강제송환한 탈북민은 몇 명인가요?")
    assert korean["october"] == () and korean["korean"] == ()
    assert korean["march"] == ("10월",)
    english = _lacking(idx, "How many defectors did China return in October 2023?")
    assert english["october"] == () and english["korean"] == ()
    assert english["march"] == ("October",)


NUMBERED = {
    "beg.txt": "刑法\n\n第二百六十二条之一 以暴力组织不满十四周岁的未成年人乞讨的，处三年以下有期徒刑。",
    "line.txt": "Division\n\nTwo US officers chose the 38th parallel as the line between the zones.",
    "other.txt": "Begging report\n\nChildren under 16 were made to beg in the streets, officials said.",
}
NUMBERED_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "beg.txt,刑法,Example,2024,https://example.cn/b,test,CC BY,zh\n"
    "line.txt,Division,Example,2024,https://example.org/l,test,CC BY,en\n"
    "other.txt,Begging report,Example,2024,https://example.org/o,test,CC BY,en\n"
)


def test_a_number_asked_is_found_as_an_ordinal_and_as_a_chinese_numeral(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """ "14" is held by a Chinese passage's 不满十四周岁 and "38th" by "38th"; "under 16" holds no 14."""
    idx = tiny_index_in(tmp_path_factory, "numbered", NUMBERED, NUMBERED_MANIFEST)

    def lacking(question: str) -> dict[str, tuple[str, ...]]:  # the article's, not its title's
        explanation = idx.search(Query(question, k=5, explain=True)).explanation
        assert explanation is not None
        return {
            c.source_id.split("-")[0]: c.missing
            for c in explanation.candidates
            if "十四" in idx.passage(c.passage_id).text or not c.source_id.startswith("beg")
        }

    found = lacking("What is the penalty for making children under 14 beg?")
    assert found["beg"] == () and "14" in found["other"]
    assert _lacking(idx, "Who chose the 38th parallel?")["line"] == ()


RATIFIED = {
    "protocol.txt": "Protocol\n\nArticle 16\n\nThis Protocol shall be subject to ratification.",
    "report.txt": "Korea report\n\nSouth Korea hosted talks on trafficking with South Korea's partners.",
}
RATIFIED_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "protocol.txt,Protocol,Example,2000,https://example.org/p,test,CC BY,en\n"
    "report.txt,Korea report,Example,2024,https://example.org/r,test,CC BY,en\n"
)


def test_the_state_a_treaty_act_is_asked_about_must_be_named_however_common(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The Protocol's article on ratification does not say when South Korea ratified it; "South Korea"
    in "What does South Korea's ... say" stays a name too common to require."""
    idx = tiny_index_in(tmp_path_factory, "ratified", RATIFIED, RATIFIED_MANIFEST)
    # (it holds no date either: "When did ...?" asks for one)
    assert _lacking(idx, "When did South Korea ratify the Protocol?")["protocol"] == ("South Korea", "a date")
    assert _lacking(idx, "What does South Korea's protocol say about ratification?")["protocol"] == ()


YEARLY = {
    "report.txt": "Arrivals\n\nOnly 196 North Korean defectors arrived in the South during the year.",
    "article.txt": "Returns\n\nIn October China forcibly returned 600 North Korean defectors.",
    "since.txt": "Arrivals fall\n\nIn September only 43 defectors reached the South.",
}
YEARLY_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "report.txt,South Korea 2024 Human Rights Report,Example,2025,https://example.org/r,test,CC BY,en\n"
    "article.txt,Defectors sent back,Example,2023-09-26,https://example.org/a,test,CC BY,en\n"
    "since.txt,Arrivals lowest since 2012,Example,2023-10-02,https://example.org/s,test,CC BY,en\n"
)


def test_a_source_dated_a_year_holds_it_only_when_its_title_names_none(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A report on 2024 published in 2025 does not answer "in 2025" (its title's year is the one it
    speaks of); a news article dated 2023 that says "in October" does answer "in October 2023"."""
    idx = tiny_index_in(tmp_path_factory, "yearly", YEARLY, YEARLY_MANIFEST)

    assert _lacking(idx, "How many North Korean defectors arrived in 2025?")["report"] == ("2025",)
    assert _lacking(idx, "How many North Korean defectors arrived in 2024?")["report"] == ()
    assert _lacking(idx, "How many defectors did China return in 2023?")["article"] == ()
    assert _lacking(idx, "How many defectors did China return in 2022?")["article"] == ("2022",)
    # another year in a title ("lowest since 2012") is not the year the source reports on
    assert _lacking(idx, "How many defectors reached the South in 2023?")["since"] == ()
    years = {s.id.split("-")[0]: idx._source_years(s.id) for s in idx.backend.sources()}
    assert years["since"] == {"2023"} and years["report"] == {"2024"}


CODIFIED = {
    "code.txt": "Definitions\n\nSex trafficking of a minor needs no proof of force, fraud or coercion.",
    "other.txt": "Findings\n\nProsecutors rarely prove force in cases of sex trafficking of a minor.",
}
CODIFIED_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    'code.txt,"Code, Chapter 78 — Trafficking Victims Protection (7101 et seq.; Trafficking Victims '
    'Protection Act of 2000, as amended)",Example,2024,https://example.org/c,test,CC BY,en\n'
    'other.txt,"Trafficking Protection Report (TVP Act Review)",Example,2024,https://example.org/o,'
    "test,CC BY,en\n"
)


def test_an_acronym_is_held_by_the_source_whose_title_it_abbreviates(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """ "TVPA's" (a key name: `index.question`) is not written in a code's text, but its title names
    the Trafficking Victims Protection Act the code is: its passages hold the acronym; a title the
    acronym does not abbreviate in full does not."""
    idx = tiny_index_in(tmp_path_factory, "codified", CODIFIED, CODIFIED_MANIFEST)
    lacking = _lacking(
        idx, "Under the TVPA's definition, does sex trafficking of a minor need proof of force?"
    )
    assert lacking["code"] == ()
    assert lacking["other"] == ("TVPA",)


LAST_YEAR = {
    "detained.txt": "Detentions\n\nThe rapporteur said in September last year that 2,000 were held.",
    "held.txt": "구금 보고서\n\n특별보고관은 작년 9월 탈북민 2천 명이 구금되어 있다고 밝혔다.",
    "yearly.txt": "Detentions\n\nThe rapporteur said last year that 1,500 defectors were held.",
    "plan.txt": "Plans\n\nOver the last year 300 defectors were held; 2025 is the last year of the plan.",
}
LAST_YEAR_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "detained.txt,Defectors held,Example,2023-09-26,https://example.org/d,test,CC BY,en\n"
    "held.txt,구금 보고서,Example,2023-09-26,https://example.kr/h,test,CC BY,ko\n"
    "yearly.txt,China 2022 Human Rights Report,Example,2023,https://example.org/y,test,CC BY,en\n"
    "plan.txt,Plans,Example,2023-05-01,https://example.org/p,test,CC BY,en\n"
)


def test_last_year_in_a_dated_source_holds_the_year_before_its_date(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """ "in September last year" in an article of 2023 says 2022 (작년 alike); a yearly report dated
    2023 on 2022 (whose date is not the year it speaks of: it holds 2022 through its title) lends no
    year by its "last year"; "over the last year" (the past twelve months) and "the last year of the
    plan" name no year."""
    idx = tiny_index_in(tmp_path_factory, "lastyear", LAST_YEAR, LAST_YEAR_MANIFEST)

    lacking = _lacking(idx, "How many defectors were held in 2022?")
    assert lacking["detained"] == () and lacking["held"] == ()
    # (a yearly report holds its year through its title; its "last year" is read as no other)
    assert _lacking(idx, "How many defectors were held in 2021?")["yearly"] == ("2021",)
    assert lacking["plan"] == ("2022",)
    assert _lacking(idx, "2022년에 구금된 탈북민은 몇 명인가요?")["held"] == ()
    # the year of its date, as before; not two years back
    assert _lacking(idx, "How many defectors were held in 2023?")["detained"] == ()
    assert _lacking(idx, "How many defectors were held in 2021?")["detained"] == ("2021",)


TOWNS = [(12, "Hyesan"), (30, "Musan"), (41, "Onsong"), (55, "Sinuiju"), (63, "Hoeryong"), (70, "Manpo")]
MANY = {f"{town.lower()}.txt": f"{town}\n\n{n} defectors crossed the river near {town}." for n, town in TOWNS}
MANY_MANIFEST = "file,title,publisher_or_author,date,source_url,origin,license,language\n" + "".join(
    f"{town.lower()}.txt,{town},Example,2024,https://example.org/{n},test,CC BY,en\n" for n, town in TOWNS
)


def test_more_candidates_are_considered_when_more_passages_are_asked_for(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    idx = tiny_index_in(tmp_path_factory, "many", MANY, MANY_MANIFEST)
    monkeypatch.setattr(engine, "CANDIDATES", 2)
    question = "How many defectors crossed the river?"
    assert len(idx.score(Query(question, k=1)).groups) == 2
    assert len(idx.score(Query(question, k=6)).groups) == 6


def test_several_words_are_held_only_in_a_row() -> None:
    """What a quoted phrase must be in a passage (a name's words may stand apart: not checked so)."""
    assert engine.in_a_row(analyze("Kim Jong Un"), analyze("Kim Jong-un met the envoy."))
    assert not engine.in_a_row(analyze("Kim Jong Un"), analyze("Kim Jong-il wrote to the UN."))
    assert engine.in_a_row(analyze("forced labour"), analyze("It bans forced labour and slavery."))
    assert not engine.in_a_row(analyze("forced labour"), analyze("Labour that is forced is banned."))
    chinese = analyze_question('报告中"受到了酷刑"指什么？').constraints[0]
    assert engine.in_a_row(chinese.in_order, analyze("他们在拘留中受到了酷刑。"))
    # one word: its presence is checked elsewhere
    assert engine.in_a_row(analyze("Geneva"), analyze("nothing"))


PHRASED = {
    "bag.txt": "Work report\n\nLabour that is forced on detainees was reported in the camps.",
    "row.txt": "Labour report\n\nForced labour of detainees was reported in the camps.",
}
PHRASED_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "bag.txt,Work report,Example,2024,https://example.org/b,test,CC BY,en\n"
    "row.txt,Labour report,Example,2024,https://example.org/r,test,CC BY,en\n"
)


def test_a_quoted_phrase_is_held_only_as_a_phrase(tmp_path_factory: pytest.TempPathFactory) -> None:
    idx = tiny_index_in(tmp_path_factory, "phrased", PHRASED, PHRASED_MANIFEST)
    explanation = idx.search(
        Query('Where was "forced labour" of detainees reported?', explain=True)
    ).explanation
    assert explanation is not None
    missing = {c.source_id.split("-")[0]: c.missing for c in explanation.candidates}
    assert missing == {"bag": ("forced labour",), "row": ()}


NATIONS = {
    "hosted.txt": "Refugees in China\n\nRefugees (country of origin): 300,896 (Vietnam) (2013).",
    "other.txt": "Refugees elsewhere\n\nRefugees (country of origin): 12,000 (Laos) (2013).",
}
NATIONS_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "hosted.txt,Refugees in China,Example,2024,https://example.org/h,test,CC BY,en\n"
    "other.txt,Refugees elsewhere,Example,2024,https://example.org/o,test,CC BY,en\n"
)


def test_a_nationality_named_in_the_question_is_met_by_its_country(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """'Vietnamese' is held by a passage that writes '(Vietnam)', and 'Thailand' by one writing 'Thai':
    a name constraint accepts the other form of a nationality or country."""
    idx = tiny_index_in(tmp_path_factory, "nations", NATIONS, NATIONS_MANIFEST)
    explanation = idx.search(Query("How many Vietnamese refugees were hosted?", explain=True)).explanation
    assert explanation is not None
    missing = {c.source_id.split("-")[0]: c.missing for c in explanation.candidates}
    assert missing == {"hosted": (), "other": ("Vietnamese",)}
    (vietnamese,) = [c for c in analyze_question("Were Vietnamese refugees hosted?").constraints]
    assert vietnamese.alternatives == (tuple(analyze("Vietnam")),)
    (thailand,) = [c for c in analyze_question("Did defectors reach Thailand?").constraints]
    assert thailand.alternatives == (tuple(analyze("Thai")),)
    assert analyze_question("Did the Refugee Convention apply?").constraints[0].alternatives == ()


CAPITALS = {
    "japan.txt": "Abductions\n\nThe Japanese government suspects 800 other disappearances were abductions.",
    "thai.txt": "Crossings\n\nThe Thai government suspects 40 other disappearances were crossings.",
}
CAPITALS_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "japan.txt,Abductions,Example,2024,https://example.org/j,test,CC BY,en\n"
    "thai.txt,Crossings,Example,2024,https://example.org/t,test,CC BY,en\n"
)


def test_a_capital_that_acts_is_met_by_its_government(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'does Tokyo think' is held by a passage about the Japanese government; 'in Tokyo' is not. A
    capital that acts is a key fact only as far as its state's name would be one: when the state is
    common in the collection (as "South Korea" is for "Can Seoul refuse settlement protection ...?",
    answered by a Korean decree that names no state), it is none."""
    idx = tiny_index_in(tmp_path_factory, "capitals", CAPITALS, CAPITALS_MANIFEST)
    acting = "How many disappearances does Tokyo think were abductions?"
    placed = "How many disappearances were abductions in Tokyo?"
    n_docs = sum(idx.backend.info.passage_languages.values())
    assert idx.backend.term_stats(["japanes"]).df["japanes"] == 1  # "Japanese"
    monkeypatch.setattr(engine, "RARE_NAME_SHARE", 1.5 / n_docs)  # "Japanese" (1 passage) is rare
    assert _lacking(idx, acting) == {"japan": (), "thai": ("Tokyo",)}
    assert _lacking(idx, placed) == {"japan": ("Tokyo",), "thai": ("Tokyo",)}
    monkeypatch.setattr(engine, "RARE_NAME_SHARE", 0.5 / n_docs)  # "Japanese" is common
    assert _lacking(idx, acting) == {"japan": (), "thai": ()}
    assert _lacking(idx, placed) == {"japan": ("Tokyo",), "thai": ("Tokyo",)}


STATES = {
    "un.txt": "Appeals\n\nThe United Nations urged member States to protect refugees from Tibet.",
    "us.txt": "Tibet policy\n\nU.S. policy toward Tibet is set by the Tibetan Policy Act.",
}
STATES_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "un.txt,Appeals,Example,2024,https://example.org/un,test,CC BY,en\n"
    "us.txt,Tibet policy,Example,2024,https://example.org/us,test,CC BY,en\n"
)


def test_a_states_other_name_of_several_words_is_held_as_written(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """'American' is met by 'U.S.'; not by 'United Nations ... member States' (the words of 'United
    States' apart)."""
    idx = tiny_index_in(tmp_path_factory, "states", STATES, STATES_MANIFEST)
    assert _lacking(idx, "Which law guides American policy toward Tibet?") == {"us": (), "un": ("American",)}


def _filler(topic: str) -> str:
    """About 120 words on `topic` that no other filler shares (so that no two passages are
    near-duplicates)."""
    words = ("registration", "supervision", "gatherings", "publications", "teaching", "inspections")
    return " ".join(
        f"The {topic} report describes the {w} of the {topic} {n} groups across the {topic} provinces."
        for n, w in enumerate(words * 2)
    )


_FILLER_SOURCE = "Schools\n\n" + "\n\n".join(_filler(t) for t in ("school", "teacher", "pupil"))
_FILLER_ROW = "filler.txt,Schools,Example,2024,https://example.org/f,test,CC BY,en\n"
NAMED = {
    "primer.txt": "Religion\n\nXi Jinping became General Secretary of the Party in 2012. "
    + _filler("clergy")
    + "\n\nIn 2016, Xi launched a policy known as Sinicization, under which minorities must conform. "
    + _filler("temple"),
    "budget.txt": "Budgets\n\nIn 2016, Xi launched a review of provincial Sinicization budgets. "
    + _filler("budget"),
    "filler.txt": _FILLER_SOURCE,
}
NAMED_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "primer.txt,China primer,Example,2024,https://example.org/p,test,CC BY,en\n"
    "budget.txt,Provincial budgets,Example,2024,https://example.org/b,test,CC BY,en\n" + _FILLER_ROW
)


def _lacking_by_passage(idx: GroundIndex, question: str) -> dict[str, tuple[str, ...]]:
    """What each candidate lacks of the question's key facts, by the first 20 characters of its text."""
    explanation = idx.search(Query(question, k=10, explain=True)).explanation
    assert explanation is not None
    texts = idx.backend.passages([c.passage_id for c in explanation.candidates])
    return {r.passage.text[:20]: c.missing for r, c in zip(texts, explanation.candidates, strict=True)}


def test_a_name_written_in_full_before_is_held_by_its_rare_end_word(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "In 2016, Xi launched ... Sinicization" holds "Xi Jinping" in a source that names him in full
    in another passage; not in a source that never does, and not when "Xi" alone is common (the
    collection here is tiny: what counts as rare is set through RARE_NAME_SHARE)."""
    idx = tiny_index_in(tmp_path_factory, "named", NAMED, NAMED_MANIFEST)
    question = "When did Xi Jinping launch the Sinicization policy?"
    n_docs = sum(idx.backend.info.passage_languages.values())
    df = idx.backend.term_stats(["xi", "jinp"]).df
    assert (df["xi"], df["jinp"]) == (3, 1)
    monkeypatch.setattr(engine, "RARE_NAME_SHARE", 3.5 / n_docs)  # "xi" (3 passages) is rare
    lacking = _lacking_by_passage(idx, question)
    assert lacking["In 2016, Xi launched"] == ()
    assert lacking["Budgets\n\nIn 2016, Xi"] == ("Xi Jinping",)
    assert lacking["Religion\n\nXi Jinping"] == ("Sinicization",)
    monkeypatch.setattr(engine, "RARE_NAME_SHARE", 2.5 / n_docs)  # "jinp" still is, "xi" is not
    assert _lacking_by_passage(idx, question)["In 2016, Xi launched"] == ("Xi Jinping",)


PARKS = {
    "parks.txt": "Presidents\n\nPARK Chung-hee seized power in 1961 and ruled until 1979. "
    + _filler("coup")
    + "\n\nElection results: PARK Geun-hye elected president with 51.6% of the vote in 2012. "
    + _filler("vote")
    + "\n\nIn the 1963 election Park won 46.6% of the vote. "
    + _filler("ballot"),
    "filler.txt": _FILLER_SOURCE,
}
PARKS_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "parks.txt,Presidents,Example,2024,https://example.org/p,test,CC BY,en\n" + _FILLER_ROW
)


def test_a_family_name_in_another_full_name_does_not_hold_the_name(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "PARK Geun-hye ... 51.6%" does not hold "Park Chung-hee", though the source names him in full:
    "Park" stands there in his daughter's name; "Park won 46.6%" alone does."""
    idx = tiny_index_in(tmp_path_factory, "parks", PARKS, PARKS_MANIFEST)
    n_docs = sum(idx.backend.info.passage_languages.values())
    monkeypatch.setattr(engine, "RARE_NAME_SHARE", 3.5 / n_docs)  # "park" (3 passages) is rare
    lacking = _lacking_by_passage(idx, "What percentage of the vote did Park Chung-hee receive?")
    assert lacking["In the 1963 election"] == ()
    assert lacking["Election results: PA"] == ("Park Chung-hee",)


GUARDS = {
    "guards.txt": "Border report\n\nIn 2023, Borduria's border guards patrolled the river against smugglers. "
    "The harvest in the valley reached 1,200 tonnes.",
    "filler.txt": _FILLER_SOURCE,
}
GUARDS_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "guards.txt,Border report,Example,2024,https://example.org/g,test,CC BY,en\n" + _FILLER_ROW
)
ARRESTS = {
    **GUARDS,
    "arrests.txt": "Arrest report\n\nIn 2023, Borduria's border guards arrested 75 defectors at the river.",
}
ARRESTS_MANIFEST = (
    GUARDS_MANIFEST + "arrests.txt,Arrest report,Example,2024,https://example.org/a,test,CC BY,en\n"
)
GUARDS_QUESTION = "How many defectors did Borduria's border guards arrest in 2023?"


def _answering_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in answer model that answers every question, its passages' probability falling with the
    fused rank."""
    n, m = len(FEATURES), len(QUESTION_FEATURES)
    w = [0.0] * n
    w[FEATURES.index("rank")] = 20.0
    passage = Logistic(tuple(w), -12.0, tuple([0.0] * n), tuple([1.0] * n))
    question = Logistic(tuple([0.0] * m), 5.0, tuple([0.0] * m), tuple([1.0] * m))
    model = AnswerModel("fake", passage, question, {"*": 0.5}, LIKELY_BAR)
    monkeypatch.setattr(engine, "MIN_MODEL_PASSAGES", 0)
    monkeypatch.setattr(engine, "answer_model_for", lambda fingerprint: model)


def test_a_figure_said_of_other_things_does_not_answer(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The likeliest passage holds the year and the guards, but its only count is the valley's harvest:
    the question is refused, and the explanation says why. Without the rule it would be answered."""
    _answering_model(monkeypatch)
    idx = tiny_index_in(tmp_path_factory, "guards", GUARDS, GUARDS_MANIFEST)
    answer = idx.search(Query(GUARDS_QUESTION, explain=True))
    assert not answer.answered and answer.hits == ()
    assert answer.explanation is not None
    assert "only in sentences about other things than the question's terms" in answer.explanation.reason
    assert "(from guards-" in answer.explanation.reason
    # only a question that names no provision is read so; a follow-up with its thread's terms too
    assert idx.score(Query(GUARDS_QUESTION)).typed is not None
    followed = Query("And in 2023?", history=("How many smugglers did Borduria's border guards arrest?",))
    reading = idx.score(followed).typed
    assert idx.score(followed).read_with and reading is not None
    assert set(reading.own) == {"2023"} and {"smuggler", "guard"} <= set(reading.weights)
    assert not idx.search(followed).answered
    assert idx.score(Query("How many guards does Article 5 of the border report name?")).typed is None
    monkeypatch.setattr(engine, "TYPED_SENTENCE_SHARE", 0.0)
    unruled = idx.search(Query(GUARDS_QUESTION))
    assert unruled.answered and "1,200 tonnes" in unruled.hits[0].passage.text


def test_a_question_about_tomorrow_is_refused_and_says_why(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report tells of 2023: asked of tomorrow, the count is refused, and the explanation names the
    moment asked."""
    _answering_model(monkeypatch)
    idx = tiny_index_in(tmp_path_factory, "arrests-today", ARRESTS, ARRESTS_MANIFEST)
    assert idx.search(Query(GUARDS_QUESTION)).answered
    question = "How many defectors will Borduria's border guards arrest tomorrow?"
    today = idx.search(Query(question, explain=True))
    assert not today.answered and today.explanation is not None
    why = today.explanation.reason
    assert why == "refused: the question asks about 'tomorrow', which no dated source can tell"


def test_a_year_named_from_the_asker_s_day_is_counted_from_the_day_asked(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Last year" is 2023 when asked in 2024 (the report's 2023 count answers) and 2025 when asked in
    2026 (refused: no candidate writes 2025, and the explanation says so); "this year" asked in 2024 is
    not held by the report's date alone (dated 2024, it tells of 2023)."""
    _answering_model(monkeypatch)
    idx = tiny_index_in(tmp_path_factory, "arrests-last-year", ARRESTS, ARRESTS_MANIFEST)
    question = "How many defectors did Borduria's border guards arrest last year?"
    then = idx.search(Query(question, asked_on=date(2024, 6, 1)))
    assert then.answered and "arrested 75 defectors" in then.hits[0].passage.text
    now = idx.search(Query(question, explain=True, asked_on=date(2026, 12, 1)))
    assert not now.answered and now.explanation is not None
    assert "year: 2025 (last year)" in now.explanation.constraints
    assert now.explanation.reason == "refused: no candidate holds '2025'"
    this_year = "How many defectors did Borduria's border guards arrest this year?"
    assert not idx.search(Query(this_year, asked_on=date(2024, 6, 1))).answered
    # a question on the asker's situation, or one naming a report by its year, counts no year of its own
    scene = "Can a defector who was arrested last year by Borduria's border guards get help?"
    assert "year: 2025 (last year)" not in _explained(idx, scene).constraints
    report = "How many defectors did last year's arrest report count?"
    assert not any(c.startswith("year:") for c in _explained(idx, report).constraints)
    # nor one counting from today, asking what the asker may have, or about a law's changes
    for question in (
        "How old is Borduria's arrest report this year?",
        "What help can I get this year if the guards arrested me?",
        "What changed in Borduria's border law this year?",
        "올해 국경법에서 바뀐 내용은 무엇인가요?",
        # a law's period, whatever the year; the asker's cohort; "when" as a conjunction; now
        "How many days could Borduria's guards hold a defector last year?",
        "작년에 한국에 온 탈북민의 정착금은 얼마인가요?",
        "What happens to defectors when Borduria's guards catch them this year?",
        "올해 기준으로 국경 경비대는 몇 명인가요?",
    ):
        assert not any(c.startswith("year:") for c in _explained(idx, question).constraints), question


def _explained(idx: engine.GroundIndex, question: str) -> Explanation:
    answer = idx.search(Query(question, explain=True, asked_on=date(2026, 12, 1)))
    assert answer.explanation is not None
    return answer.explanation


LATEST = {
    "profile.txt": "Borduria profile\n\nTotal fertility rate: 1.8 children born/woman (2025 est.)",
    "leaders.txt": "Borduria leaders\n\nhead of government: Premier ZORIN Ivo (since 11 March 2023)",
    "growth.txt": "Borduria growth\n\nSince 2000, Borduria's crude birth rate has exceeded its death rate.",
    "economy.txt": "Borduria economy\n\nUnemployment rate 2024: 4.6%",
    "budget.txt": "Borduria budget\n\nThe agency is given 1,000,000 dollars for each of the fiscal "
    "years 2022 through 2026.",
    "filler.txt": _FILLER_SOURCE,
}
LATEST_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "profile.txt,Borduria profile,Example,2026-01-15,https://example.org/p,test,CC BY,en\n"
    "leaders.txt,Borduria leaders,Example,2026-01-15,https://example.org/l,test,CC BY,en\n"
    "growth.txt,Borduria growth,Example,2019-05-01,https://example.org/g,test,CC BY,en\n"
    "economy.txt,Borduria economy,Example,2026-01-15,https://example.org/e,test,CC BY,en\n"
    "budget.txt,Borduria budget,Example,2022-01-15,https://example.org/b,test,CC BY,en\n" + _FILLER_ROW
)


def test_this_year_s_state_is_now_and_its_amount_the_year_s(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked in 2026, this year's fertility or unemployment rate is the latest a profile gives (of 2025,
    of 2024): no year is asked. This year's budget is 2026's, which a span of fiscal years holds; next
    year's (2027) is no source's."""
    _answering_model(monkeypatch)
    idx = tiny_index_in(tmp_path_factory, "latest", LATEST, LATEST_MANIFEST)
    asked = date(2026, 12, 1)
    for question, shown in (
        ("What is Borduria's fertility rate this year?", "(2025 est.)"),
        ("What is Borduria's unemployment rate this year?", "4.6%"),
    ):
        answer = idx.search(Query(question, explain=True, asked_on=asked))
        assert answer.answered and shown in answer.hits[0].passage.text
        assert answer.explanation is not None
        assert not any(c.startswith("year:") for c in answer.explanation.constraints)
    budget = idx.search(Query("How much money is the agency given this year?", explain=True, asked_on=asked))
    assert budget.answered and "2022 through 2026" in budget.hits[0].passage.text
    assert budget.explanation is not None and "year: 2026 (this year)" in budget.explanation.constraints
    later = Query("How much money will the agency be given next year?", asked_on=asked)
    assert not idx.search(later).answered
    # a term "since" a day runs to its source's date (2026: it holds 2025); a page of 2019 saying
    # "since 2000" tells nothing of 2025
    premier = idx.search(Query("Who was Borduria's premier last year?", asked_on=asked))
    assert premier.answered and "since 11 March 2023" in premier.hits[0].passage.text
    births = idx.search(
        Query("What was Borduria's crude birth rate last year?", explain=True, asked_on=asked)
    )
    assert births.explanation is not None
    assert not any(h.passage.source_id.startswith("growth-") for h in births.hits)
    assert any(
        c.source_id.startswith("growth-") and "2025" in c.missing for c in births.explanation.candidates
    )


AMENDED = {
    "settlement.txt": "정착 지원 규정\n\n제5조 (정착금) 국가는 보호대상자에게 정착금 3,000만원을 지급한다. "
    "<개정 2025.2.11>",
    "filler.txt": _FILLER_SOURCE,
}
AMENDED_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "settlement.txt,정착 지원 규정,Example,2025-02-11,https://example.kr/s,test,CC BY,ko\n" + _FILLER_ROW
)


def test_a_law_amended_last_year_tells_nothing_of_last_year(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """작년 asked in 2026 is 2025: a law's amendment note ("<개정 2025.2.11>") and its date hold no
    figure of 2025, so the amount is refused; asked with no year, it is answered."""
    _answering_model(monkeypatch)
    idx = tiny_index_in(tmp_path_factory, "amended", AMENDED, AMENDED_MANIFEST)
    asked = date(2026, 12, 1)
    refused = idx.search(Query("작년 정착금은 얼마였어요?", explain=True, asked_on=asked))
    assert not refused.answered and refused.explanation is not None
    assert "year: 2025 (작년)" in refused.explanation.constraints
    assert refused.explanation.reason.startswith("refused: no candidate holds '2025'")
    assert idx.search(Query("정착금은 얼마예요?", asked_on=asked)).answered


def test_a_figure_said_of_the_question_s_terms_answers(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answering_model(monkeypatch)
    idx = tiny_index_in(tmp_path_factory, "arrests", ARRESTS, ARRESTS_MANIFEST)
    answer = idx.search(Query(GUARDS_QUESTION))
    assert answer.answered
    assert "arrested 75 defectors" in answer.hits[0].passage.text


ROUTES = {
    "routes.txt": "Escape routes\n\nIn 2021, many defectors reached Thailand through Laos. "
    "That year China detained 1,170 defectors in its border facilities.",
    "filler.txt": _FILLER_SOURCE,
}
ROUTES_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "routes.txt,Escape routes,Example,2022,https://example.org/r,test,CC BY,en\n" + _FILLER_ROW
)


def test_a_figure_in_a_sentence_lacking_a_key_name_does_not_answer(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The passage names Thailand, and its only count is China's detainees: the question for a count
    of arrivals in Thailand is refused (its terms alone would pass: the sentence holds a quarter of
    their weight), and the explanation says why; the count asked of China is answered."""
    _answering_model(monkeypatch)
    idx = tiny_index_in(tmp_path_factory, "routes", ROUTES, ROUTES_MANIFEST)
    n_docs = sum(idx.backend.info.passage_languages.values())
    monkeypatch.setattr(engine, "RARE_NAME_SHARE", 1.5 / n_docs)  # "thailand" (1 passage) is rare
    question = "How many defectors reached Thailand in 2021?"
    scored = idx.score(Query(question))
    assert scored.typed is not None and "Thailand" in [c.text for c in scored.analysis.constraints]
    head = next(g.head for g in scored.groups if "Thailand" in g.head.passage.text)
    assert not any(c.text == "Thailand" for g in scored.groups for c in g.missing if g.head is head)
    assert scored.typed.share(head) == 0.0
    answer = idx.search(Query(question, explain=True))
    assert not answer.answered and answer.explanation is not None
    assert "only in sentences that do not name 'Thailand'" in answer.explanation.reason
    china = idx.search(Query("How many defectors did China detain in 2021?"))
    assert china.answered and "1,170" in china.hits[0].passage.text


def test_a_name_is_held_by_a_rare_word_of_it_or_its_korean_form() -> None:
    # (the count first: a short sentence is read with the one before it, which here names Kim Ramon)
    text = "In 2023, Ramon's guards arrested 75 smugglers in Thailand. Kim Ramon took command in 2020."
    spans = [(0, 58), (59, len(text))]
    record = PassageRecord(
        passage=Passage("p", "s", text, 0, len(text), None, 0),
        language="en",
        tokens=tuple(analyze(text)),
        sentences=tuple(spans),
    )

    def reading(question: str, df: dict[str, int], language: str = "en") -> TypedReading:
        q = analyze_question(question)
        typed = TypedReading.of(q.constraints, q.terms, language, TermStats(df, 1000), {}, question)
        assert typed is not None
        return typed

    # "Kim" is common (50 of 1,000 passages), "Ramon" rare: the sentence naming Ramon alone holds the name
    kim_ramon = reading("How many smugglers did Kim Ramon's guards arrest?", {"kim": 50, "ramon": 1})
    assert kim_ramon.share(record) > 0
    # the rare word is the one read: a sentence with "Kim" alone would not do
    ramon_kim = reading("How many smugglers did Ramon Kim's guards arrest?", {"kim": 1, "ramon": 50})
    assert ramon_kim.share(record) == 0
    # a name the sentence lacks, though the passage holds it
    assert reading("How many smugglers did Laos arrest?", {}).share(record) == 0.0
    # a Korean question's country is held by its English form in an English sentence, by its Korean
    # form in a Korean one; an English name is not read in a Korean passage (no form written there)
    korean = reading("태국에서 경비대는 밀수꾼을 몇 명 체포했나요?", {}, "ko")
    assert korean.names and korean._names_held(frozenset({"thailand"}), "en", True)
    assert not korean._names_held(frozenset({"laos"}), "en", True)
    assert korean._names_held(frozenset({"태국"}), "ko", False)
    assert not korean._names_held(frozenset({"경비대"}), "ko", False)
    assert reading("How many smugglers did Laos arrest?", {})._names_held(frozenset(), "ko", True)
    # a Korean name begins the word Kiwi keeps whole (베트남 in 베트남인)
    vietnam = reading("베트남 근로자는 몇 명 입국했나요?", {}, "ko")
    assert vietnam._names_held(frozenset({"베트남인", "근로자"}), "ko", False)
    # a name whose every word is common is held by all of them together, not by one
    south = reading("How many defectors did South Korea accept in 2023?", {"south": 600, "korea": 700})
    assert not south._names_held(frozenset({"north", "korea", "accept"}), "en", False)
    assert south._names_held(frozenset({"south", "korea", "accept"}), "en", False)
    # a name given as the source of what is asked is not read in the sentence
    attributed = reading("According to Laos, how many smugglers were arrested?", {})
    assert not attributed.names and attributed.share(record) > 0
    # (a name of the attribution's clause, whole or in part: "Unification" of "the Ministry of Unification")
    assert _attributed("Unification", "According to the Ministry of Unification, how many arrived?")
    assert _attributed("Daily NK", "How many were arrested, as reported by Daily NK?")
    assert not _attributed("Japan", "According to NGOs, how many went to Japan?")
    assert _attributed("통일부", "통일부에 따르면 몇 명이 입국했나요?")
    assert not _attributed("Laos", "How many smugglers did Laos arrest?")


def test_a_name_that_is_the_passage_s_own_source_by_its_acronym_is_not_asked_of_its_sentences() -> None:
    """The question "In the TVPA's findings, how many women and children ...?" is answered by 22 U.S.C. 7101's
    "Approximately 50,000 women and children are trafficked into the United States each year.": the
    Trafficking Victims Protection Act is the passage's own source, which its sentences do not name.
    The acronym of another source's title is still asked of them."""
    record = _sentences_record(
        "Approximately 50,000 women and children are trafficked into the United States each year."
    )
    question = "In the TVPA's findings, how many women and children were trafficked into the U.S. every year?"
    q = analyze_question(question)
    assert "TVPA" in [c.text for c in q.constraints if c.kind == "name"]
    stats = TermStats(dict.fromkeys(q.terms, 1), 1000)

    def reading(source_title: str) -> TypedReading:
        def titled(name: str, source_id: str) -> bool:
            assert source_id == record.passage.source_id
            return name == "TVPA" and source_title == "Trafficking Victims Protection Act"

        typed = TypedReading.of(q.constraints, q.terms, "en", stats, {}, question, titled=titled)
        assert typed is not None
        return typed

    own = reading("Trafficking Victims Protection Act")
    assert own.share(record) >= engine.TYPED_SENTENCE_SHARE and own.lacking(record) == ""
    other = reading("Refugee Act")
    assert other.share(record) == 0.0 and other.lacking(record) == "TVPA"


def test_the_terms_of_the_clause_naming_the_source_are_not_asked_of_the_sentence() -> None:
    """ "How many North Korean refugees were in China according to the 2014 CIA World Factbook?" is
    answered by the Factbook's "refugees (country of origin): estimated 30,000-50,000 (North Korea)":
    where the figure is told is no term its sentence must hold. Asked of the edition without the
    clause, its rare words still weigh, and the sentence holds too little of the question."""
    record = _sentences_record(
        "refugees (country of origin): estimated 30,000-50,000 (North Korea) (2012); 300,896 (Vietnam) (2013)"
    )

    def share(question: str) -> float:
        q = analyze_question(question)
        # (the words the Factbook's line holds are common in the collection, the edition's rare)
        df = dict.fromkeys(q.terms, 1) | {"north": 60, "korean": 60, "refuge": 40, "china": 50}
        facts = [c for c in q.constraints if c.kind != "name"]
        china = frozenset({"china"})
        reading = TypedReading.of(facts, q.terms, "en", TermStats(df, 100), {}, question, lambda _: china)
        assert reading is not None
        return reading.share(record)

    assert share("How many North Korean refugees were in China according to the 2014 CIA World Factbook?") > (
        engine.TYPED_SENTENCE_SHARE
    )
    assert share("How many North Korean refugees were in China in the 2014 CIA World Factbook?") < (
        engine.TYPED_SENTENCE_SHARE
    )
    # a clause with no comma after it ends where the question starts
    assert share("According to the 2014 CIA World Factbook how many North Korean refugees were in China?") > (
        engine.TYPED_SENTENCE_SHARE
    )
    clause = engine._attribution_terms("According to the UNHCR how many refugees were in China in 2014?")
    assert "china" not in clause and "refuge" not in clause
    # (a term also asked outside the clause is still asked: China)
    clause = engine._attribution_terms("How many were in China according to the Factbook?")
    assert "factbook" in clause and "china" not in clause
    assert "china" in engine._unattributed_terms("How many were in China according to the China Factbook?")
    # "per" naming the source, as "according to" does; not "per year" or "per capita"
    assert share("How many North Korean refugees were in China, per the 2014 CIA World Factbook?") > (
        engine.TYPED_SENTENCE_SHARE
    )
    assert "factbook" in engine._attribution_terms("How many were in China per the Factbook?")
    assert engine._attribution_terms("How many arrived per year in Seoul?") == frozenset()
    assert engine._attribution_terms("What was the income per capita in China?") == frozenset()


def test_a_capital_standing_for_its_state_is_held_by_a_source_about_that_state() -> None:
    """ "How many North Koreans did Seoul's unification ministry take in ...?" is answered by the South
    Korea report's "The Ministry of Unification reported admitting 105 DPRK citizens through June.":
    the report is about the state whose capital the question names. A source about another country
    must name it; and a state a treaty act is asked of is asked of every source."""
    record = _sentences_record(
        "The Ministry of Unification reported admitting 105 DPRK citizens through June."
    )
    question = (
        "How many North Koreans did Seoul's unification ministry take in during the first half of 2024?"
    )
    q = analyze_question(question)
    stats = TermStats(dict.fromkeys(q.terms, 1), 100)

    def reading(about: str) -> TypedReading:
        typed = TypedReading.of(
            q.constraints, q.terms, "en", stats, {}, question, lambda _: frozenset({about})
        )
        assert typed is not None and typed.capitals == {"Seoul"}
        return typed

    assert reading("south korea").share(record) >= engine.TYPED_SENTENCE_SHARE
    assert reading("south korea").lacking(record) == ""
    assert reading("china").share(record) == 0.0 and reading("china").lacking(record) == "Seoul"
    acting = analyze_question("When did Seoul ratify the Refugee Convention?")
    typed = TypedReading.of(
        acting.constraints, acting.terms, "en", TermStats(dict.fromkeys(acting.terms, 1), 100), {}, "x"
    )
    assert typed is not None and typed.capitals == frozenset()
    assert engine._is_capital("Beijing") and not engine._is_capital("Seoul National University")
    # a capital as a place is the city, asked of every source
    place = analyze_question("How many North Korean defectors were detained in Seoul in 2024?")
    typed = TypedReading.of(
        place.constraints,
        place.terms,
        "en",
        TermStats(dict.fromkeys(place.terms, 1), 100),
        {},
        "x",
        lambda _: frozenset({"south korea"}),
    )
    assert typed is not None and typed.capitals == frozenset()


def test_a_figure_standing_for_the_noun_of_the_sentence_before_is_read_with_it() -> None:
    """ "How many North Korean escapees made it to South Korea in 2023?" is answered by the 2023 report's
    "Only 196 arrived during the year, ...": its figure stands for the escapees the sentence before
    names, however long the sentence is. A figure followed by what it counts does not go on from there."""
    before = (
        "According to the ROK Ministry of Unification, the number of escapees arriving in the ROK remained "
        "well below prepandemic levels."
    )
    rest = (
        " during the year, nearly three times the 67 who arrived in 2022, but still a fraction of the "
        "1,047 who arrived in 2019, the last full year prior to the imposition of COVID-19 restrictions."
    )
    question = "How many North Korean escapees made it to South Korea in 2023?"
    q = analyze_question(question)
    common = {"north": 40, "korean": 40, "south": 20, "korea": 40, "made": 10, "2023": 10}
    stats = TermStats(dict.fromkeys(q.terms, 1) | common, 100)
    facts = [c for c in q.constraints if c.kind != "name"]  # (its names are common: no key facts)
    reading = TypedReading.of(
        facts, q.terms, "en", stats, {}, question, source_years=lambda _: frozenset({"2023"})
    )
    assert reading is not None
    assert reading.share(_sentences_record(before, "Only 196 arrived" + rest)) > engine.TYPED_SENTENCE_SHARE
    named = "Only 196 tourists came during the year, nearly three times the 67 tourists of 2022."
    assert reading.share(_sentences_record(before, named)) == 0.0
    assert engine._ELLIPTIC_FIGURE.search("the 67 who arrived") and not engine._ELLIPTIC_FIGURE.search(
        "67 people"
    )
    # an age, a year, an article's number stand for nothing
    for sentence in ("Children under 18 who cross alone are held apart.", "In 2019 were", "Article 3 were"):
        assert not engine._ELLIPTIC_FIGURE.search(sentence), sentence


def test_a_korean_question_of_a_reports_figure_reads_the_report_apart_and_its_senses_by_stem() -> None:
    """ "미 국무부 2024년 한국 인권보고서에 나온, ... 모로코인 구금자에게 법원이 명한 배상액은 얼마예요?" is
    answered by "... ordered the government to pay 10 million won ($7,000) in compensation to a
    Moroccan detainee ... in a 2021 incident": 2024 is the report's edition, not the year asked; the
    clause naming the report is where the figure is told, not what it is about; and a one-word sense
    is held by a word of its stem ("detain": detainee)."""
    question = "미 국무부 2024년 한국 인권보고서에 나온, 모로코인 구금자에게 법원이 명한 배상액은 얼마예요?"
    senses = {"en": {"구금": (("detain",),), "보고서": (("report",),), "국무부": (("state", "depart"),)}}
    asked = _typed(question, "ko", senses, worded=True)
    assert asked.years == set()
    clause = engine._attribution_terms(question)
    assert {"국무부", "보고서"} <= clause and "구금" not in clause
    told = _sentences_record(
        "In May a court ordered 10 million won in compensation to a detainee for a 2021 incident."
    )
    assert asked.share(told) > engine.TYPED_SENTENCE_SHARE
    # the year of what is asked, not the report's ("2023년에 ... 보고서에 따르면"), nor a stem too short
    assert _typed("2023년에 국무부 보고서에 따르면 몇 명이 송환됐나요?", "ko", worded=True).years == {"2023"}
    assert engine._attribution_terms("모로코인 구금자에게 법원이 명한 배상액은 얼마예요?") == frozenset()
    short = _typed("법원이 명한 배상액은 얼마예요?", "ko", {"en": {"법원": (("court",),)}}, worded=True)
    assert short.share(_sentences_record("The courtyard holds 10 million won.")) == 0.0
    # nor a longer word that is a word of its own ("commit": the Committee, committe)
    commit = _typed("위임받은 기관은 몇 곳인가요?", "ko", {"en": {"위임": (("commit",),)}}, worded=True)
    met = _sentences_record("The Committee met 3 times.")
    assert commit.share(met) > engine.TYPED_SENTENCE_SHARE
    assert replace(commit, glossed=frozenset({"committe"})).share(met) == 0.0
    # the report's edition and clause stand before the subject asked, named by bare words; a year or a
    # subject with a particle, or a word of time, is what is asked ("2020년 강제송환 사례가 보고서에")
    for asked_year in (
        "2020년 강제송환 사례가 보고서에 몇 건 나와 있나요?",
        "2019년 이후 탈북민 보고서에 나온 송환 건수는?",
        "2022년 탈북민 입국자가 보고서에 몇 명으로 나오나요?",
    ):
        assert engine._edition_years(asked_year) == frozenset(), asked_year
    for edition in (
        "2024년 미 국무부 한국 인권보고서에 나온, 배상액은?",
        "2024년도 국무부 인권보고서에는 몇 명이라고 나와요?",
    ):
        assert engine._edition_years(edition) == {"2024"}, edition
    assert engine._edition_years("2014년 CIA 월드팩트북 기준으로 한국 인구가 몇 명이었나요?") == {"2014"}
    assert (
        engine._attribution_terms("일본인 납치 피해자 중 보고서에 언급된 인원은 몇 명인가요?") == frozenset()
    )


def test_a_question_asking_days_is_answered_only_by_a_sentence_giving_days() -> None:
    """ "중국 공안에 붙잡힌 탈북민이 북한으로 넘겨지기까지 보통 며칠 걸려요?" is not answered by "42 North
    Korean defectors went missing in the previous five years": a length of time in years is no number
    of days. A sentence giving days or weeks is read."""
    senses = {"en": {"탈북민": (("defector",),), "북한": (("north", "korea"),)}}
    asked = _typed("붙잡힌 탈북민이 북한으로 넘겨지기까지 보통 며칠 걸려요?", "ko", senses, worded=True)
    assert asked.days
    years = _sentences_record("42 North Korean defectors went missing in the previous five years.")
    assert asked.share(years) == 0.0 and asked.why_apart(years) == "giving no time shorter than a year"
    days = _sentences_record("North Korean defectors caught in China are handed over within 30 days.")
    assert asked.share(days) > engine.TYPED_SENTENCE_SHARE
    for question in ("How many days does an applicant have to appeal?", "이의신청은 며칠 안에 해야 돼요?"):
        assert _typed(question, worded=True).days, question
    for question in ("How many years is the term of office?", "임기는 몇 년인가요?"):
        assert not _typed(question, worded=True).days, question
    for sentence in (
        "그 통지를 받은 날부터 30일 이내",
        "within seven days",
        "within a week",
        "十五日以内",
        "열흘 안에",
    ):
        assert engine._DAYS_TOLD.search(sentence), sentence
    # a law's months answer a casual "how many days"; a date's day, "one day" as "once" do not
    for sentence in ("6개월 이내", "for two months", "within a month"):
        assert engine._DAYS_TOLD.search(sentence), sentence
    for sentence in ("within five years", "2023년 10월 9일", "十月一日", "One day in 2019", "twice a day"):
        assert not engine._DAYS_TOLD.search(sentence), sentence


def test_a_korean_word_for_a_defector_is_held_by_the_statutes_word() -> None:
    """탈북민 in a question is 북한이탈주민 in the law's sentence ("... 매년 7월 14일을 북한이탈주민의 날로
    한다."): the sentence says the date of what is asked; a refugee (난민) is no defector."""
    text = "① 북한이탈주민에 대한 국민의 관심을 높이기 위하여 매년 7월 14일을 북한이탈주민의 날로 한다."
    record = PassageRecord(
        passage=Passage("p", "s", text, 0, len(text), None, 0),
        language="ko",
        tokens=tuple(analyze(text)),
        sentences=((0, len(text)),),
    )

    def share(question: str) -> float:
        q = analyze_question(question)
        stats = TermStats(dict.fromkeys(q.terms, 1), 1000)
        typed = TypedReading.of(q.constraints, q.terms, "ko", stats, {}, question)
        assert typed is not None
        return typed.share(record)

    assert share("탈북민 기념일은 매년 며칠인가요?") >= engine.TYPED_SENTENCE_SHARE
    assert share("난민 기념일은 매년 며칠인가요?") < engine.TYPED_SENTENCE_SHARE


def _sentences_record(*sentences: str) -> PassageRecord:
    """One passage of `sentences`, each a sentence of its own."""
    text = " ".join(sentences)
    spans, at = [], 0
    for sentence in sentences:
        spans.append((at, at + len(sentence)))
        at += len(sentence) + 1
    return PassageRecord(
        passage=Passage("p", "source", text, 0, len(text), None, 0),
        language="en",
        tokens=tuple(analyze(text)),
        sentences=tuple(spans),
    )


def test_a_figure_sentence_about_another_country_does_not_count_for_the_one_asked() -> None:
    """A sentence naming as a place a country the question does not, and lacking one the question
    names as a place, counts for that other country: "South Korea has admitted 3,800 North Korean
    refugees" does not say how many the United States admitted. A nationality is no place asked ("How
    many North Korean defectors arrived?"); the country a source is about need not be named in its
    sentences (a China Factbook entry's "refugees: 30,000-50,000 (North Korea)")."""

    def share(question: str, record: PassageRecord, subject: frozenset[str] = frozenset()) -> float:
        q = analyze_question(question)
        stats = TermStats(dict.fromkeys(q.terms, 1), 100)
        # (the countries are common names in a collection about them: no key names, as the engine reads)
        facts = [c for c in q.constraints if c.kind != "name"]
        typed = TypedReading.of(facts, q.terms, "en", stats, {}, question, lambda sid: subject)
        assert typed is not None
        return typed.share(record)

    admitted = _sentences_record("South Korea has admitted approximately 3,800 North Korean refugees.")
    united = "How many North Korean refugees have been resettled in the United States?"
    assert share(united, admitted) == 0.0
    # a refusal names the country the sentence passes over
    q = analyze_question(united)
    facts = [c for c in q.constraints if c.kind != "name"]
    typed = TypedReading.of(facts, q.terms, "en", TermStats(dict.fromkeys(q.terms, 1), 100), {}, united)
    assert typed is not None and typed.lacking(admitted) == "America"
    assert share("How many North Korean refugees has South Korea admitted?", admitted) > 0.5
    assert share("How many refugees were admitted?", admitted) > 0.5  # no country asked
    # a nationality is no place asked, in the question or in the sentence
    arrived = _sentences_record("In 2019, 1,047 defectors arrived in South Korea.")
    assert share("How many North Korean defectors arrived in 2019?", arrived) > 0.5
    executed = _sentences_record("In 2020 authorities executed 7 people, a South Korean NGO said.")
    assert share("How many people were executed in North Korea in 2020?", executed) > 0.5
    # ... but a sentence naming the country asked by its nationality holds it ("the Japanese government")
    japan = _sentences_record("The Japanese government counted 873 other possible DPRK abductions.")
    assert share("How many other abductions does Tokyo count?", japan) > 0.5
    assert share("How many other abductions does Seoul count?", japan) == 0.0
    # the country a source is about counts as named in its sentences
    factbook = _sentences_record(
        "Refugees (country of origin): 300,000 (Vietnam); estimated 30,000-50,000 (North Korea)."
    )
    china = "How many North Korean refugees live in China?"
    assert share(china, factbook) == 0.0
    assert share(china, factbook, frozenset({"china"})) > 0


PRESS = {
    "china.txt": "Press\n\nIn 2023, Reporters Without Borders said authorities detained 108 journalists. "
    + _filler("censor")
    + "\n\nReturns\n\nIn 2023, guards began to return North Koreans across the border river. "
    + _filler("border"),
    "filler.txt": _FILLER_SOURCE,
}
PRESS_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "china.txt,China — 2024 Country Reports on Human Rights Practices,Example,2025,https://example.org/c,test,"
    "CC BY,en\n" + _FILLER_ROW
)


def test_a_source_about_another_country_does_not_answer_for_this_one(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The China report's count of detained journalists does not answer for North Korea; it answers
    for China, and its passage naming North Koreans answers for North Korea."""
    _answering_model(monkeypatch)
    idx = tiny_index_in(tmp_path_factory, "press", PRESS, PRESS_MANIFEST)
    question = "How many journalists were detained in North Korea in 2023?"
    refused = idx.search(Query(question, explain=True))
    assert not refused.answered and refused.explanation is not None
    groups = idx.score(Query(question)).groups
    press = next(g for g in groups if "108 journalists" in g.head.passage.text)
    returns = next(g for g in groups if "return North Koreans" in g.head.passage.text)
    north = frozenset({"north korea"})
    assert idx._about_another_country(press, north) and not idx._about_another_country(returns, north)
    assert not idx._about_another_country(press, frozenset({"china"}))
    china = idx.search(Query("How many journalists were detained in China in 2023?"))
    assert china.answered and "108 journalists" in china.hits[0].passage.text
    # a country the question cites as its source is not the one it asks about
    assert _asked_countries("According to Seoul, how many journalists were detained in China?") == {"china"}
    assert _asked_countries("통일부에 따르면, 중국에서 체포된 사람은 몇 명인가요?") == {"china"}
    assert _asked_countries("How many journalists did Seoul and Beijing detain?") == {"south korea", "china"}
    named = idx.search(Query("When did guards begin to return people to North Korea?"))
    assert named.answered and "return North Koreans" in named.hits[0].passage.text


def _typed(
    question: str,
    language: str = "en",
    senses: dict[str, dict[str, Any]] | None = None,
    *,
    worded: bool = False,
) -> TypedReading:
    """The typed reading of a question whose terms are each in one passage of 100; `worded`: read with
    its wording too (its attribution clause, the places it names, the edition its year names, a running
    total asked)."""
    q = analyze_question(question)
    stats = TermStats(dict.fromkeys(q.terms, 1), 100)
    reading = TypedReading.of(
        q.constraints, q.terms, language, stats, senses or {}, question if worded else ""
    )
    assert reading is not None
    return reading


def test_a_follow_up_s_typed_sentence_holds_its_own_terms_or_its_thread_s() -> None:
    """A follow-up read with its thread weighs the thread's terms with its own, and a sentence holding
    enough of its own alone counts too (`TypedReading.own`); the thread's attribution clause and the
    edition its year names are not asked of the sentence."""
    thread = "According to the State Department, how many escapees reached South Korea in 2023?"
    stats = TermStats(dict.fromkeys(analyze_question(thread).terms, 1), 100)

    def reading_of(follow_up: str) -> TypedReading:
        own, earlier = analyze_question(follow_up), analyze_question(thread)
        terms = list(own.terms) + [t for t in earlier.terms if t not in own.terms]
        df = TermStats({**stats.df, **dict.fromkeys(own.terms, 1)}, 100)
        found = TypedReading.of(
            own.constraints, terms, "en", df, {}, follow_up, own_terms=own.terms, thread=thread
        )
        assert found is not None
        assert set(found.own) == set(own.terms) and set(own.terms) < set(found.weights)
        assert not {"state", "depart"} & set(found.weights)  # the thread's attribution clause
        return found

    detained = reading_of("And how many of them were detained?")
    # the thread's count holds its terms: read with them, it counts; by the follow-up's alone, not
    whole = _sentences_record("In 2023, 196 escapees reached South Korea.")
    assert detained.share(whole) > engine.TYPED_SENTENCE_SHARE
    assert replace(detained, weights=detained.own).share(whole) < engine.TYPED_SENTENCE_SHARE
    # a sentence with the follow-up's own terms only counts by them
    held = _sentences_record("Of those who arrived, 40 were detained by the police.")
    assert replace(detained, own={}).share(held) < 0.5 < detained.share(held) == 1.0
    # a group counted: the whole is no part of it
    assert reading_of("How many of them were women?").share(whole) == 0.0
    # the edition the thread's year names is no year asked of the sentence
    factbook = "2014년 CIA 월드팩트북 기준으로 한국 인구가 몇 명이었나요?"
    asked = analyze_question("그중 기독교인은 몇 퍼센트였어요?")
    constraints = (*asked.constraints, Constraint("year", "2014", ("2014",)))
    kept = TypedReading.of(constraints, asked.terms, "ko", stats, {}, asked.text, thread=factbook)
    assert kept is not None and kept.years == frozenset()


def test_a_year_asked_is_read_only_in_sentences_naming_one() -> None:
    """ "In what year ...?" asks a year: a sentence dated by its month alone does not tell it ("In June
    the UN Human Rights Office in Seoul noted ..."), nor one whose only year is the question's own."""
    reading = _typed("In what year did the UN Human Rights Office in Seoul open?", worded=True)
    assert reading.year
    month = _sentences_record("In June the UN Human Rights Office in Seoul noted forced labor.")
    opened = _sentences_record("The UN Human Rights Office in Seoul opened in 2015.")
    assert reading.share(month) == 0.0 < engine.TYPED_SENTENCE_SHARE < reading.share(opened)
    assert replace(reading, year=False).share(month) > engine.TYPED_SENTENCE_SHARE
    assert reading.why_apart(month) == "giving no year"
    korean = _typed("유엔 북한인권 서울사무소는 몇 년도에 문을 열었나요?", "ko", worded=True)
    assert korean.year and _typed("북한인권법은 몇 년에 제정됐나요?", "ko", worded=True).year
    assert not _typed("On what date did the Seoul office open?", worded=True).year
    assert not _typed("그 조사는 몇 년에 한 번씩 해요?", "ko", worded=True).year  # how often
    assert not _typed("When did the Seoul office open?", worded=True).year
    # the year the question names its instrument by is no answer
    acceded = _typed("In what year did China accede to the 1951 Convention?", worded=True)
    assert acceded.share(_sentences_record("China acceded to the 1951 Convention in September.")) == 0.0


def test_a_part_of_a_figure_is_read_only_beside_the_figure() -> None:
    """ "How many of the 1,170 detainees were held in Jilin?": the passage counts 1,170 detainees and,
    in the next sentence, 2,000 of them: no count beside the 1,170 tells a part of it (the passage is
    apart, and the explanation names the figure); a passage saying "Of the 1,170, 450 were held in
    Jilin" tells one."""
    record = _sentences_record(
        "China is detaining 1,170 North Korean defectors in various facilities.",
        "Later the number of detained defectors reached 2,000 in Jilin.",
    )
    question = "How many of the 1,170 detained defectors were held in Jilin?"
    q = analyze_question(question)
    reading = TypedReading.of(
        q.constraints, q.terms, "en", TermStats(dict.fromkeys(q.terms, 1), 100), {}, question
    )
    assert reading is not None and reading.part_of == "1,170"
    assert reading.share(record) == 0.0 and reading.lacking(record) == "1,170"
    assert replace(reading, part_of="").share(record) > engine.TYPED_SENTENCE_SHARE  # read alone, it answers
    beside = _sentences_record("Of the 1,170 detained defectors, 450 were held in Jilin.")
    assert reading.share(beside) > engine.TYPED_SENTENCE_SHARE and reading.lacking(beside) == ""


def test_a_short_figure_sentence_is_read_with_the_sentence_before_it() -> None:
    """ "More than 93,000 Koreans left Japan." goes on from the sentence before, which names
    Chongryon: read together they answer "How many Koreans left Japan in the Chongryon-backed
    campaign?". A long sentence with the count stands alone, and lacks the name; so does a short one
    holding none of the question's terms (it need not go on from the sentence before)."""
    lead = "Between 1959 and 1982, Chongryon encouraged Korean residents in Japan to go to North Korea."
    question = "How many ethnic Koreans left Japan for North Korea in the Chongryon-backed campaign?"
    q = analyze_question(question)
    assert "Chongryon" in [c.text for c in q.constraints if c.kind == "name"]
    reading = TypedReading.of(
        q.constraints, q.terms, "en", TermStats(dict.fromkeys(q.terms, 1), 100), {}, question
    )
    assert reading is not None
    short = _sentences_record(lead, "More than 93,000 Koreans left Japan.")
    assert reading.share(short) > engine.TYPED_SENTENCE_SHARE and reading.lacking(short) == ""
    long = _sentences_record(
        lead,
        "More than 93,000 Koreans left Japan for North Korea, most of them in 1960 and 1961, among them "
        "spouses, children and other relatives of earlier migrants from the southern provinces.",
    )
    assert reading.share(long) == 0.0 and reading.lacking(long) == "Chongryon"
    unrelated = _sentences_record(lead, "Officials counted 93,000 in all.")
    assert reading.share(unrelated) == 0.0 and reading.lacking(unrelated) != ""
    # the terms the backend stores per sentence give the same reading as the sentences analysed
    stored = replace(
        short,
        sentence_terms=tuple(tuple(analyze(lead)) for lead in (lead, "More than 93,000 Koreans left Japan.")),
    )
    assert stored.typed_sentence_terms("a count", (), 12) == short.typed_sentence_terms("a count", (), 12)
    assert short.typed_sentence_terms("a count", (), 12)[0] > short.typed_sentence_terms("a count")[0]


def test_a_figure_sentence_dated_to_another_year_does_not_count_for_the_year_asked() -> None:
    """A sentence naming only other years than the question asks tells of those: "600 North Koreans
    were forcibly repatriated in October 2023" does not say how many were in 2024 (the explanation
    names the year). A sentence naming no year, the year asked or a span holding it counts; "during the
    year" speaks of its source's year; a year naming a source's edition is not asked of a sentence."""
    asked = _typed("How many North Koreans did China forcibly repatriate in 2024?")
    assert asked.years == frozenset({"2024"})
    in_2024 = replace(asked, source_years=lambda _: frozenset({"2024"}))
    other = _sentences_record("China forcibly repatriated 600 North Koreans in October 2023.")
    assert in_2024.share(other) == 0.0
    assert in_2024.why_apart(other) == "dated to other years than '2024'"
    # the same sentence read without the year counts: it is the year alone that sets it apart
    assert replace(in_2024, years=frozenset()).share(other) > engine.TYPED_SENTENCE_SHARE
    for counts in (
        "China forcibly repatriated 600 North Koreans in October 2024.",
        "China forcibly repatriated 600 North Koreans.",
        "China forcibly repatriated 2,000 North Koreans.",  # a count, not the year 2000
        "From 2019 to 2025 China forcibly repatriated 600 North Koreans.",
        "Since 2020 China has forcibly repatriated 600 North Koreans.",
        "China forcibly repatriated 600 North Koreans during the year, against 70 in 2023.",
    ):
        record = _sentences_record(counts)
        assert in_2024.share(record) > engine.TYPED_SENTENCE_SHARE, counts
        assert in_2024.why_apart(record) == "", counts
    # "during the year" in a source of another year is that year
    report_2023 = replace(asked, source_years=lambda _: frozenset({"2023"}))
    the_year = _sentences_record(
        "China forcibly repatriated 600 North Koreans during the year, against 70 in 2022."
    )
    assert report_2023.share(the_year) == 0.0
    # two years joined by "and" span nothing, nor does "the year before" speak of the source's year
    for other_years in (
        "China forcibly repatriated 600 North Koreans in 2023 and 70 in 2022.",
        "China forcibly repatriated 600 North Koreans the year before, against 70 in 2023.",
    ):
        assert in_2024.share(_sentences_record(other_years)) == 0.0, other_years
    # a span that does not hold the year asked dates the sentence too
    assert (
        in_2024.share(_sentences_record("From 2019 to 2022 China forcibly repatriated 600 North Koreans."))
        == 0.0
    )
    # the edition a question names is no year it asks about
    factbook = "In the 2014 CIA World Factbook, how many North Korean refugees were in China?"
    assert _typed(factbook, worded=True).years == set()
    assert (
        _typed("2014년판 팩트북은 중국에 있는 북한 난민을 몇 명으로 추정했나요?", "ko", worded=True).years
        == set()
    )
    spanned = _typed("How many refugees did the 2019-2024 survey count in 2021?", worded=True)
    assert spanned.years == {"2019", "2024", "2021"}
    # an event's year is asked, not an edition's: a source's noun follows an edition's year
    assert _typed("How many were detained in the 2023 crackdown?", worded=True).years == {"2023"}
    panmunjom = "2023년 판문점을 통해 송환된 북한 주민은 몇 명인가요?"  # 판문점 is no 판 (edition)
    assert _typed(panmunjom, "ko", worded=True).years == {"2023"}
    assert (
        _typed("How many victims did the 2023 Trafficking in Persons Report count?", worded=True).years
        == set()
    )


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        # spans that hold 2021, however written
        ("Between 2019 and 2024 China repatriated 600 North Koreans.", True),
        ("In 2019-24 China repatriated 600 North Koreans.", True),
        ("In 2019—2024 China repatriated 600 North Koreans.", True),
        ("In 2019\u20102024 China repatriated 600 North Koreans.", True),  # a Unicode hyphen
        ("From 2019 through 2024 China repatriated 600 North Koreans.", True),
        ("From 2019 until 2024 China repatriated 600 North Koreans.", True),
        ("2019년부터 2024년까지 중국은 북한 주민 600명을 송환했다.", True),
        ("2019년 이후 2024년까지 중국은 북한 주민 600명을 송환했다.", True),
        ("2019년 이후 중국은 북한 주민 600명을 송환했다.", True),
        # two years joined by "and" without "between", a date, a span ending before 2021
        ("In 2019 and 2024 China repatriated 600 North Koreans.", False),
        ("On 2023-12-31 China had repatriated 600 North Koreans.", False),
        ("In 2015-19 China repatriated 600 North Koreans.", False),
        ("2015년부터 2019년까지 중국은 북한 주민 600명을 송환했다.", False),
        # 이후 closes a span only with 까지
        ("2019년 이후 2024년에 중국은 북한 주민 600명을 송환했다.", False),
    ],
)
def test_a_span_of_years_counts_for_a_year_it_holds(sentence: str, counts: bool) -> None:
    """A sentence dated by a span of years counts for a year asked within it, and not for one
    outside it; "2019 and 2024" are two years, "2023-12-31" a day."""
    if has_hangul(sentence):
        asked = _typed("2021년에 중국은 북한 주민 몇 명을 송환했나요?", "ko")
        record = replace(_sentences_record(sentence), language="ko")
    else:
        asked, record = (
            _typed("How many North Koreans did China repatriate in 2021?"),
            _sentences_record(sentence),
        )
    assert asked.years == {"2021"}
    assert (asked.share(record) > engine.TYPED_SENTENCE_SHARE) is counts, sentence


def test_a_span_written_with_two_digits_ends_in_the_century_it_reaches() -> None:
    """ "1998-03" runs from 1998 to 2003; "2023-12" is a month, no span of ninety years."""
    spans = {
        text: [engine._span_of(m) for m in engine._YEAR_SPAN.finditer(text)]
        for text in ("1998-03", "2023-12")
    }
    assert spans == {"1998-03": [(1998, 2003)], "2023-12": [None]}
    assert [engine._span_of(m) for m in engine._YEAR_SPAN.finditer("2024-2019")] == [None]  # reversed
    asked = _typed("How many North Koreans did China repatriate in 2001?")
    assert asked.share(_sentences_record("In 1998-03 China repatriated 600 North Koreans.")) > 0.0
    assert asked.share(_sentences_record("In 2023-12 China repatriated 600 North Koreans.")) == 0.0


@pytest.mark.parametrize(
    ("sentence", "of_its_source"),
    [
        ("China forcibly repatriated 600 North Koreans during the year, against 70 in 2022.", True),
        ("China forcibly repatriated 600 North Koreans this year, against 70 in 2022.", True),
        ("올해 중국은 북한 주민 600명을 송환했고 2022년에는 70명이었다.", True),
        ("당해 연도에 중국은 북한 주민 600명을 송환했고 2022년에는 70명이었다.", True),
        # a year the sentence names, not its source's
        ("In 2022 China forcibly repatriated 600 North Koreans; that year 70 more fled.", False),
        ("In 2022 China forcibly repatriated 600 North Koreans and 70 the same year.", False),
        ("2022년 중국은 북한 주민 600명을 송환했고 그해 70명이 더 탈출했다.", False),
        ("2022년 중국은 북한 주민 600명을 송환했고 같은 해외 공관에서 70명을 체포했다.", False),
        ("2022년 송환을 당해 600명이 구금되었다.", False),
    ],
)
def test_the_sources_year_is_read_only_where_a_sentence_speaks_of_it(
    sentence: str, of_its_source: bool
) -> None:
    """ "during the year", "this year", 올해, "당해 연도" speak of the source's year (here 2024, the
    one asked); "that year", "the same year", 그해, 같은 해 speak of a year the sentence names, and
    당해 is also the verb 당하다."""
    asked = _typed("How many North Koreans did China forcibly repatriate in 2024?")
    assert asked._other_year(sentence, frozenset({"2024"})) is not of_its_source, sentence


def test_why_a_sentence_is_set_apart_names_every_year_asked() -> None:
    asked = _typed("How many North Koreans did China forcibly repatriate in 2021 and 2024?")
    other = _sentences_record("China forcibly repatriated 600 North Koreans in October 2023.")
    assert asked.why_apart(other) == "dated to other years than '2021', '2024'"


def test_a_figure_sentence_telling_of_another_event_does_not_count_for_the_one_asked() -> None:
    """ "42 North Korean defectors went missing" counts no arrivals, nor "2,000 North Koreans were
    detained" trafficked women; a sentence telling of the event asked, or of no event the word list
    knows, counts. A Korean question's event is read through its English senses too."""
    arrived = _typed("How many North Korean defectors arrived in South Korea?")
    assert arrived.events == {"arrival"}
    missing = _sentences_record("Officials said 42 North Korean defectors went missing in South Korea.")
    assert arrived.share(missing) == 0.0
    assert arrived.why_apart(missing) == "telling of disappearance, not of arrival"
    assert replace(arrived, events=frozenset()).share(missing) > engine.TYPED_SENTENCE_SHARE
    for counts in (
        "Only 196 North Korean defectors arrived in South Korea.",
        "South Korea admitted 105 North Korean defectors through June.",
        "There were 1,047 North Korean defectors in South Korea.",
        "Of 42 North Korean defectors who went missing, 30 had arrived in South Korea.",
    ):
        assert arrived.share(_sentences_record(counts)) > engine.TYPED_SENTENCE_SHARE, counts
    trafficked = _typed("How many North Korean women were trafficked into China?")
    detained = _sentences_record("As many as 2,000 North Korean women were detained in China.")
    assert trafficked.share(detained) == 0.0
    # no event asked: every sentence is read as before
    assert _typed("How many North Korean women live in China?").share(detained) > engine.TYPED_SENTENCE_SHARE
    # a Korean question's event is read through its English senses: 정착 (settling) is no event term,
    # its sense "resettle" is one of arrival
    assert _typed("2021년에 한국에 정착한 탈북민은 몇 명인가요?", "ko").events == set()
    senses = {"en": {"정착": (("resettl",),)}}
    assert _typed("2021년에 한국에 정착한 탈북민은 몇 명인가요?", "ko", senses).events == {"arrival"}
    # a word whose stem tells an event, in a use that tells none: "executive" (execut)
    committee = _sentences_record("The executive committee counted 12 North Korean defectors in South Korea.")
    assert arrived.share(committee) > engine.TYPED_SENTENCE_SHARE and arrived.why_apart(committee) == ""
    entered = _typed("How many North Korean defectors entered South Korea?", worded=True)
    assert entered.events == {"arrival"}
    force = _sentences_record("The act on North Korean defectors entered into force in South Korea in 1997.")
    assert not entered._other_event(frozenset(analyze(force.passage.text)), force.passage.text)
    # a short sentence read with the one before it is read so for its event words too: "entered into
    # force" before "Some 42 defectors went missing." tells no arrival
    led = _sentences_record(
        "The act on North Korean defectors entered into force in South Korea in 1997.",
        "Some 42 defectors went missing.",
    )
    assert arrived.share(led) == 0.0 and arrived.why_apart(led) == "telling of disappearance, not of arrival"
    # a question's word in a use that tells no event brings no senses either (처형 of "executives")
    senses = {"ko": {"execut": (("간부",), ("처형",))}}
    executives = _typed(
        "How many North Korean executives defected to South Korea?", senses=senses, worded=True
    )
    assert executives.events == set()


def test_a_running_total_is_read_only_in_a_sentence_that_gives_one() -> None:
    """ "How many ... in total ... so far?" is not answered by a count for 1994-2003, even one beside
    the words "the total number"; a sentence giving a total to date is read."""
    asked = _typed(
        "How many North Korean defectors in total have resettled in South Korea so far?", worded=True
    )
    assert asked.total
    assert not _typed("How many North Korean defectors resettled in South Korea?", worded=True).total
    span = _sentences_record(
        "Between 1994 and 2003, South Korea admitted 3,800 North Korean defectors, small against the total "
        "number of North Korean escapees."
    )
    assert asked.share(span) == 0.0 and asked.why_apart(span) == "giving no running total"
    for total in (
        "As of 2023, a total of 34,000 North Korean defectors had resettled in South Korea.",
        "Since 1998, 34,000 North Korean defectors have resettled in South Korea.",
    ):
        assert asked.share(_sentences_record(total)) > engine.TYPED_SENTENCE_SHARE, total
    assert _typed("지금까지 한국에 입국한 탈북민 누적 인원은 몇 명이야?", "ko", worded=True).total
    # "in all" asks a total, but not "in all of ..."
    assert _typed("How many North Koreans were held in all?", worded=True).total
    assert _typed("How many North Koreans in all have reached the South?", worded=True).total
    assert not _typed("How many North Koreans were held in all of China's prisons?", worded=True).total
    # a sentence's "totalitarian" or "in all of ..." gives no total
    for none in (
        "The totalitarian state resettled 34,000 North Korean defectors in South Korea.",
        "South Korea resettled 34,000 North Korean defectors in all of its provinces.",
    ):
        assert asked.share(_sentences_record(none)) == 0.0, none
    korean = _typed("지금까지 한국에 입국한 탈북민은 모두 몇 명이야?", "ko", worded=True)
    assert korean.total
    assert engine._running_total("한국에 입국한 탈북민은 모두 3만 4천 명이다.")
    assert not engine._running_total("탈북민 모두가 2023년에 3만 4천 명의 지원을 받았다.")


def test_an_english_term_is_held_by_a_term_sharing_its_stem() -> None:
    """Snowball stems "recognize" recogn and "recognition" recognit: the sentence with the rate holds
    the question's word either way round; a shorter stem (state, 5 letters) needs its own word."""
    record = _sentences_record(
        "The recognition rate for asylum applicants was just 1.7 percent from January to July."
    )
    asked = _typed("What share of asylum seekers did the ministry recognize?")
    assert {"recogn", "asylum"} <= set(asked.weights)
    held = sum(asked.weights[t] for t in ("recogn", "asylum")) / sum(asked.weights.values())
    assert asked.share(record) == pytest.approx(held)
    other_way = _sentences_record("The ministry recognized 1.7 percent of asylum seekers.")
    won = _typed("What percentage of asylum seekers won recognition?")
    assert "recognit" in won.weights and won.share(other_way) == pytest.approx(
        sum(won.weights[t] for t in ("asylum", "seeker", "recognit")) / sum(won.weights.values())
    )
    # a shorter stem needs its own word: "state" is not held by "statement"
    statement = _sentences_record("The statement was signed by 40 percent.")
    assert _typed("What percentage of the states agreed?").share(statement) == 0.0


def test_a_figure_asked_is_not_read_apart_from_the_question() -> None:
    """ "How long ...?" asks a figure that a law tells in its own words ("may protect ... for up to 90
    days"): the passage is not refused for sentences that hold few of the question's terms, as one
    holding only a count about other things is for "How many ...?" (`engine._TIME_OR_AGE`); "How
    much ...?" is still read so."""
    record = _sentences_record("The Director may protect the person for up to 90 days.")
    long = _typed("How long can the intelligence service hold a defector for questioning?", worded=True)
    assert long.answer.text == "a figure" and long.share(record) < engine.TYPED_SENTENCE_SHARE
    assert not long.apart(engine.Group(record, (), 0.0, 0.0, 0.0))
    counted = _sentences_record("The Director protected 90 persons.")
    many = _typed("How many defectors did the intelligence service hold for questioning?", worded=True)
    assert many.answer.text == "a count" and many.apart(engine.Group(counted, (), 0.0, 0.0, 0.0))
    paid = _sentences_record("The Director bought 90 tonnes of rice.")
    much = _typed("How much fuel did the intelligence service use for questioning?", worded=True)
    assert much.answer.text == "a figure" and much.apart(engine.Group(paid, (), 0.0, 0.0, 0.0))


def test_a_sum_asked_in_a_currency_is_read_only_in_sentences_writing_one() -> None:
    """ "What is the exact amount in won of the basic settlement payment ...?": the decree's sentence
    setting it as a multiple of the minimum wage holds an amount, but not the sum asked."""
    reading = _typed("What is the exact amount in won of the basic settlement payment?", worded=True)
    assert reading.written_sum
    multiple = _sentences_record("The basic settlement payment is up to 100 times the monthly wage.")
    won = _sentences_record("The basic settlement payment was 9,000,000 won in 2025.")
    assert reading.share(multiple) == 0.0 < engine.TYPED_SENTENCE_SHARE < reading.share(won)
    assert replace(reading, written_sum=False).share(multiple) > engine.TYPED_SENTENCE_SHARE
    assert reading.why_apart(multiple) == "giving no sum in a currency"
    assert not _typed("How much is the basic settlement payment?", worded=True).written_sum


def test_the_typed_sentence_share_reads_the_best_sentence_holding_the_type() -> None:
    text = (
        "In 2023 the guards patrolled the river. The harvest reached 1,200 tonnes. "
        "Guards in Japan arrested 75 smugglers."
    )
    spans = [(0, 39), (40, 73), (74, len(text))]
    sentences = [text[a:b] for a, b in spans]
    assert sentences[1] == "The harvest reached 1,200 tonnes." and sentences[2].startswith("Guards")
    record = PassageRecord(
        passage=Passage("p", "s", text, 0, len(text), None, 0),
        language="en",
        tokens=tuple(analyze(text)),
        sentences=tuple(spans),
    )
    typed = _typed("How many smugglers did the river guards arrest?")
    assert typed.answer.text == "a count"
    # the count is in two sentences: the one with "guards", "arrested" and "smugglers" is read
    assert typed.share(record) == pytest.approx(0.75)
    # the stored sentence terms are read when the backend keeps them (here: none of the terms)
    assert typed.share(replace(record, sentence_terms=((), (), ()))) == 0.0
    assert typed.apart(engine.Group(replace(record, sentence_terms=((), (), ())), (), 0.0, 0.0, 0.0))
    assert not typed.apart(engine.Group(record, (), 0.0, 0.0, 0.0))
    # a name is held in the other forms its key fact accepts: "Tokyo" by "Japan"
    assert _typed("How many smugglers did Tokyo arrest?").share(record) == pytest.approx(1.0)
    # the question's own figure is no answer: "75" is given, the harvest's 1,200 is all that is left
    assert _typed("Of the 75 smugglers, how many did the guards arrest?").share(record) == 0.0
    # a passage in another language than the question's is read through the terms' senses in its
    # language, not at all without them, and never when it is Chinese
    assert typed.share(replace(record, language="ko")) == 1.0
    senses = {"en": {"경비대": (("guard",),), "체포": (("arrest",),), "밀수": (("smuggler", "gang"),)}}
    korean = _typed("강의 경비대는 밀수꾼을 몇 명 체포했나요?", "ko", senses)
    # 경비대 and 체포 through their senses; 밀수's one sense needs "gang" too; 강 has none, so an
    # English sentence cannot hold it and it does not count
    readable = ("경비대", "체포", "밀수")
    held = sum(korean.weights[t] for t in readable[:2]) / sum(korean.weights[t] for t in readable)
    assert "강" in korean.weights and korean.share(record) == pytest.approx(held) and 0 < held < 1
    # a Korean question's figures and Latin words count as written (the sentence with the count holds
    # neither)
    latin = _typed("강의 경비대는 2023년 UNHCR 밀수꾼을 몇 명 체포했나요?", "ko", senses)
    assert {"2023", "unhcr"} <= set(latin.weights)
    readable_latin = (*readable, "2023", "unhcr")
    assert latin.share(record) == pytest.approx(
        sum(latin.weights[t] for t in readable[:2]) / sum(latin.weights[t] for t in readable_latin)
    )
    assert korean.share(replace(record, language="zh")) == 1.0
    # no term with a sense in the passage's language (no word list installed): not read
    assert _typed("강의 경비대는 밀수꾼을 몇 명 체포했나요?", "ko", {"en": {}}).share(record) == 1.0
    chinese_senses = {"zh": {"guard": (("守卫",),)}}
    zh = TypedReading.of((typed.answer,), ["guard"], "en", TermStats({}, 10), chinese_senses)
    assert zh is not None and zh.share(replace(record, language="zh")) == 1.0
    # no sentence holds the type: nothing is said of the question's terms
    assert _typed("What percentage of smugglers did the guards arrest?").share(record) == 0.0


@pytest.mark.parametrize(
    ("earlier", "question", "period"),
    [
        # part of what the question before counted in a period is counted in that period
        (
            "How many North Koreans did China forcibly send back in October 2023?",
            "How many of them were women?",
            ("2023", "October"),
        ),
        ("2024년 상반기에 한국에 들어온 탈북민은 몇 명인가요?", "그중 여성은 몇 명이에요?", ("2024",)),
        # its own year is kept; a follow-up about no part of it inherits none
        (
            "How many defectors did China detain in 2021?",
            "And how many of them reached Thailand in 2022?",
            ("2022",),
        ),
        # a month of its own takes the earlier year alone
        (
            "How many defectors did China detain in 2021?",
            "How many of them were caught in March?",
            ("March", "2021"),
        ),
        # a follow-up counting no part of it inherits none, nor one after a question that counted nothing
        ("How many North Koreans did China send back in October 2023?", "Who reported it?", ()),
        (
            "Which laws on North Korean defectors were passed in 2023?",
            "What is the purpose of these laws?",
            (),
        ),
        ("Which laws on North Korean defectors were passed in 2023?", "How many of them are in force?", ()),
        # 이중 of 이중 국적 ("dual nationality"), 이중의 처벌, 그 가운데 위치한 ("in the middle of it") are
        # no part of anything
        ("2024년에 귀화한 사람은 몇 명인가요?", "그럼 이중국적은 몇 명이 허용되나요?", ()),
        ("2024년에 귀화한 사람은 몇 명인가요?", "그럼 이중 국적자는 몇 명이에요?", ()),
        ("2024년에 귀화한 사람은 몇 명인가요?", "이 중에 여성은 몇 명이에요?", ("2024",)),
    ],
)
def test_a_follow_up_about_part_of_what_was_counted_asks_of_its_period(
    earlier: str, question: str, period: tuple[str, ...]
) -> None:
    q = _with_inherited_period(analyze_question(question), question, analyze_question(earlier))
    assert tuple(c.text for c in q.constraints if c.kind in ("year", "month")) == period


PARTS = {
    "october.txt": "Returns\n\nIn October 2023 China forcibly returned 500 North Korean defectors.",
    "women.txt": "Women returned\n\nIn 2019, 300 of the North Korean defectors returned were women.",
}
PARTS_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "october.txt,Returns,Example,2024,https://example.org/o,test,CC BY,en\n"
    "women.txt,Women returned,Example,2020,https://example.org/w,test,CC BY,en\n"
)


def test_a_count_of_part_of_a_counted_set_needs_its_period_in_a_search(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Asked after a question about October 2023, "How many of them were women?" is not answered by
    a count of women returned in 2019; asked alone, that passage holds every key fact it has."""
    idx = tiny_index_in(tmp_path_factory, "parts", PARTS, PARTS_MANIFEST)
    history = ("How many North Korean defectors did China return in October 2023?",)

    def lacking(question: str, earlier: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        explanation = idx.search(Query(question, k=5, explain=True, history=earlier)).explanation
        assert explanation is not None
        return {c.source_id.split("-")[0]: c.missing for c in explanation.candidates}

    assert set(lacking("How many of them were women?", history)["women"]) == {"2023", "October"}
    assert lacking("How many of them were women?", ())["women"] == ()


DAYS = {
    "day.txt": "북한이탈주민법\n\n제4조의4 (북한이탈주민의 날) 매년 7월 14일을 북한이탈주민의 날로 한다.",
    "term.txt": "보호 기간\n\n국가정보원장은 90일 이내에 보호 여부를 결정하여야 한다.",
}
DAYS_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "day.txt,북한이탈주민법,Example,2024,https://example.kr/d,test,CC BY,ko\n"
    "term.txt,보호 기간,Example,2024,https://example.kr/t,test,CC BY,ko\n"
)


def test_a_day_of_the_year_asked_in_korean_is_answered_by_a_date(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """ "매년 며칠인가요?" asks a date: the Act's "매년 7월 14일" holds it; "며칠 이내에" asks a number
    of days, which "90일 이내" holds and a date does not stand for."""
    idx = tiny_index_in(tmp_path_factory, "days", DAYS, DAYS_MANIFEST)

    def holding(question: str) -> set[str]:
        """The sources of the candidates holding every key fact (a source's title block is one too)."""
        explanation = idx.search(Query(question, k=5, explain=True)).explanation
        assert explanation is not None
        return {c.source_id.split("-")[0] for c in explanation.candidates if not c.missing}

    assert holding("'북한이탈주민의 날'은 매년 며칠인가요?") == {"day"}
    assert holding("보호 여부는 며칠 이내에 결정해야 하나요?") == {"term"}


def test_a_period_is_carried_along_a_thread_of_parts() -> None:
    """ "And how many of them were children?" after "How many of them were women?" after a question
    about October 2023 counts in October 2023 too: the nearest earlier question naming a year gives it."""
    thread = ["How many North Koreans did China send back in October 2023?", "How many of them were women?"]
    question = "And how many of them were children?"
    q = _with_inherited_period(
        analyze_question(question), question, analyze_question(thread[-1]), thread[-2::-1]
    )
    assert {c.text for c in q.constraints if c.kind in ("year", "month")} == {"2023", "October"}


@pytest.mark.parametrize(
    ("earlier", "question", "inherited"),
    [
        # a follow-up asking nothing of its own asks what the question before asked
        (
            "Under US asylum law, until what age does the child of an asylee count as a child?",
            "And for people admitted as refugees?",
            "a figure",
        ),
        ("중국에서 18세 이전에 결혼하는 여성 비율은 얼마인가요?", "남성은요?", "a percentage"),
        (
            "How many members sit on the Committee against Torture?",
            "What about the Human Rights Committee?",
            "a count",
        ),
        # one asking its own keeps its own, or none
        ("How many judges sit on the ICC?", "And how long is their term?", "a figure"),
        ("How many judges sit on the ICC?", "And who elects them?", None),
        ("How many judges sit on the ICC?", "그럼 누가 뽑나요?", None),
        # nothing to inherit
        ("What does Article 33 prohibit?", "And for stateless people?", None),
    ],
)
def test_an_elliptical_follow_up_asks_the_type_the_question_before_asked(
    earlier: str, question: str, inherited: str | None
) -> None:
    q = _with_inherited_type(analyze_question(question), question, analyze_question(earlier))
    assert next((c.text for c in q.constraints if c.kind == "answer"), None) == inherited


def test_a_follow_up_after_another_that_asked_nothing_asks_the_type_asked_before_it() -> None:
    """ "What about 2021?" after "how many escapees arrived ...?" and "And the year before that?" asks a
    count; not after a question between them asking its own, untyped ("And who counted them?"), nor one
    naming something else ("And South Korea?")."""
    first = analyze_question(
        "According to the 2023 report, how many escapees arrived in South Korea that year?"
    )
    question = "What about 2021?"

    def asked(*thread: str) -> str | None:
        earlier, *before = [analyze_question(h) for h in reversed(thread)]
        q = _with_inherited_type(analyze_question(question), question, earlier, [*before, first])
        return next((c.text for c in q.constraints if c.kind == "answer"), None)

    assert asked("And the year before that?") == "a count"
    assert asked("And who counted them?") is None
    assert asked("And South Korea?") is None  # (only a year relative to the thread's is passed over)
    assert asked("And who counted them?", "And the year before that?") is None


UNHELD = {
    "act.txt": "Refugee Act\n\nArticle 1\n\nA refugee may apply for protection within one year of arrival. "
    + _filler("application"),
    "report.txt": "Trade report\n\nSection 307 of the Tariff Act of 1930 bans goods made with forced labour. "
    + _filler("tariff"),
    "sanctions.txt": "Sanctions report\n\nOfficials were sanctioned under the Global Magnitsky Human Rights "
    "Accountability Act in 2023. In 1946 the authorities passed a Sex Equality Law for the north. "
    + _filler("sanction"),
}
UNHELD_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "act.txt,Refugee Act,Example,2024,https://example.org/a,test,CC BY,en\n"
    "report.txt,Trade report,Example,2024,https://example.org/r,test,CC BY,en\n"
    "sanctions.txt,Sanctions report on North Korea,Example,2024,https://example.org/s,test,CC BY,en\n"
)


def test_a_provision_of_an_instrument_the_collection_lacks_is_refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A question naming an article of an instrument no source is, and no candidate writes, is refused
    with that reason: another instrument's article of that number is no answer. The instrument named
    by its own words is none of these; neither is one a report cites ("Section 307 of the Tariff
    Act"); a state the question writes into the name must be the source's ("China's Refugee Act" is
    not an English source whose title names no state)."""
    idx = tiny_index_in(tmp_path_factory, "unheld", UNHELD, UNHELD_MANIFEST)

    def absent(question: str) -> str:
        return idx.score(Query(question, k=5)).absent

    assert absent("What does Article 1 of the Immigration Control Act say about applications?") == (
        "the collection holds no Immigration Control Act"
    )
    assert absent("What does Article 1 of China's Refugee Act say about applications?") == (
        "the collection holds no China's Refugee Act"
    )
    assert absent("What does Article 1 of the Refugee Act say about applications?") == ""
    # a name with one word more than the title (a place of adoption, another form) is still the source's
    assert absent("What does Article 1 of the Geneva Refugee Act say about applications?") == ""
    assert absent("What does Article 1 of the Vienna Convention on Consular Relations say?") == (
        "the collection holds no Vienna Convention on Consular Relations"
    )
    assert absent("What does Section 307 of the Tariff Act ban?") == ""
    answer = idx.search(Query("What does Article 1 of the Immigration Control Act say about applications?"))
    assert not answer.answered and not answer.hits
    # without a provision too; a passage writing the name without its state, or with words between
    # its words, keeps the question
    assert absent("What does the Immigration Control Act say about applications?") == (
        "the collection holds no Immigration Control Act"
    )
    # the words a question begins with are no part of the name ("According to the Refugee Act")
    assert absent("According to the Refugee Act, who may apply?") == ""
    assert absent("According to the Immigration Control Act, who may apply?") == (
        "the collection holds no Immigration Control Act"
    )
    assert absent("Under which law were officials sanctioned, the Global Magnitsky Act?") == ""
    assert absent("When did North Korea's Sex Equality Law pass?") == ""
    # (its words in another order are its name: "Equality of Sexes Law"; a person owning it is left out)
    assert absent("When did North Korea's Equality of Sexes Law pass?") == ""
    assert absent("When did Kim Il Sung's Sex Equality Law pass?") == ""
    assert absent("When did North Korea's Gender Parity Law pass?") == (
        "the collection holds no North Korea's Gender Parity Law"
    )


# A Korean law about North Koreans, its articles written inline (only article 1 stands as a heading)
_SETTLEMENT_ACT = (
    "제1조(목적)\n\n이 법은 북한이탈주민의 보호와 정착 지원에 관한 사항을 규정한다. "
    + " ".join(f"제{n}조 이 법의 {n}번째 조항은 정착 지원의 절차 {n}을 정한다." for n in range(2, 30))
)


def test_a_korean_question_naming_a_code_of_a_state_the_collection_lacks_is_refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A Korean question naming a state's own code by the state and the code's kind ("북한 형법",
    "일본의 형법") is refused when no source is that code and no candidate in another language writes
    the kind where it names the state; a passage on North Korea writing its "penal code" keeps it, a
    Korean law about North Koreans (북한이탈주민법) or the word after it ("형법학자") is no such name."""
    files = {
        "nk.txt": "North Korea\n\nThe penal code of North Korea punishes leaving the country without "
        "permission with labour. " + _filler("border"),
        "settle.txt": _SETTLEMENT_ACT,
    }
    manifest = (
        "file,title,publisher_or_author,date,source_url,origin,license,language\n"
        "nk.txt,North Korea,Example,2024,https://example.org/n,test,CC BY,en\n"
        'settle.txt,"북한이탈주민법 (North Korean Refugees Settlement Act)",'
        "Example,2024,https://example.org/k,test,CC BY,ko\n"
    )
    idx = tiny_index_in(tmp_path_factory, "state-codes", files, manifest)

    def absent(question: str) -> str:
        return idx.score(Query(question, k=5)).absent

    assert absent("북한 형법은 무단 출국을 어떻게 처벌하나요?") == ""
    assert absent("북한 헌법에서 종교의 자유를 정한 조항은?") == "the collection holds no 북한 헌법"
    assert absent("그럼 일본의 형법에서는 어떻게 돼요?") == "the collection holds no 일본 형법"
    assert absent("북한이탈주민법 제1조는 무엇을 정하나요?") == ""
    assert absent("일본 형법학자는 누구인가요?") == ""
    # North Korea's status under the held code, and a law about North Korean refugees, are no such name
    for question in (
        "대한민국 헌법에서 북한의 헌법상 지위를 정한 조항은?",
        "북한의 헌법상 지위는 무엇인가요?",
        "미국 북한 난민법에 따르면 탈북민이 미국에 난민으로 갈 수 있나요?",
    ):
        assert not absent(question).startswith("the collection holds no"), question
    answer = idx.search(Query("라오스 형법상 불법 입국은 어떻게 처벌되나요?"))
    assert not answer.answered and answer.explanation is None and not answer.hits


def test_an_agreement_named_by_a_year_the_collection_never_writes_is_refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A question naming an agreement by its year and an uncapitalised kind ("the 1986 border
    protocol", "1986년에 맺었다는 협정") is refused when no passage of the collection writes that year
    beside any kind of agreement; the 1954 Convention's year beside "Convention" holds "the 1954
    stateless persons treaty", and a year with small words before the kind names no agreement."""
    files = {
        "treaty.txt": "Convention on the Status of Stateless Persons\n\nAdopted in 1954, the Convention "
        "obliges states to issue travel documents to stateless persons. " + _filler("travel"),
        "report.txt": "Border report\n\nIn 1986 the border was closed for a year. " + _filler("border"),
        "nk.txt": "Nuclear talks\n\nIn 1994 North Korea and the United States signed the Agreed Framework. "
        "The 1986 Declaration on the Right to Development is cited. " + _filler("nuclear"),
    }
    manifest = (
        "file,title,publisher_or_author,date,source_url,origin,license,language\n"
        "treaty.txt,Convention on the Status of Stateless Persons,Example,1954,"
        "https://example.org/t,test,CC BY,en\n"
        "report.txt,Border report,Example,2024,https://example.org/r,test,CC BY,en\n"
        "nk.txt,Nuclear talks,Example,2024,https://example.org/n,test,CC BY,en\n"
    )
    idx = tiny_index_in(tmp_path_factory, "dated-agreements", files, manifest)

    def absent(question: str) -> str:
        return idx.score(Query(question, k=5)).absent

    assert absent("What does the 1986 border protocol between China and North Korea require?") == (
        "the collection holds no 1986 border protocol"
    )
    assert absent("중국과 북한이 1986년에 맺었다는 협정의 이름은 무엇인가요?") == (
        "the collection holds no 1986년 협정"
    )
    assert absent("What does the 1954 stateless persons treaty say about travel documents?") == ""
    assert absent("Was the border closed in 1986 under the agreement?") == ""
    # held by another name (the Agreed Framework); a declaration of that year between no such states is
    # no protocol between China and North Korea
    assert absent("What did North Korea promise in the 1994 nuclear agreement with the United States?") == ""
    assert absent("What does the 1986 border protocol between China and North Korea say?") == (
        "the collection holds no 1986 border protocol"
    )
    answer = idx.search(
        Query(
            "What did the 1986 border protocol between China and North Korea say about crossing the border?"
        )
    )
    assert not answer.answered and not answer.hits


def test_a_review_or_reservation_of_a_state_the_collection_never_records_is_refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A question asking what a committee's concluding observations on a state (or its latest review
    of one), a state's Universal Periodic Review or a state's own reservation said is refused when no
    passage writes that kind of record beside a state the question names as a place, in its text or
    its source's title; a question naming no state, or a state the record is written beside, is kept,
    as is a reservation asked as what a state could have done."""
    files = {
        "wiki.txt": "Treaty bodies\n\nThe Committee examines each report and addresses its concerns to the "
        "State party in the form of concluding observations. A state may make a reservation to an "
        "article unless the treaty forbids it. " + _filler("committee"),
        "nk.txt": "North Korea\n\nDuring its Universal Periodic Review the government admitted public "
        "executions. It entered a reservation to the covenant on ratification. " + _filler("execution"),
    }
    manifest = (
        "file,title,publisher_or_author,date,source_url,origin,license,language\n"
        "wiki.txt,Treaty bodies,Example,2024,https://example.org/w,test,CC BY,en\n"
        "nk.txt,Report on North Korea,Example,2024,https://example.org/n,test,CC BY,en\n"
    )
    idx = tiny_index_in(tmp_path_factory, "state-records", files, manifest)

    def absent(question: str) -> str:
        return idx.score(Query(question, k=5)).absent

    observations = "the collection holds no concluding observations on a state the question names"
    assert absent("What did the Committee recommend to China in its latest concluding observations?") == (
        observations
    )
    assert absent("In its last review of China, what did the Committee against Torture conclude?") == (
        observations
    )
    assert absent("유엔 고문방지위원회가 중국에 대한 최종견해에서 권고한 내용은?") == observations
    assert absent("What are concluding observations?") == ""
    assert absent("What did China say at its Universal Periodic Review?") == (
        "the collection holds no Universal Periodic Review of a state the question names"
    )
    assert absent("What did North Korea admit during its Universal Periodic Review?") == ""
    assert absent("Did China enter any reservation to the covenant?") == (
        "the collection holds no reservations by a state the question names"
    )
    assert absent("Did North Korea enter any reservation to the covenant?") == ""
    assert absent("Could China have made a reservation to the covenant?") == ""
    assert absent("If China had made reservations to the covenant, could it return people?") == ""
    # a decision deferred (유보) and a ministry's final view (최종 견해) are no treaty's records, nor is how
    # the committees address their observations a question of what they said
    assert absent("중국 정부는 송환 결정을 유보했나요?") == ""
    assert absent("중국 외교부는 이 문제에 대해 어떤 최종 견해를 밝혔나요?") == ""
    assert absent("How are concluding observations addressed to a State party like China?") == ""
    # "returning North Koreans" names no place: the review asked of is China's
    assert (
        absent(
            "What did the Committee recommend to China about returning North Koreans in its "
            "concluding observations?"
        )
        == observations
    )


def test_a_korean_law_about_north_koreans_is_south_korea_s(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A Korean source whose English title names North Korea only as what it is about ("North Korean
    Refugees ... Act") is the South Korean law a question names by its state ("the ROK's", "South
    Korea's": the name is the collection's, though other rules may still refuse the question); a
    Chinese state written into the name is still not it, nor is a Korean title naming the Republic of
    Korea North Korea's."""
    files = {
        "settle.txt": _SETTLEMENT_ACT,
        "other.txt": "Schools\n\n" + _filler("school"),
    }
    manifest = (
        "file,title,publisher_or_author,date,source_url,origin,license,language\n"
        'settle.txt,"북한이탈주민법 시행령 (Enforcement Decree of the North Korean Refugees Settlement Act)",'
        "Example,2024,https://example.org/k,test,CC BY,ko\n"
        "other.txt,Schools,Example,2024,https://example.org/s,test,CC BY,en\n"
    )
    idx = tiny_index_in(tmp_path_factory, "korean-owned", files, manifest)

    def absent(question: str) -> str:
        return idx.score(Query(question, k=5)).absent

    assert absent("What does Article 1 of the Enforcement Decree to the ROK defector act say?") == ""
    assert absent("What does Article 1 of South Korea's Enforcement Decree say?") == ""
    assert absent("What does Article 1 of China's Enforcement Decree say?") == (
        "the collection holds no China's Enforcement Decree"
    )
    # (not the reverse: a Korean title naming the Republic of Korea is no law of North Korea's)
    files = {
        "refugee.txt": "제1조(목적)\n\n이 법은 난민의 지위와 처우에 관한 사항을 정한다. "
        + " ".join(f"제{n}조 이 법의 {n}번째 조항은 난민 심사의 절차 {n}을 정한다." for n in range(2, 30)),
        "other.txt": files["other.txt"],
    }
    manifest = (
        "file,title,publisher_or_author,date,source_url,origin,license,language\n"
        'refugee.txt,"난민법 (Refugee Act, Republic of Korea)",Example,2024,'
        "https://example.org/r,test,CC BY,ko\n"
        "other.txt,Schools,Example,2024,https://example.org/s,test,CC BY,en\n"
    )
    refugee = tiny_index_in(tmp_path_factory, "korean-refugee-act", files, manifest)
    assert refugee.score(Query("What does Article 1 of North Korea's Refugee Act say?", k=5)).absent == (
        "the collection holds no North Korea's Refugee Act"
    )
    assert refugee.score(Query("What does Article 1 of South Korea's Refugee Act say?", k=5)).absent == ""


def test_the_words_of_a_name_are_held_close_together_in_any_order() -> None:
    tokens = analyze("the 2020 law against reactionary ideology and culture, which punished")
    assert engine._holds_close(tokens, analyze("Reactionary Ideology"))
    assert not engine._holds_close(tokens, analyze("Reactionary Theatre"))
    far = analyze("reactionary " + "word " * 12 + "ideology")
    assert not engine._holds_close(far, analyze("Reactionary Ideology"))


@pytest.mark.parametrize(
    ("name", "words", "writes"),
    [
        ("global magnitsky act", "under the global magnitsky human rights accountability act", True),
        ("sex equality law", "passed a sex equality law", True),
        ("global magnitsky act", "the global magnitsky human rights accountability and reform act", False),
        ("tariff act", "act of tariff", False),
        ("", "any words", False),
    ],
)
def test_a_passage_writes_a_name_with_few_words_between_its_words(
    name: str, words: str, writes: bool
) -> None:
    assert _writes_name(words.split(), name.split()) is writes


def test_a_reason_states_a_small_floor_as_it_is() -> None:
    """The floors a refusal names print as percentages; the answer floor (0.1%) is not "0%"."""
    assert engine._percent(MIN_ANSWER_P) == "0.1%"
    assert engine._percent(LIKELY_BAR) == "5%"
    assert engine._percent(0.4) == "40%"


def test_a_question_saying_an_article_s_whole_title_in_another_language_names_it() -> None:
    """A question saying, in its terms' senses, every word of a Korean article's title (two or more
    but its fillers: 제4조의4(북한이탈주민의 날), "an official day for North Korean defectors") names
    that article; not one saying part of it, a title naming a body (the article setting it up), nor
    a title of one word."""
    from index.lexicon import Translation

    q = analyze_question("Is there an official day for North Korean defectors, and on what date?")
    senses = {"north korean defector": (("북한", "이탈", "주민"),), "day": (("날",), ("일",))}
    said = engine._said_terms(q.terms, (Translation("ko", senses, {}),))
    assert engine._says_its_title(said, ("제4조의4(북한이탈주민의 날)",))
    assert engine._says_its_title(said, ("제1장", "제4조의4(북한이탈주민의 날)", "제1항"))
    # a paragraph's number in brackets is no title: the article's, above it, is read
    assert engine._says_its_title(said, ("제4조의4(북한이탈주민의 날)", "(10)"))
    assert not engine._says_its_title(said, ("제4조의4(북한이탈주민의 날 행사)",))  # 행사 is not said
    assert not engine._says_its_title(said, ("제4조의4",))
    assert not engine._says_its_title(said, ("제2조(정의)",))
    # fillers need not be said ("정착금 등의 지급"); a body's name is no title to name an article by
    pay = frozenset({"정착", "금", "지급"})
    assert engine._says_its_title(pay, ("제21조(정착금 등의 지급)",))
    hana = frozenset({"북한", "이탈", "주민", "지원", "재단"})
    assert not engine._says_its_title(hana, ("제30조(북한이탈주민지원재단)",))
    assert engine._label_title("(iii)") == () and engine._label_title("(10)") == ()


def test_a_named_instrument_s_passages_take_the_places_of_unlikely_others() -> None:
    """The instrument a question (or its thread) names: its passages holding some of what is asked
    take the places of passages from other sources not likely to answer, after those kept (likely to
    answer, or the instrument's own), unmarked; a likely passage from another source keeps its place."""
    named = [True, False, False, True, True, False, True]
    # groups 0 (named, led), 1 (another source, likely), 2 and 5 (others, unlikely); spare 3, 4, 6
    shown, marks = engine._named_in_place([0, 1, 2, 5], [True, True, False, False], [3, 0, 4, 6], named)
    assert shown == [0, 1, 3, 4] and marks == [True, True, False, False]
    # fewer spare passages than places: the others fill the rest, in their order
    assert engine._named_in_place([0, 2, 5], [True, False, False], [3], named) == (
        [0, 3, 2],
        [True, False, False],
    )
    # nothing spare, or every place kept: unchanged
    assert engine._named_in_place([0, 2], [True, False], [0], named) == ([0, 2], [True, False])
    assert engine._named_in_place([0, 1], [True, True], [3], named) == ([0, 1], [True, True])
