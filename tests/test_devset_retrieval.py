"""Retrieval and abstention quality on the domain dev set, with the real model (bench/devset)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from bench.devset_eval import ASKED_ON, QUESTION_SETS, evaluate_devset, load_devset
from index.answerability import ANSWER_WINDOW, DOUBTFUL_P, LIKELY_BAR, TRANSLATED_WINDOW
from index.engine import GroundIndex
from index.question import analyze_question
from index.types import Filters, Query

pytestmark = pytest.mark.integration

# Floors a little under the measured figures on the whole 350-item set, so a regression fails loudly.
# These are guards, not results (half of the set was used to fit the answerability model; bench/README.md
# reports the held-out "test" halves). Measured 2026-12-02 with the product's choice for the demo
# (multilingual e5-small) and the answerability model fitted on the fit halves of the dev set and the
# three audit sets: en hit@5 0.786, answered 0.987, abstained 0.542; ko 0.743, 0.965, 0.543. Since a
# figure said of other things no longer answers (`index.engine.TYPED_SENTENCE_SHARE`, 2026-12-02):
# en 0.786, 0.974, 0.667; ko 0.743, 0.947, 0.743.
# (The model fitted on the dev and audit sets alone, 2026-12-01: ko answered 0.982, abstained 0.543.)
FLOORS = {
    "en": {"hit@5": 0.72, "answered": 0.95, "abstained": 0.60},
    "ko": {"hit@5": 0.66, "answered": 0.93, "abstained": 0.65},
}


@pytest.fixture(scope="module")
def results(demo_index: GroundIndex) -> dict[str, dict[str, int]]:
    return evaluate_devset(demo_index).per_language


@pytest.mark.parametrize("language", ["en", "ko"])
def test_devset_floors(results: dict[str, dict[str, int]], language: str) -> None:
    r = results[language]
    hit = r["hit@5"] / r["answerable"]
    answered = 1 - r["abstained_wrong"] / r["answerable"]
    abstained = r["abstained_ok"] / r["unanswerable"]
    floors = FLOORS[language]
    assert hit >= floors["hit@5"], f"{language} hit@5 {hit:.3f}"
    assert answered >= floors["answered"], f"{language} answered {answered:.3f}"
    assert abstained >= floors["abstained"], f"{language} abstained on unanswerable {abstained:.3f}"


def test_off_topic_questions_abstain(demo_index: GroundIndex) -> None:
    # every set's off-topic questions (the dev set's 27 alone answered 2, then 3 since the question
    # trees, 2026-12-07, while the 121 sets' 520 went from 47 to 26: "How do I make kimchi fried
    # rice?" is answered with the Wikipedia paragraph on Korean cuisine)
    off = [
        q
        for path in QUESTION_SETS.values()
        for q in load_devset(path)
        if q["kind"] == "unanswerable-off-topic"
    ]
    answered = [
        q["id"]
        for q in off
        if demo_index.search(Query(q["question"], history=tuple(q["history"]), asked_on=ASKED_ON)).answered
    ]
    assert len(off) >= 500 and len(answered) <= len(off) // 10, answered


def test_row_runs_give_the_id_paths_candidates_on_the_dev_set(
    demo_index: GroundIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every dev question, as the engine asks it (per-language dense runs, translated terms, the
    follow-ups' history): the retriever's row path returns what its id-keyed path returns."""
    from index.analyzer import analyze
    from index.retriever import HybridRetriever
    from tests.helpers import IdsOnly

    rows = demo_index._retriever
    assert rows._row_runs is not None
    ids = HybridRetriever(IdsOnly(demo_index.backend), rows._embedder, analyze, rows.config)  # type: ignore[arg-type]
    differ: list[str] = []

    class Both:
        def __getattr__(self, name: str) -> object:
            return getattr(rows, name)

        def retrieve(self, question: str, **kw: object) -> object:
            found = rows.retrieve(question, **kw)  # type: ignore[arg-type]
            if found != ids.retrieve(question, **kw):  # type: ignore[arg-type]
                differ.append(question)
            return found

    monkeypatch.setattr(demo_index, "_retriever", Both())
    items = load_devset()
    for item in items:
        demo_index.search(Query(item["question"], history=tuple(item.get("history", []))))
    assert not differ, differ
    assert len(items) >= 250


def test_a_korean_question_names_its_treaty_by_the_word_holding_the_kind(demo_index: GroundIndex) -> None:
    # 처벌 ("punish") is in the Palermo Protocol's title beside its "Convention", and the Protocol has
    # no article 31: before the name was read from 난민협약, the question was refused for it
    answer = demo_index.search(
        Query("난민협약 제31조는 불법으로 입국한 난민의 처벌을 어떻게 규정하나?", explain=True)
    )
    assert answer.answered and answer.explanation is not None
    assert answer.hits[0].passage.source_id.startswith("treaty-1951-refugee-convention-")
    assert "shall not impose penalties" in answer.hits[0].passage.text
    assert "article of the instrument" in answer.explanation.reason


def test_the_holder_of_a_post_is_not_read_from_the_laws(demo_index: GroundIndex) -> None:
    # the North Korean Human Rights Act says how the foundation's chair is appointed, not who was
    first = demo_index.search(Query("북한인권재단 초대 이사장은 누구였나요?", explain=True))
    assert not first.answered and first.explanation is not None
    assert "holds a post" in first.explanation.reason
    # a report that names the holder still answers
    succeeded = demo_index.search(
        Query("Who succeeded Zeid Raad Al Hussein as UN High Commissioner for Human Rights?")
    )
    assert succeeded.answered and "Michelle Bachelet" in succeeded.hits[0].passage.text
    # a report naming only the person the question names, or people in other posts, does not answer
    for question in (
        "Who replaced Elizabeth Salmón as UN Special Rapporteur on North Korea?",
        "지금 통일부 장관이 누구예요?",
    ):
        answer = demo_index.search(Query(question, explain=True))
        assert not answer.answered and answer.explanation is not None, question
        assert "a person the question does not name" in answer.explanation.reason
        # a candidate passed over says why
        first = answer.explanation.candidates[0]
        assert first.missing, question
        assert first.missing[-1].startswith(("a sentence naming the post", "a source other than")), first
    assert demo_index.search(Query("Who was South Korea's first civilian president?")).answered
    # a name of romanised Korean or Chinese syllables, each also some gloss's word, is a name
    for question, name in (
        ("Who is the current president of China?", "XI Jinping"),
        ("Who is the current chief of state of North Korea?", "KIM Jong Un"),
        ("Who currently heads the UN human rights office?", "Michelle Bachelet"),
    ):
        answer = demo_index.search(Query(question))
        assert answer.answered and name in answer.hits[0].passage.text, question
    # the name of a person the reports describe without naming
    diplomat = demo_index.search(
        Query("What was the name of the North Korean diplomat whose wife and son Russia took off a flight?")
    )
    assert not diplomat.answered
    # who fills the post by law is a question for the law
    by_law = demo_index.search(Query("북한인권재단 이사장은 누가 임명하나요?"))
    assert by_law.answered and by_law.hits[0].passage.source_id.startswith(
        "kr-law-north-korean-human-rights-act-"
    )


def test_a_sentence_a_court_gave_is_told_by_a_passage_that_says_one(demo_index: GroundIndex) -> None:
    # the China primer says pastor Jin Mingri was detained, not that a court sentenced him
    refused = demo_index.search(
        Query("What prison sentence did a Chinese court give pastor Jin Mingri?", explain=True)
    )
    assert not refused.answered and refused.explanation is not None
    assert "'a sentence'" in refused.explanation.reason
    # the sentence told after the arrests it follows (a sentence before) answers
    question = (
        "When North Korean security agents arrested relatives of defectors who were picking up money "
        "sent from South Korea for the New Year, what sentences were handed out?"
    )
    told = demo_index.search(Query(question))
    assert told.answered and "sentenced to three months" in told.hits[0].passage.text


def test_a_source_is_named_by_its_publisher(demo_index: GroundIndex) -> None:
    # "Asia Business Daily" is the article's publisher, not a phrase of its text: its passages hold the
    # name, the other sources' do not
    scored = demo_index.score(
        Query("Which river do North Korean defectors risk their lives crossing, in the Asia Business Daily?")
    )
    assert "Asia Business Daily" in [c.text for c in scored.analysis.constraints]
    article = [g for g in scored.groups if g.head.passage.source_id.startswith("asiae-")]
    others = [g for g in scored.groups if not g.head.passage.source_id.startswith("asiae-")]
    assert article and others
    assert not any(c.text == "Asia Business Daily" for g in article for c in g.missing)
    assert all(any(c.text == "Asia Business Daily" for c in g.missing) for g in others)
    # a name of one word is held by a publisher only as one of its words
    japan = demo_index.score(Query("How many North Korean defectors has Japan accepted?"))
    assert all(
        any(c.text == "Japan" for c in g.missing)
        for g in japan.groups
        if g.head.passage.source_id.startswith("asiae-") and "Japan" not in g.head.passage.text
    )


def test_a_korean_question_s_country_is_a_key_fact_only_when_rare(demo_index: GroundIndex) -> None:
    # 미국: its passages say "United States" ~800 times, as an English question's name would be
    common = analyze_question("미국 인신매매 보고서에서 북한은 몇 등급을 받았나요?").constraints
    assert not [c for c in demo_index._key_constraints(common) if c.kind == "name"]
    rare = analyze_question("2021년에 태국에 도착한 탈북민은 정확히 몇 명인가요?").constraints
    assert [c.text for c in demo_index._key_constraints(rare) if c.kind == "name"] == ["태국"]
    # 영국 (Britain) is rare too: the IRO's budget share of the United States is no answer for it
    britain = "국제난민기구(IRO) 예산 가운데 영국이 부담한 비율은 얼마였나요?"
    assert [c.text for c in demo_index._key_constraints(analyze_question(britain).constraints)] == [
        "영국",
        "a percentage",
    ]
    assert not demo_index.search(Query(britain)).answered


def test_an_instrument_of_another_country_is_not_the_one_named(demo_index: GroundIndex) -> None:
    # the collection holds China's Criminal Law, not South Korea's: its article 289 is not cited for it
    question = (
        "What prison term does South Korea's Criminal Act prescribe for human trafficking under Article 289?"
    )
    scored = demo_index.score(Query(question))
    assert not scored.named_instrument and "China" not in scored.absent
    answer = demo_index.search(Query(question, explain=True))
    assert answer.explanation is not None
    assert "article of the instrument" not in answer.explanation.reason
    assert not any(h.passage.source_id.startswith("cn-law-criminal-law-") for h in answer.hits[:1])
    # asked in Korean, the country written before the law's name counts as well
    korean = demo_index.score(Query("한국 형법 제240조는 무엇인가요?"))
    assert not (korean.named_instrument and korean.groups[0].head.passage.source_id.startswith("cn-law-"))
    assert demo_index.score(Query("중국 형법 제240조는 무엇인가요?")).named_instrument


@pytest.mark.parametrize(
    ("question", "source", "defines"),
    [
        # asked in Korean of a treaty held in English only: the treaty and the term are read through
        # their English senses
        (
            "아동권리협약은 아동을 어떻게 정의하나요?",
            "treaty-convention-rights-of-the-child-",
            "a child means",
        ),
        (
            "난민협약에서 난민이란 누구를 말하나요?",
            "treaty-1951-refugee-convention-",
            "shall apply to any person",
        ),
        # a definition drafted as "Exploitation shall include, at a minimum, ..."
        (
            "What does the Palermo Protocol mean by exploitation?",
            "treaty-palermo-",
            "Exploitation shall include",
        ),
        # naming no treaty, a passage defining the very term asked; these four were refused before:
        # the scores alone did not answer
        ("What is a child?", "treaty-convention-rights-of-the-child-", "a child means"),
        (
            "아동이란 무엇인가요?",
            "treaty-convention-rights-of-the-child-",
            "a child means",
        ),  # through "child"
        ("What is genocide?", "treaty-rome-statute-", "“genocide” means"),
        ("인신매매는 뭔가요?", "kr-law-act-on-prevention-of-human-trafficking-", '"인신매매등"이란'),
        # the treaty named by its acronym
        ("What is torture according to the CAT?", "treaty-convention-against-torture-", '"torture" means'),
        # now asked as a definition: the Convention's own '"enforced disappearance" is considered to be',
        # not the Rome Statute's longer '"Enforced disappearance of persons" means'
        ("What is an enforced disappearance?", "treaty-enforced-disappearance-", "is considered to be"),
        # naming no treaty, in Korean: the Convention whose title is about stateless persons defines
        # the term; its definition was not among the candidates before it was looked for there
        ("무국적자란 무엇인가요?", "treaty-1954-stateless-persons-", "the term “stateless person” means"),
        # a question that is only "the definition of X"
        (
            "무국적자 지위협약에서 말하는 '무국적자'의 정의",
            "treaty-1954-stateless-persons-",
            "the term “stateless person” means",
        ),
    ],
)
def test_a_definition_question_gets_its_definition_first(
    demo_index: GroundIndex, question: str, source: str, defines: str
) -> None:
    answer = demo_index.search(Query(question))
    assert answer.answered
    first = answer.hits[0].passage
    assert first.source_id.startswith(source) and defines in first.text


def test_a_definitions_list_goes_on_after_it(demo_index: GroundIndex) -> None:
    """'the term "refugee" shall apply to any person who:' opens a list whose case (2), the one
    about a well-founded fear of persecution, is the next passage: it follows the definition."""
    answer = demo_index.search(Query("How does the Refugee Convention define a refugee?"))
    first, second = answer.hits[0].passage, answer.hits[1].passage
    assert 'the term "refugee" shall apply to any person who' in first.text
    assert second.source_id == first.source_id and second.ordinal == first.ordinal + 1
    assert "well-founded fear of being persecuted" in second.text


def test_a_long_named_article_shows_its_start_then_the_paragraph_asked(demo_index: GroundIndex) -> None:
    """22 U.S.C. 7102 holds seventeen definitions: the section's start comes first, then its likeliest
    passage (the asked one, (11), came after the first five in the order of the text). The Act is
    named by its chapter's name, which its source's title gives after the code's designation."""
    answer = demo_index.search(
        Query(
            "What does section 7102 of the Trafficking Victims Protection Act define as severe forms of "
            "trafficking in persons?",
            explain=True,
        )
    )
    assert answer.answered and answer.explanation is not None
    assert "article of the instrument" in answer.explanation.reason
    first, second = (list(answer.hits) + list(answer.further))[:2]
    assert first.passage.source_id.startswith("usc-title22-ch78-") and first.passage.text.startswith(
        "§ 7102."
    )
    assert second.passage.text.startswith("(11) Severe forms of trafficking in persons")


def test_a_named_article_s_passages_otherwise_keep_the_order_of_the_text(demo_index: GroundIndex) -> None:
    """Article 1 of the Refugee Convention: its start, then A(2), the definition itself (all of the
    article best first put its exclusion clauses before it, and A(2) out of the first five)."""
    answer = demo_index.search(Query("What does Article 1 of the Refugee Convention define as a refugee?"))
    first, second = (list(answer.hits) + list(answer.further))[:2]
    assert 'Definition of the Term "Refugee"' in first.passage.text
    assert "owing to well-founded fear of being persecuted" in second.passage.text


def test_a_follow_up_naming_no_instrument_asks_of_the_one_its_thread_names(demo_index: GroundIndex) -> None:
    """The follow-up names no instrument; the question it points back to names China's Criminal Law,
    which leads the answer (not the Supreme People's Court's interpretation of it: the dev set's
    en-2651)."""
    earlier = "Under China's Criminal Law, what is the sentence for buying a trafficked woman?"
    query = Query("And if the buyer then sells her on to someone else?", history=(earlier,), explain=True)
    assert demo_index.score(query).named_sources == {"cn-law-criminal-law-bacbcee1"}
    answer = demo_index.search(query)
    assert answer.answered and answer.explanation is not None
    assert answer.hits[0].passage.source_id.startswith("cn-law-criminal-law-")
    assert "(it is the best-ranked passage of the instrument the question names)" in answer.explanation.reason
    # asked alone, it names none
    assert not demo_index.score(Query("And if the buyer then sells her on to someone else?")).named_sources
    # a follow-up that names an instrument of its own asks of that one
    own = Query("And what does the Palermo Protocol say about that?", history=(earlier,))
    assert "cn-law-criminal-law-bacbcee1" not in demo_index.score(own).named_sources


def test_the_named_instrument_s_lead_holds_the_question_s_terms_through_their_senses(
    demo_index: GroundIndex,
) -> None:
    """An English question naming a Chinese law: of the law's passages, the one holding the Chinese
    senses of more of the question's other terms leads (the dev set's en-2504: article 79 on
    sheltering and hiding foreigners, not article 45 on employers' reports, which ranked first in the
    run of the translated terms)."""
    shelter = (
        "Under China's Exit and Entry Administration Law, what fine can a villager face for sheltering or "
        "hiding foreigners who entered illegally, say North Korean escapees?"
    )
    answer = demo_index.search(Query(shelter))
    assert answer.answered
    assert answer.hits[0].passage.text.startswith("第七十九条")
    # and in a follow-up that asks of the law its thread names (en-3349: article 319, fake labour export)
    earlier = (
        "Under PRC Criminal Law Article 318, what is the basic sentence for organizing other people to "
        "cross the border illegally?"
    )
    fake = Query(
        "And what about someone who fakes a labour-export or trade arrangement to get passports and visas "
        "for such a scheme?",
        history=(earlier,),
    )
    assert demo_index.search(fake).hits[0].passage.text.startswith("第三百一十九条")


def test_the_instrument_a_question_names_speaks_first(demo_index: GroundIndex) -> None:
    # 헌법 names the collection's one constitution; its article on working women ranks 2nd by retrieval
    # and the answer model likes a Wikipedia passage on North Korean women at work better
    answer = demo_index.search(Query("헌법은 여성 근로자를 어떻게 보호하나요?", explain=True))
    assert answer.answered and answer.explanation is not None
    assert answer.hits[0].passage.source_id.startswith("kr-constitution-")
    assert "여자의 근로는 특별한 보호를 받으며" in answer.hits[0].passage.text
    assert "(it is the best-ranked passage of the instrument the question names)" in answer.explanation.reason
    assert any(c.in_named and c.shown for c in answer.explanation.candidates)
    # the Palermo Protocol, named in Korean, on a victim's consent
    protocol = demo_index.search(Query("인신매매 의정서에서 피해자가 착취에 동의했으면 인신매매가 아닌가요?"))
    assert protocol.hits[0].passage.source_id.startswith("treaty-palermo-")
    # an English instrument named in Korean leads with its passage the question's translated terms rank
    # best (article 14, 36th by retrieval)
    asylum = demo_index.search(Query("세계인권선언은 망명에 대해 뭐라고 해?"))
    assert "asylum from persecution" in asylum.hits[0].passage.text
    # where the model's own first is the instrument's already, the answer says why it answered
    udhr = demo_index.search(
        Query("What does the Universal Declaration of Human Rights say about asylum?", explain=True)
    )
    assert udhr.explanation is not None and udhr.hits[0].passage.source_id.startswith("un-universal-")
    assert "best-ranked passage of the instrument" not in udhr.explanation.reason
    # the translated run leads only from its first ten: the constitution's addenda, which repeat its
    # name (12th there), do not speak for it
    refugee = demo_index.search(
        Query("According to the Constitution of the Republic of Korea, what is a refugee?")
    )
    assert "시행한다" not in refugee.hits[0].passage.text
    # a filter that leaves the instrument out names none
    kept_out = Query("헌법은 여성 근로자를 어떻게 보호하나요?", filters=Filters(languages=("en",)))
    assert not demo_index.score(kept_out).named_sources
    # a passage of the instrument saying the date asked stays first before its passage ranked best by the
    # translated terms, whose only date is said of a film ("Filmography ... (1948)")
    founded = demo_index.search(Query("국제난민기구(IRO)는 언제 만들어졌나요?"))
    assert "founded on 20 April 1946" in founded.hits[0].passage.text
    # North Korea's constitution is not in the collection: South Korea's is not the one named
    assert not demo_index.score(Query("북한 헌법에서 공산주의라는 말은 언제 삭제됐나요?")).named_sources
    # the named instrument leads only an answer the typed reading let stand: its treaty holds no date
    # of entry into force, and the question is still refused
    slavery = (
        "On what date did the 1956 Supplementary Convention on the Abolition of Slavery enter into force?"
    )
    assert demo_index.score(Query(slavery)).named_sources
    assert not demo_index.search(Query(slavery)).answered


def test_the_top_of_a_translated_run_may_answer_wherever_it_was_fused(demo_index: GroundIndex) -> None:
    # the State Department's figure is 1st in the run of the question's terms in English, and 20th-30th
    # fused (the dense model prefers the Korean Refugee Act's passages on recognition)
    rate = demo_index.search(Query("2024년 1월부터 7월까지 한국의 난민 인정률은 얼마였나요?", explain=True))
    assert rate.answered and rate.explanation is not None
    first = rate.hits[0]
    assert "was just 1.7 percent from January to July" in first.passage.text
    why = next(c for c in rate.explanation.candidates if c.passage_id == first.passage.id)
    assert why.translated_rank is not None and why.translated_rank <= TRANSLATED_WINDOW
    assert why.rank >= ANSWER_WINDOW


def test_a_part_of_a_figure_is_not_answered_by_other_counts(demo_index: GroundIndex) -> None:
    # the news article gives Human Rights Watch's 1,170 detainees, then the Special Rapporteur's 2,000:
    # neither tells how many of the 1,170 were held near the border
    border = demo_index.search(
        Query(
            "HRW가 2021년에 밝힌 중국 억류 탈북민 1,170명 가운데 국경 지역 시설에 갇힌 사람은 몇 명인가요?",
            explain=True,
        )
    )
    assert not border.answered and border.explanation is not None
    assert "only in sentences that do not name '1,170'" in border.explanation.reason
    # (in Jilin, the province is a name no candidate holds: refused before the part is read)
    jilin = demo_index.search(
        Query(
            "HRW가 2021년에 밝힌 중국 억류 탈북민 1,170명 가운데 지린성 시설에 갇힌 사람은 몇 명인가요?",
            explain=True,
        )
    )
    assert not jilin.answered and jilin.explanation is not None
    assert "no candidate holds" in jilin.explanation.reason and "'지린'" in jilin.explanation.reason
    # asked of the whole, it is answered
    whole = demo_index.search(Query("HRW가 2021년에 밝힌 중국 억류 탈북민은 몇 명인가요?"))
    assert whole.answered and "1,170" in whole.hits[0].passage.text


def test_a_likely_answer_about_something_else_leaves_no_fill_to_show(demo_index: GroundIndex) -> None:
    # North Korea's tier in the 2014 Factbook looks like the answer but lacks South Korea; what is left
    # (the Factbook's list of South Korea's international organisations) the model thinks unlikely
    tier = demo_index.search(
        Query("What trafficking tier did the 2014 CIA World Factbook give South Korea?", explain=True)
    )
    assert not tier.answered and tier.explanation is not None
    # (the rule that passes over another country's passage speaks first; what is left is under the
    # answer bar since the question trees, 2026-12-07, and was under the raised floor before)
    assert "asks about South Korea" in tier.explanation.reason
    assert "under the answer bar" in tier.explanation.reason
    # the Refugee Act sets up the committee (34% likely, but it gives no frequency); how often it meets
    # no passage says, and the question's answerability is under the bar (the committee's passage was a
    # rival that raised the floor until RIVAL_P went from 0.3 to 0.4, 2026-12-07)
    meetings = demo_index.search(Query("난민위원회는 1년에 몇 번 회의를 여나요?", explain=True))
    assert not meetings.answered and meetings.explanation is not None
    assert "under the answer bar" in meetings.explanation.reason
    # the Refugee Act's article on UNHCR (over 40% likely) names no frequency either; every passage that
    # holds one the model thinks under LIKELY_BAR: the rival raises the floor, though the question's
    # answerability is over its bar (a dev-set question, ko-1555)
    asked = "난민법에 따르면 법무부장관은 몇 년마다 유엔난민기구에 국가 난민 현황 보고서를 제출해야 하나요?"
    reports = demo_index.search(Query(asked, explain=True))
    assert not reports.answered and reports.explanation is not None
    assert "likely to answer does not hold the question's key facts" in reports.explanation.reason
    assert f"at least {LIKELY_BAR:.0%} likely to answer" in reports.explanation.reason
    # the tier of the country the Factbook does rate is answered
    north = demo_index.search(
        Query("What trafficking tier did the 2014 CIA World Factbook give North Korea?")
    )
    assert north.answered and "Tier 3" in north.hits[0].passage.text


def test_a_figure_of_another_year_does_not_answer_the_year_asked(demo_index: GroundIndex) -> None:
    # the 2024 reports give the October 2023 repatriation, which is no count for 2024 (the English
    # question's answerability is under the answer bar; the Korean one's is over it, and its first
    # passage to show is passed over for its year)
    assert not demo_index.search(
        Query("How many North Koreans did China forcibly repatriate during 2024?")
    ).answered
    repatriated = demo_index.search(
        Query("2024년 한 해 동안 중국이 북한으로 강제송환한 탈북민은 몇 명으로 추산되나요?", explain=True)
    )
    assert not repatriated.answered and repatriated.explanation is not None
    assert "dated to other years than '2024'" in repatriated.explanation.reason
    # a first passage of another year gives way to the next, which answers: the Ministry's count
    # "through June" 2024, and the 2023 report's "Only 196 arrived during the year"
    admitted = demo_index.search(
        Query(
            "How many people from North Korea did the Ministry of Unification say it admitted in the first "
            "half of 2024?"
        )
    )
    assert admitted.answered and "105 DPRK citizens through June" in admitted.hits[0].passage.text
    arrived = demo_index.search(Query("2023년 한 해 동안 한국에 들어온 탈북민은 몇 명인가요?"))
    assert arrived.answered and "Only 196 arrived during the year" in arrived.hits[0].passage.text
    # the edition a question names is no year asked of the Factbook's "(2012)" estimate
    factbook = demo_index.search(
        Query(
            "In the 2014 CIA World Factbook, how many North Korean refugees were estimated to be living in "
            "China?"
        )
    )
    assert factbook.answered and "30,000-50,000 (North Korea)" in factbook.hits[0].passage.text


def test_a_figure_of_another_event_does_not_answer_the_event_asked(demo_index: GroundIndex) -> None:
    # the collection counts the defectors who went missing "in the previous five years" (reported in
    # 2021), not those who arrived in 2021
    arrived = demo_index.search(Query("2021년에 한국에 입국한 탈북민은 몇 명이었나요?", explain=True))
    assert not arrived.answered and arrived.explanation is not None
    assert "not of arrival" in arrived.explanation.reason
    assert not demo_index.search(
        Query("How many North Korean defectors arrived in South Korea in 2021?")
    ).answered
    # nor is a running total answered by the count of 1994-2003
    so_far = "How many North Korean defectors in total have resettled in South Korea so far?"
    assert not demo_index.search(Query(so_far)).answered
    # the event asked still finds its count
    returned = demo_index.search(
        Query("How many North Koreans did China forcibly repatriate in October 2023?")
    )
    assert returned.answered and "600 North Koreans" in returned.hits[0].passage.text


def test_the_count_asked_is_marked_in_the_article_that_gives_it(demo_index: GroundIndex) -> None:
    # the article names the committee in its first sentence and gives its size in the second: the
    # sentence marked is the one with the count asked (`index.evidence.best_sentences`, `typed`)
    answer = demo_index.search(Query("How many members does the Committee against Torture have?", k=5))
    assert answer.answered
    hit = next(h for h in answer.shown if "consist of ten experts" in h.passage.text)
    marks = [hit.passage.text[e.start : e.end] for e in hit.evidence]
    assert any("consist of ten experts" in m for m in marks), marks


def test_a_definition_s_lead_in_is_marked_with_what_it_announces(demo_index: GroundIndex) -> None:
    # 22 U.S.C. 7102(11): its label, then "The term ... means", then "(A) sex trafficking ..."
    answer = demo_index.search(Query("What are severe forms of trafficking in persons under US law?", k=5))
    assert answer.answered
    hit = next(h for h in answer.shown if "(A) sex trafficking in which" in h.passage.text)
    marks = [hit.passage.text[e.start : e.end] for e in hit.evidence]
    assert any(m.startswith("(A) sex trafficking in which") for m in marks), marks


def test_a_passage_that_starts_inside_a_list_is_followed_by_its_lead_in(demo_index: GroundIndex) -> None:
    # 인신매매방지법 제48조 ① announces the penalty in one passage; its items, among them the act the
    # question names (dismissing a reporter, 제21조제3항), start the next: the lead-in's passage follows
    # the item's, with its lead-in marked
    answer = demo_index.search(
        Query("인신매매 피해를 신고했다는 이유로 직원을 해고하거나 징계한 회사 쪽은 어떤 처벌을 받나요?")
    )
    assert answer.answered
    first, second = answer.hits[:2]
    assert first.passage.text.startswith("1.") and "제21조제3항을 위반하여" in first.passage.text
    assert second.passage.ordinal == first.passage.ordinal - 1
    assert second.passage.source_id == first.passage.source_id
    marks = [second.passage.text[e.start : e.end] for e in second.evidence]
    lead_in = "① 다음 각 호의 어느 하나에 해당하는 자는 3년 이하의 징역 또는 3천만원 이하의 벌금에 처한다."
    assert marks == [lead_in]


def test_which_states_joined_a_treaty_is_not_read_from_the_laws_and_treaties(demo_index: GroundIndex) -> None:
    # the Convention against Torture says how a state makes the declaration of its article 22, not
    # which did; with its passages passed over, article 22 of the Korean Constitution answered
    answer = demo_index.search(
        Query(
            "Has the Republic of Korea made the declaration under Article 22 of the Convention against "
            "Torture?",
            explain=True,
        )
    )
    assert not answer.answered and answer.explanation is not None
    assert "which states joined an instrument" in answer.explanation.reason
    assert any("a source other than a law or treaty" in c.missing for c in answer.explanation.candidates)
    # a Korean question alike: no article of the CAT is its answer
    korean = demo_index.search(Query("북한은 고문방지협약 당사국인가요?"))
    assert not any(h.passage.source_id.startswith("treaty-") for h in korean.hits)
    # an encyclopedia that tells it still answers
    us = demo_index.search(Query("When did the United States finally ratify the ICCPR?"))
    assert us.answered and us.hits[0].passage.source_id.startswith("wikipedia-human-rights-")


def test_a_question_for_a_birth_is_not_answered_by_other_dates(demo_index: GroundIndex) -> None:
    # the Factbook gives Kim Jong Un's time in office ("since 17 December 2011"), no birth
    answer = demo_index.search(Query("김정은 위원장은 몇 년생이에요?", explain=True))
    assert not answer.answered and answer.explanation is not None
    records = demo_index.backend.passages([c.passage_id for c in answer.explanation.candidates])
    in_office = [
        c
        for c, r in zip(answer.explanation.candidates, records, strict=True)
        if "KIM Jong Un (since 17 December 2011)" in r.passage.text
    ]
    assert in_office and all("a birth" in c.missing for c in in_office)


def test_a_korean_question_naming_a_chinese_law_reads_it_in_chinese(demo_index: GroundIndex) -> None:
    # no Korean-Chinese word list: the question's terms reach the Chinese articles through their
    # English senses (국적 -> nationality -> 国籍), and the naturalisation article leads
    answer = demo_index.search(
        Query("중국 국적법에 따르면 중국 남자와 결혼한 외국인 여성은 국적을 신청할 수 있나요?", explain=True)
    )
    assert answer.answered and "加入中国国籍" in answer.hits[0].passage.text
    assert answer.explanation is not None
    assert any("국적 → " in t and "国籍" in t for t in answer.explanation.translated)
    border = demo_index.search(Query("중국 출입국관리법에서 외국인 아기가 태어나면 며칠 안에 신고하나요?"))
    assert border.answered and "出生六十日内" in border.hits[0].passage.text
    # a Korean question naming no law of China is not read in Chinese
    asked = demo_index.search(Query("중국에서 탈북자를 도와준 중국인도 처벌받을 수 있나요?", explain=True))
    assert asked.explanation is not None
    assert not any(re.search(r"[\u4e00-\u9fff]", t) for t in asked.explanation.translated)


def test_a_doubtful_question_needs_a_passage_likely_enough(demo_index: GroundIndex) -> None:
    # questions the question trees pass near the answer bar (about 0.40 to 0.49 here), with nothing to
    # show as likely as one in ten (the logistic question model passed "다음 주 화요일에 제네바에서 인천
    # 가는 직항 있어요?" at 0.55 with a Refugee Convention preamble naming Geneva; the trees give it
    # 0.12). Where each falls in the band between the answer and doubtful bars moves with the CPU's
    # arithmetic (the int8 encoder's vectors differ in their last digits between AVX2 and AVX-512
    # machines), so the test asks several: every one is refused, and at least one in the band is
    # refused as doubtful, for want of a likely passage
    questions = (
        "In what year did the UN human rights office open its Seoul field office that monitors North Korea?",
        "Is there a 24-hour hotline number in South Korea specifically for North Korean women who were "
        "trafficked in China?",
        "Has the Republic of Korea made the declaration under Article 22 of the Convention against Torture "
        "that lets individuals bring complaints to the Committee against Torture?",
        "How do I deduct home-office expenses on my tax return as a part-time freelance grant writer?",
    )
    in_band = 0
    for question in questions:
        answer = demo_index.search(Query(question, explain=True))
        assert not answer.answered and answer.explanation is not None, question
        bars = dict(answer.explanation.bars)
        if bars["answer"] <= (answer.explanation.question_probability or 0.0) < bars["doubtful"]:
            in_band += 1
            assert f"under {bars['doubtful']:.2f}" in answer.explanation.reason
            assert f"at least {DOUBTFUL_P:.0%} likely to answer by the passage model or the ranker" in (
                answer.explanation.reason
            )
    assert in_band >= 1
    # a Korean question whose answer the ranker reads first in the English run still answers
    rate = demo_index.search(Query("2024년 1월부터 7월까지 한국의 난민 인정률은 얼마였나요?"))
    assert rate.answered and "1.7 percent" in rate.hits[0].passage.text


def _first_answer(index: GroundIndex, question: str) -> str:
    """The text of the first passage answering `question` (which must be answered)."""
    answer = index.search(Query(question))
    assert answer.answered, question
    return answer.hits[0].passage.text


def test_the_named_instrument_leads_with_what_is_asked_beyond_its_name(demo_index: GroundIndex) -> None:
    # every article of the Convention holds the words of its long name; article 16 alone holds what is
    # asked, "refouler"
    assert "refouler" in _first_answer(
        demo_index,
        "Is there a non-refoulement clause in the International Convention for the Protection of All "
        "Persons from Enforced Disappearance?",
    )


def test_an_adherent_is_held_by_the_doctrine(demo_index: GroundIndex) -> None:
    # "Chondoist" is held by the passage's "13.5% practice Chondoism"
    assert "13.5% practice Chondoism" in _first_answer(
        demo_index,
        "Religious Intelligence breakdown of belief in North Korea: what share is Christian, Buddhist, "
        "Chondoist, shamanist?",
    )


def test_a_korean_question_is_not_answered_by_a_passage_in_another_language_that_says_none_of_it(
    demo_index: GroundIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the dense match alone found "Cuisine ... Korean cuisine has evolved" in the English Wikipedia
    # article: none of the question's terms that have an English sense is in it. The question trees
    # refuse it first (2026-12-07); with the answer and doubtful bars off, the rule still does.
    question = "김치찌개를 맛있게 끓이는 방법과 필요한 재료를 알려 주세요."
    assert not demo_index.search(Query(question)).answered
    model = demo_index._answer_model
    assert model is not None
    monkeypatch.setattr(demo_index, "_answer_model", replace(model, answer_bar={"*": 0.0}, doubtful_q=0.0))
    recipe = demo_index.search(Query(question, explain=True))
    assert not recipe.answered and recipe.explanation is not None
    assert "is in another language and holds under 10% of what can be told there" in (
        recipe.explanation.reason
    )
    monkeypatch.undo()  # the stored bars again
    # a passage in another language holding some of it through its senses still answers (정치범
    # 수용소 "prison camps", 출산 "births")
    assert "prohibit live births in prison camps" in _first_answer(
        demo_index,
        "미국 북한인권법 조사 결과 부분에 정치범수용소에서 출산 자체를 못 하게 한다는 내용이 있나요?",
    )
    # a sense is held by any of its words (신앙's "religious belief" by "religions"), and a term with no
    # English sense (믿, a verb stem) tells neither way: the religion paragraph still answers
    assert "16% practice Korean shamanism" in _first_answer(
        demo_index, "북한 주민 중 무속신앙 믿는 사람 비율?"
    )


def test_a_refused_question_in_a_thread_is_read_again_with_the_question_before_it(
    demo_index: GroundIndex,
) -> None:
    """No word of "중국 심카드 쓰다 걸리면 어떻게 돼요?" points back, so it is answered alone first, and
    alone it is refused; read with the question before it (North Korea's border phones), the 2023 State
    Department report answers it (the dev set's ko-233, a fit question). A question opening by changing
    the subject is not read again."""
    earlier = "북한 당국은 중국 국경 지역에서 주민들이 중국 통신망으로 전화하는 걸 어떻게 막나요?"
    question = "중국 심카드 쓰다 걸리면 어떻게 돼요?"
    assert not demo_index.search(Query(question)).answered
    answer = demo_index.search(Query(question, history=(earlier,), explain=True))
    assert answer.answered and answer.read_with == (earlier,)
    assert any("Chinese SIM cards" in h.passage.text for h in answer.hits)
    assert answer.explanation is not None
    assert "; read with the question before it, as alone it was refused (" in answer.explanation.reason
    off_topic = "잠깐 다른 얘기인데, 엑셀에서 중복된 행을 한 번에 지우는 방법이 뭐예요?"
    refused = demo_index.search(Query(off_topic, history=(earlier,)))
    assert not refused.answered and refused.read_with == ()
    # a question the thread's question does not help stays refused, and says it stood alone
    alone = demo_index.search(Query("What is the population of Mongolia?", history=(earlier,)))
    assert not alone.answered and alone.read_with == ()


def test_a_follow_up_naming_an_article_and_no_instrument_reads_the_thread_s_instrument(
    demo_index: GroundIndex,
) -> None:
    """ "And under Article 241, ..." names no instrument: the one the question before it names (China's
    Criminal Law) is read from that question's name of it, not from all its words, whose "trafficking
    in women and children" is also the Palermo Protocol's title (the dev set's en-2844)."""
    earlier = (
        "What sentence range does Article 240 of China's Criminal Law set for trafficking in women and "
        "children?"
    )
    question = (
        "And under Article 241, what happens if the person who bought a trafficked woman then sells her on?"
    )
    assert demo_index.score(Query(question, history=(earlier,))).named_instrument
    answer = demo_index.search(Query(question, history=(earlier,)))
    assert answer.answered
    assert "收买被拐卖的妇女、儿童又出卖的" in answer.hits[0].passage.text


def test_a_law_named_by_its_name_gives_the_definition_in_its_own_language(demo_index: GroundIndex) -> None:
    """A definition question naming a law by its capitalised name asks that law's definition, as one
    naming a treaty does, and the definition is read through the asked term's senses in the law's
    language: China's Exit and Entry Administration Law defines 外国人 (the dev set's en-1932)."""
    question = "How does China's Exit and Entry Administration Law define a 'foreigner'?"
    answer = demo_index.search(Query(question, explain=True))
    assert answer.answered and answer.explanation is not None
    assert "外国人，是指不具有中国国籍的人" in answer.hits[0].passage.text
    assert "(it defines a term of the question, which asks for a definition)" in answer.explanation.reason


def test_an_article_whose_title_the_question_says_in_english_stands_in_for_it(
    demo_index: GroundIndex,
) -> None:
    """ "North Korean Defectors' Day" is, in Korean, the title of the settlement act's 제4조의4
    (북한이탈주민의 날): the article an English question says by its subject, which gives the date (the
    dev set's en-5845 and en-5376; asked by some forty writers)."""
    for question in (
        "On what date each year does South Korea observe North Korean Defectors' Day?",
        "Does South Korea have an official day for North Korean defectors, and if so, what date is it?",
    ):
        answer = demo_index.search(Query(question))
        assert answer.answered
        assert "매년 7월 14일을 북한이탈주민의 날로 한다" in answer.hits[0].passage.text


def test_a_phone_number_asked_is_not_answered_by_the_article_setting_up_the_hotline(
    demo_index: GroundIndex,
) -> None:
    """The settlement act sets up the Hana Foundation and its counselling; no source gives its number to
    call (the dev set's ko-1997, en-3394; the Factbook's embassy telephone is another's)."""
    for question in (
        "북한이탈주민지원재단 상담 전화번호 좀 알려주세요. 급하게 연락드려야 해서요",
        "What's the phone number for the Korea Hana Foundation's counseling hotline for defectors?",
    ):
        answer = demo_index.search(Query(question, explain=True))
        assert not answer.answered and answer.explanation is not None
        candidates = answer.explanation.candidates
        act = [c for c in candidates if c.source_id.startswith("kr-law-north-korean-refugees")]
        assert act and all("a phone number or e-mail address" in c.missing for c in act)


def test_a_korean_question_names_its_instrument_by_the_word_joined_to_the_article(
    demo_index: GroundIndex,
) -> None:
    """ "난민협약 제35조" is the Refugee Convention's Article 35 though the question also names 유엔난민기구
    (whose 기구, "agency", reads as the Palermo Protocol's "Organized Crime"); "중국 출경입경관리법
    제75조" is the Exit and Entry Administration Law's article, not the Nationality Law (the dev set's
    ko-2798, ko-2970: both were refused as "... has no article N")."""
    refugee = demo_index.search(
        Query(
            "난민협약 제35조에 따르면 체약국은 유엔난민기구가 요청할 때 어떤 정보와 통계를 제공해야 하나요?"
        )
    )
    assert refugee.answered
    assert refugee.hits[0].passage.source_id.startswith("treaty-1951-refugee-convention")
    assert "Article 35" in refugee.hits[0].passage.section
    exit_entry = demo_index.search(
        Query(
            "중국 출경입경관리법 제75조상, 출국 후 불법으로 다른 나라에 갔다가 송환된 중국 공민에게는 "
            "출입국 증명서를 얼마 동안 발급하지 않나요?"
        )
    )
    assert exit_entry.answered
    assert exit_entry.hits[0].passage.source_id.startswith("cn-law-exit-and-entry")
    assert "第七十五条" in exit_entry.hits[0].passage.section


def test_an_instrument_named_again_by_its_kind_after_a_pointing_word_is_the_thread_s(
    demo_index: GroundIndex,
) -> None:
    """ "그 협약 제3조" after a question on 고문방지협약 is the Convention against Torture's Article 3,
    not the article 3 of an instrument its other words name (사람, "person", names the Palermo Protocol
    on trafficking in persons: the dev set's ko-4590)."""
    earlier = "고문방지협약은 '고문'을 어떻게 정의하나요?"
    question = "그 협약 제3조는 사람을 다른 나라로 돌려보내는 것에 대해 뭐라고 하나요?"
    answer = demo_index.search(Query(question, history=(earlier,)))
    assert answer.answered
    assert answer.hits[0].passage.source_id.startswith("treaty-convention-against-torture")
    assert "Article 3" in answer.hits[0].passage.section
    # a follow-up writing an instrument's name of its own still names that one
    own = demo_index.search(Query("팔레르모 의정서 제3조는 무엇을 정의하나요?", history=(earlier,)))
    assert own.answered and own.hits[0].passage.source_id.startswith("treaty-palermo-trafficking-protocol")


def test_an_instrument_a_question_sets_aside_is_not_the_one_it_names(demo_index: GroundIndex) -> None:
    """ "Apart from the Refugee Convention and CAT, is there a treaty that ...?" names no instrument to
    answer from; the one it asks of after setting the others aside is named; "apart from" without a
    clause's comma sets nothing aside."""
    aside = (
        "Apart from the Refugee Convention and CAT, is there a treaty that prohibits sending someone back "
        "where they risk being disappeared?"
    )
    assert not demo_index.score(Query(aside)).named_sources
    other = (
        "Apart from the Refugee Convention and CAT, does the International Convention for the Protection "
        "of All Persons from Enforced Disappearance contain its own non-refoulement clause?"
    )
    named = demo_index.score(Query(other)).named_sources
    assert named and all(s.startswith("treaty-enforced-disappearance") for s in named)
    plain = Query("Apart from detention what does the Refugee Act say about appeals?")
    assert demo_index.score(plain).named_sources == {"kr-law-refugee-act-5319305c"}


def test_the_named_instrument_is_searched_alone_for_its_candidates(demo_index: GroundIndex) -> None:
    """A question naming an instrument without an article gets that instrument's best passages among
    its candidates, searched among its own: the Smuggling Protocol's "special needs of women and
    children" for a Korean question naming it (the dev set's ko-2772: the article ranked too low among
    all passages to be a candidate)."""
    answer = demo_index.search(Query("이주민 밀입국 의정서에 여성이랑 아동은 따로 배려하라는 내용이 있어?"))
    assert answer.answered
    assert any("special needs of women and children" in h.passage.text for h in answer.shown[:5])


def test_a_part_counted_by_a_group_of_people_is_not_answered_by_the_whole(demo_index: GroundIndex) -> None:
    """The 2023 report gives the escapees who arrived in South Korea that year (196), not how many of
    them were women: a sentence giving the whole tells no part of it (the dev set's ko-3045, ko-4367,
    ko-5843: answered with the 196)."""
    for question in (
        "2023년 한국에 들어온 탈북민 가운데 여성은 몇 명이었나요?",
        "How many of the North Korean escapees who arrived in South Korea in 2023 were women?",
    ):
        answer = demo_index.search(Query(question, explain=True))
        assert not answer.answered and answer.explanation is not None, question
    # asked of the whole, it is answered
    whole = demo_index.search(Query("How many North Korean escapees arrived in South Korea in 2023?"))
    assert whole.answered and "196" in whole.hits[0].passage.text
    # the group as what is counted, named otherwise by the passage, is still answered (en-953)
    sex = demo_index.search(
        Query(
            "A defector told a Saenuri Party lawmaker roughly how many women were selling sex in his home "
            "city. What figure did he give?"
        )
    )
    assert sex.answered and "500 prostitutes" in sex.hits[0].passage.text


def test_a_follow_up_asking_a_typed_answer_is_read_with_its_thread(demo_index: GroundIndex) -> None:
    """A follow-up asking a count is read by the typed reading too, with its thread's terms: "How many
    of them were women?" after the escapees who arrived in 2023 is not answered by "Only 196 arrived
    during the year", nor a count of interpreters by a report that names them but counts none (the fit
    halves' en-681, ko-3402, en-4634: answered); the thread's count asked of another report still is
    (en-296), and so is a share asked of the thread's line (en-1805)."""
    arrived = "How many North Korean escapees arrived in South Korea in 2023?"
    for question in ("How many of them were women?", "그중 여성은 몇 명이었나요?"):
        answer = demo_index.search(Query(question, history=(arrived,)))
        assert not answer.answered, question
    complaints = (
        "What complaints did asylum seekers in South Korea make about how their claims were handled, "
        "according to the 2024 State Department report?"
    )
    interpreters = demo_index.search(
        Query(
            "And how many interpreters did the Justice Ministry have on its roster that year?",
            history=(complaints,),
        )
    )
    assert not interpreters.answered
    camps = (
        "How many kwanliso political prison camps did the State Department's 2024 North Korea report say "
        "the government was operating?"
    )
    # a chain of follow-ups is read with every question of it ("What about 2021?" after the count of
    # arrivals and "And the year before that?": no passage tells the arrivals of 2021; en-994 of the
    # fit halves was answered by "In 2021 media reported ... 42 North Korean defectors went missing")
    arrivals = (
        "According to the State Department's 2023 North Korea human rights report, how many escapees "
        "arrived in South Korea that year?"
    )
    chained = demo_index.search(Query("What about 2021?", history=(arrivals, "And the year before that?")))
    assert not chained.answered
    earlier = demo_index.search(Query("And what number did the 2023 report give?", history=(camps,)))
    assert earlier.answered and any("six kwanliso" in h.passage.text for h in earlier.shown[:5])
    vote = (
        "What share of the vote did Park Geun-hye win in South Korea's December 2012 presidential election, "
        "according to the 2014 CIA World Factbook?"
    )
    second = demo_index.search(Query("And who finished second, with what share?", history=(vote,)))
    assert second.answered and any("MOON Jae-In (DUP) 48%" in h.passage.text for h in second.shown[:5])


def test_a_year_asked_is_answered_only_by_a_sentence_naming_one(demo_index: GroundIndex) -> None:
    """ "In what year ...?" is not answered by a passage whose sentences about what is asked name no
    year (the fit halves' ko-4443, en-2427, en-6227: answered), and still is by one that does
    (en-492)."""
    for question in (
        "유엔 인권사무소 서울사무소(OHCHR 서울사무소)는 몇 년도에 문을 열었나요?",
        "In which year did North Korea ratify the Convention on the Rights of Persons with Disabilities?",
    ):
        assert not demo_index.search(Query(question)).answered, question
    signed = demo_index.search(
        Query("In what year was the agreement giving UNHCR access to refugees in China signed?")
    )
    assert signed.answered and "1995" in signed.hits[0].passage.text


def test_a_passage_found_by_searching_the_instrument_alone_leads_only_holding_what_is_asked(
    demo_index: GroundIndex,
) -> None:
    """A question about an instrument (its status, its monitoring body) is not led by an article of it
    that the search among its own passages found and that holds nothing asked beyond its name ("Is
    the UDHR legally binding?" by article 24 on rest and leisure; a review's probes)."""
    binding = demo_index.search(Query("Is the UDHR legally binding?"))
    assert binding.answered and "non-binding" in binding.hits[0].passage.text
    monitors = demo_index.search(Query("Which body monitors the ICCPR?"))
    assert monitors.answered and "Human Rights Committee" in monitors.hits[0].passage.text


def test_a_part_told_by_a_source_s_word_for_the_group_is_answered(demo_index: GroundIndex) -> None:
    """The Factbook gives a part by its word for the group ("male 826,175/female 1,590,281"): a
    question counting the women or men among an age group is still answered (a review's probes)."""
    women = demo_index.search(Query("How many of North Koreans aged 65 and over in 2014 were women?"))
    assert women.answered and "1,590,281" in women.hits[0].passage.text
    men = demo_index.search(Query("In North Korea, how many of the people aged 25-54 are men?"))
    assert men.answered and any("male" in h.passage.text for h in men.hits)


def test_a_kind_pointed_back_to_is_the_earlier_instrument_of_that_kind(demo_index: GroundIndex) -> None:
    """ "Article 33 of that convention" after a question naming the Refugee Act and the Refugee
    Convention is the Convention's Article 33, not the Act's 제33조 (a review's probe)."""
    earlier = "How do South Korea's Refugee Act and the Refugee Convention define a refugee?"
    answer = demo_index.search(Query("What does Article 33 of that convention say?", history=(earlier,)))
    assert answer.answered
    assert answer.hits[0].passage.source_id.startswith("treaty-1951-refugee-convention")
    assert "Article 33" in answer.hits[0].passage.section


def test_the_named_instrument_s_passages_replace_unlikely_others(demo_index: GroundIndex) -> None:
    """A follow-up asking of the law its thread names is shown that law's article that answers, in the
    place of an unlikely article of another law (the fit halves' en-4432: article 79 on sheltering
    foreigners led, then four articles of the Criminal Law)."""
    earlier = (
        "For my China position paper: under Article 45 of China's Exit and Entry Administration Law, are "
        "ordinary residents supposed to tip off the police when they learn a foreigner got in illegally?"
    )
    fine = demo_index.search(
        Query(
            "And what fine does that law set for a foreigner who overstays illegally — is it calculated "
            "per day?",
            history=(earlier,),
        )
    )
    assert fine.answered and any("每非法居留一日五百元" in h.passage.text for h in fine.shown[:5])


def test_a_sum_asked_in_a_currency_is_not_answered_by_a_multiple(demo_index: GroundIndex) -> None:
    """The settlement payments are set as multiples of the minimum wage, which the collection does not
    give: a question asking one in won is refused (the fit halves' en-783, ko-5840), and one whose sum
    the decree writes in won is still answered."""
    for question in (
        "What is the exact amount in won of the basic settlement payment for a single-person North Korean "
        "defector household in 2025?",
        "북한이탈주민 1인 세대가 받는 정착금 기본금은 실제로 얼마(원)인가요?",
    ):
        assert not demo_index.search(Query(question)).answered, question
    reward = demo_index.search(
        Query("탈북민이 가져온 정보나 장비에 대한 보로금은 정확히 몇 억 원까지 받을 수 있나요?")
    )
    assert reward.answered and "5억원" in reward.hits[0].passage.text


def test_a_question_the_model_refuses_is_answered_by_the_instrument_it_names(demo_index: GroundIndex) -> None:
    """A follow-up asking of the law its thread names, which the answer model refuses (no passage it
    finds likely holds a penalty), is answered by that law's passages holding enough of what it asks
    beyond the law's name (`NAMED_ANSWER_SHARE`: the fit halves' en-1727, en-5715; a review's probe F02),
    and the explanation says so."""
    earlier = "What does China's Exit and Entry Administration Law say about illegal residence by foreigners?"
    fine = demo_index.search(
        Query(
            "And what fine does that law set for a foreigner who overstays illegally?",
            history=(earlier,),
            explain=True,
        )
    )
    assert fine.answered and any("每非法居留一日五百元" in h.passage.text for h in fine.shown[:5])
    assert fine.explanation is not None and "of the instrument the question names and holds" in (
        fine.explanation.reason
    )
