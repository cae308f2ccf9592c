"""The evidence marked inside a passage: the sentence that carries the question's terms, not a heading."""

from __future__ import annotations

import pytest

from corpus.sentences import split_sentences
from index.analyzer import analyze, analyze_many
from index.engine import GroundIndex
from index.evidence import (
    LIST_ITEMS,
    best_sentences,
    evidence_terms,
    is_bare_label,
    is_heading_line,
    is_title_block,
    term_weights,
)
from index.question import provisions_in
from index.types import Query
from tests.fakes import FakeEmbedder
from tests.helpers import memory_backend, prepare, text_source

ARTICLE = (
    "Article 33\n\n"
    'Prohibition of Expulsion or Return ("Refoulement")\n\n'
    "1. No Contracting State shall expel or return a refugee to the frontiers of territories where his "
    "life or freedom would be threatened.\n"
    "2. The benefit of the present provision may not be claimed by a refugee who is a danger to the "
    "security of the country."
)
KO_ARTICLE = (
    "제2조 (정의)\n\n이 법에서 사용하는 용어의 뜻은 다음과 같다.\n\n"
    '1. "난민"이란 박해를 받을 수 있다고 인정할 충분한 근거가 있는 공포로 인하여 국적국의 보호를 받을 수 '
    "없는 외국인을 말한다."
)


def marked(text: str, question: str) -> list[str]:
    """The sentences marked for `question`, by the terms the engine marks with (`evidence_terms`)."""
    terms = evidence_terms(analyze(question), bool(provisions_in(question)))
    spans = best_sentences(text, None, terms, analyze_many, {}, 1000)
    return [text[s.start : s.end] for s in spans]


def test_a_term_standing_for_part_of_a_word_counts_its_share() -> None:
    # "advisor" is one of four senses of one Korean word (고문: advisor, ancient text, ill-treatment,
    # torture) and counts a quarter of it, so the sentence holding the question's other word is marked
    text = "The advisor resigned. Defectors were detained in China."
    df = {"advisor": 1, "china": 100}
    terms = {"advisor", "china"}

    def best(shares: dict[str, float] | None) -> str:
        (span,) = best_sentences(text, None, terms, analyze_many, df, 1000, shares=shares)
        return text[span.start : span.end]

    assert best(None) == "The advisor resigned."  # the rarer term wins when both count whole
    assert best({"advisor": 0.25}) == "Defectors were detained in China."
    # the weights computed once for several passages (as `GroundIndex._hit` does) mark the same
    for shares in (None, {"advisor": 0.25}):
        weights = term_weights(terms, df, 1000, shares)
        assert best_sentences(text, None, terms, analyze_many, df, 1000, weights=weights) == best_sentences(
            text, None, terms, analyze_many, df, 1000, shares=shares
        )


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Article 33", True),
        ('Prohibition of Expulsion or Return ("Refoulement")', True),
        ("제2조 (정의)", True),
        ("Art. 2", True),
        ("§ 7801", True),
        ("第一百九十九条 （删去）", True),
        ("Health expenditures:", True),  # a label
        ("| 8 | Kangwon | 강원도 | Wonsan |", False),  # a table row holds figures: data
        ("7.2% of GDP (2011)", False),
        ("1. 연간 평균 3명 이상의 북한이탈주민을 고용할 것", False),  # a list item
        ("가. 난민인정 신청에 대한 심사가 진행 중인 사람", False),
        ("보호대상자의 특성을 고려하여야 한다. <개정 2024.1.9>", False),  # an amendment tag after the stop
        ("中华人民共和国出境入境管理法规定外国人入境出境应当接受边防检查" * 3, False),  # long, unspaced
        ("1. No Contracting State shall expel or return a refugee.", False),
        ('He said it was "over."', False),
        ("이 법에서 사용하는 용어의 뜻은 다음과 같다.", False),
        ("被判处管制的犯罪分子，在执行期间，应当遵守下列规定：", False),  # Chinese clauses: a sentence
        ("第三十三条 主刑的种类如下：", True),  # short, no clauses: read as a label unless a list follows
        ("A long line without a full stop that goes on well past the twelve words a heading has", False),
    ],
)
def test_heading_lines(line: str, heading: bool) -> None:
    assert is_heading_line(line + "\n\nBody.", 0, len(line)) is heading
    assert is_heading_line(line, 0, len(line)) is heading  # at the end of the text too


def test_a_short_lead_in_to_a_list_is_a_sentence() -> None:
    # "... as follows:" before a list item says something; "Health expenditures per capita:" before a
    # figure is a label
    listed = "Refugees may be detained in the following cases:\n1. illegal entry."
    assert not is_heading_line(listed, 0, listed.index("\n"))
    chinese = "第三十三条 主刑的种类如下：\n\n（一）管制；\n\n（二）拘役；"
    assert not is_heading_line(chinese, 0, chinese.index("\n"))
    label = "Health expenditures per capita:\n$500 (2011)"
    assert is_heading_line(label, 0, label.index("\n"))


def test_a_line_that_runs_on_is_not_a_heading() -> None:
    text = "Article 33 applies here and the sentence goes on"
    assert not is_heading_line(text, 0, len("Article 33"))


def test_a_question_naming_an_article_marks_its_text_not_its_heading() -> None:
    english = marked(ARTICLE, "What does Article 33 say about refugees?")
    assert english and all(s.startswith(("1.", "2.")) for s in english)
    assert marked(KO_ARTICLE, "난민법 제2조에서 난민의 정의는 무엇인가요?")[0].startswith('1. "난민"이란')


def test_the_kind_of_instrument_named_with_an_article_marks_nothing() -> None:
    # "이 법에 따라" / "this Act" stand in every article of the Act: the content asked about decides
    named = analyze("난민법 제2조에서 난민의 정의는 무엇인가요?")
    assert evidence_terms(named, True) == {"난민", "2", "정의"}
    assert evidence_terms(analyze("난민법에서 말하는 난민"), False) == {"난민", "법", "말"}
    assert evidence_terms(["act"], True) == {"act"}  # nothing else left: kept
    act = (
        "Article 4\n\nAn applicant may not be held in detention for more than ten days.\n\n"
        "The provisions of this Act prevail over other laws."
    )
    question = "What does Article 4 of the Refugee Act say about detention?"
    assert marked(act, question) == ["An applicant may not be held in detention for more than ten days."]
    # without an article named, "Act" counts like any other word
    assert len(marked(act, "the Refugee Act on detention")) == 2


def test_the_engine_marks_the_definition_in_the_article_named() -> None:
    emb = FakeEmbedder()
    sources = [
        text_source("act", "난민법\n\n" + KO_ARTICLE, title="난민법 (Refugee Act)", language="ko"),
        text_source("news", "난민 신청이 늘었다.\n\n난민 지원 단체가 늘었다.", title="뉴스", language="ko"),
    ]
    index = GroundIndex(memory_backend(prepare(sources, emb)), emb)
    answer = index.search(Query("난민법 제2조에서 난민의 정의는 무엇인가요?", k=3))
    assert answer.answered
    hit = answer.hits[0]
    assert hit.passage.source_id == "act"
    marks = [hit.passage.text[e.start : e.end] for e in hit.evidence]
    assert len(marks) == 1 and marks[0].startswith('1. "난민"이란'), marks


def test_a_label_with_its_figure_on_the_next_line_marks_the_figure() -> None:
    text = "Health expenditures:\n7.2% of GDP (2011)\n\nCountry comparison to the world: 60"
    assert split_sentences(text)[:2] == [(0, 20), (21, 39)]
    assert "7.2% of GDP (2011)" in marked(text, "What were health expenditures as a share of GDP in 2011?")


CAT_17 = (
    "1. There shall be established a Committee against Torture (hereinafter referred to as the "
    "Committee) which shall carry out the functions hereinafter provided. Its seat shall be at Geneva. "
    "The Committee shall consist of ten experts of high moral standing. The experts shall be elected by "
    "the States Parties."
)
ARRIVALS = (
    "According to the Ministry of Unification, the number of escapees arriving in the ROK remained "
    "well below prepandemic levels. Only 196 arrived during the year, nearly three times the 67 who "
    "arrived in 2022. Escapees reported that the border was closed."
)


def typed_marks(text: str, question: str, max_spans: int = 2) -> list[str]:
    """The sentences marked for `question` when the sentences holding its answer type are given."""
    from index.answer_type import holds_type
    from index.question import analyze_question

    asked = next(c for c in analyze_question(question).constraints if c.kind == "answer")
    spans = split_sentences(text)
    # the question's own figures ("in 2023") are no answer, as the engine reads them
    typed = [n for n, (a, b) in enumerate(spans) if holds_type(text[a:b], asked.text, asked.given)]
    terms = evidence_terms(analyze(question), False)
    found = best_sentences(text, spans, terms, analyze_many, {}, 1000, typed=typed, max_spans=max_spans)
    return [text[s.start : s.end] for s in found]


def test_the_sentence_holding_the_answer_type_asked_is_marked_first() -> None:
    question = "How many members does the Committee against Torture have?"
    # by the terms alone, the sentence naming the committee wins and the count goes unmarked; read for
    # the type, the count's sentence is (and the one naming the committee, two sentences before it,
    # stays marked: the count's shares only "Committee" with the question)
    count = "The Committee shall consist of ten experts of high moral standing."
    assert count not in marked(CAT_17, question)
    assert typed_marks(CAT_17, question) == [CAT_17[: CAT_17.index(" Its seat")], count]
    # the count's sentence, and the sentence before it that tells what is counted (3/4 of its score)
    arrivals = typed_marks(ARRIVALS, "How many North Korean escapees arrived in South Korea in 2023?")
    assert arrivals[-1].startswith("Only 196 arrived during the year") and len(arrivals) == 2
    # nor is it left for a lead-in after it that scores as much
    elected = (
        count + " The members of the Committee against Torture shall be elected as follows:\n(a) by ballot."
    )
    assert typed_marks(elected, question) == [count, elected[len(count) + 1 : elected.index("\n")]]
    # the question's own figure is no answer: the sentence giving it is not read as typed
    figures = "The 1,170 defectors surveyed were women and men. It rained. 900 defectors surveyed were women."
    assert typed_marks(figures, "How many of the 1,170 defectors surveyed were women?") == [
        "900 defectors surveyed were women."
    ]
    # a typed sentence sharing no term of the question is not marked for its type alone
    assert typed_marks(
        "Defectors were detained. It rained on 12 days.", "How many defectors were detained?"
    ) == ["Defectors were detained."]


def engine_marks(
    text: str,
    title: str,
    question: str,
    history: tuple[str, ...] = (),
    news: str = "Refugees arrived in Seoul.\n\nThe ministry met in Geneva.",
) -> tuple[list[str], tuple[str, ...]]:
    """The sentences the engine marks in the passage of a source holding `text` (beside a short
    `news` source, which sets the terms' document frequencies) for `question`, and the earlier
    questions it was read with."""
    emb = FakeEmbedder()
    sources = [
        text_source("doc", text, title=title),
        text_source("news", news, title="News"),
    ]
    index = GroundIndex(memory_backend(prepare(sources, emb)), emb)
    answer = index.search(Query(question, k=3, history=history, explain=True))
    # (two sources are too few to answer from: the passage may be offered as related, marked alike)
    hit = next(h for h in (*answer.hits, *answer.related) if h.passage.source_id == "doc")
    assert answer.explanation is not None
    return [hit.passage.text[e.start : e.end] for e in hit.evidence], answer.explanation.history_used


def test_the_engine_marks_the_sentence_with_the_count_asked() -> None:
    text = "Convention against Torture\n\nArticle 17\n\n" + CAT_17
    question = "How many members does the Committee against Torture have?"
    news = "Torture was reported.\n\nThe committee met in Geneva."
    marks, _ = engine_marks(text, "Convention against Torture", question, news=news)
    assert marks == ["The Committee shall consist of ten experts of high moral standing."], marks


def test_the_engine_marks_the_period_a_deadline_question_asks() -> None:
    text = (
        "Refugee Act\n\nArticle 18\n\nThe Ministry's deadline to decide on a refugee application is "
        "set by this Article. It may be met early. A refugee application shall be decided within six months "
        "of its receipt."
    )
    question = "What is the deadline for the Ministry to decide a refugee application?"
    marks, _ = engine_marks(text, "Refugee Act", question)
    # the period is marked, beside the sentence naming the deadline (they stand apart)
    assert "A refugee application shall be decided within six months of its receipt." in marks, marks


def test_a_follow_up_marks_by_its_own_words_before_its_thread_s() -> None:
    text = (
        "Settlement Act\n\nArticle 7\n\nTemporary protection lasts at most 90 days. Records are kept by "
        "the Ministry. Temporary protection may be extended once by 30 days."
    )
    history = ("How many days does temporary protection last?",)
    marks, read_with = engine_marks(text, "Settlement Act", "Can it be extended?", history)
    assert read_with == history  # read as a follow-up
    # the earlier question's words count half: the extension's sentence, not the days' alone
    assert marks == ["Temporary protection may be extended once by 30 days."], marks


SEVERE = (
    "(11) Severe forms of trafficking in persons\n\n"
    "The term “severe forms of trafficking in persons” means—\n\n"
    "(A) sex trafficking in which a commercial sex act is induced by force, fraud, or coercion; or\n\n"
    "(B) the recruitment, harboring, transportation, provision, or obtaining of a person for labor."
)


def test_a_sentence_leading_into_the_next_is_marked_with_it() -> None:
    # the label and the lead-in tie; what the lead-in announces is the definition asked for
    # (the label scores as much as the lead-in: both name the term), with every item of the list
    assert marked(SEVERE, "What are severe forms of trafficking in persons?") == [
        "The term “severe forms of trafficking in persons” means—",
        SEVERE[SEVERE.index("(A)") :],
    ]
    # a short lead-in is no heading when a list follows it, though its items share the question's terms
    listed = (
        "Refugees may be detained in the following cases:\n1. illegal entry.\n2. refugees who are a danger."
    )
    assert marked(listed, "When may refugees be detained?") == [
        "Refugees may be detained in the following cases:",
        "1. illegal entry.\n2. refugees who are a danger.",
    ]
    korean = (
        "제2조 (정의) 이 법에서 사용하는 용어의 뜻은 다음과 같다.\n"
        '1. "납북자"란 본인의 의사에 반하여 북한에 억류된 자를 말한다.'
    )
    assert marked(korean, "납북자란 무슨 뜻인가요?") == [
        "제2조 (정의) 이 법에서 사용하는 용어의 뜻은 다음과 같다.",
        '1. "납북자"란 본인의 의사에 반하여 북한에 억류된 자를 말한다.',
    ]
    # the usual form of a Korean law's lead-in ("다음 각 호와 같다"), with an amendment tag after it
    reasons = (
        "제5조 (보호신청) 보호신청을 하지 아니할 수 있는 사유는 다음 각 호와 같다. <개정 2024.1.9>\n"
        "1. 국외에서 체류한 사람\n2. 대통령령으로 정하는 사람"
    )
    assert (
        marked(reasons, "보호신청을 하지 아니할 수 있는 사유는?")[-1]
        == "1. 국외에서 체류한 사람\n2. 대통령령으로 정하는 사람"
    )
    # one span asked for: the lead-in's rule gives way (the best sentence alone: at a tie with the
    # label, the lead-in, which says more)
    terms = evidence_terms(analyze("What are severe forms of trafficking in persons?"), False)
    (one,) = best_sentences(SEVERE, None, terms, analyze_many, {}, 1000, max_spans=1)
    assert SEVERE[one.start : one.end] == "The term “severe forms of trafficking in persons” means—"
    # a label scoring more than the lead-in after it is marked alone
    label = (
        "(11) Severe forms of trafficking in persons\n\nThe term means—\n\n(A) sex trafficking; or\n\n(B) X."
    )
    assert marked(label, "What are severe forms of trafficking in persons?") == [label[: label.index("\n")]]
    # a lead-in tied with a later closed sentence still leads into its list
    excluded = (
        "(c) The following persons are excluded:\n(i) war criminals;\n(ii) serious criminals.\n"
        "(d) A person excluded may appeal within 30 days.\n(e) Appeals are heard by the board."
    )
    assert marked(excluded, "Which persons are excluded?") == [
        "(c) The following persons are excluded:",
        "(i) war criminals;\n(ii) serious criminals.",
    ]
    # a sentence that leads into nothing (the passage's last) is marked alone
    assert marked("Detention of refugees includes", "refugees detention") == [
        "Detention of refugees includes"
    ]


def test_a_list_is_marked_by_its_items_of_one_kind() -> None:
    # (A) and (B) are one list; "(12) ..." starts the next definition
    section = SEVERE + "\n\n(12) Sex trafficking\n\nThe term “sex trafficking” means the recruitment."
    (_, items) = best_sentences(
        section, None, evidence_terms(analyze("severe forms of trafficking"), False), analyze_many, {}, 1000
    )
    assert section[items.start : items.end] == SEVERE[SEVERE.index("(A)") :]
    # a Chinese law's items; at most LIST_ITEMS of them
    chinese = "第三十三条 主刑的种类如下：\n\n" + "\n\n".join(f"（{n}）刑{n}；" for n in "一二三四五六七八九")
    lead, items = best_sentences(
        chinese, None, {"主刑"}, lambda ts: [["主刑"] if "主刑" in t else [] for t in ts], {}, 10
    )
    assert chinese[lead.start : lead.end] == "第三十三条 主刑的种类如下："
    assert chinese[items.start : items.end].split("\n\n") == [f"（{n}）刑{n}；" for n in "一二三四五六"]
    assert len("一二三四五六") == LIST_ITEMS


def test_a_list_runs_while_its_markers_follow_in_order() -> None:
    # roman items under a lettered definition end where the letters go on ("(i) The term ...")
    text = (
        "(h) The term “refugee protection” means—\n(i) shelter;\n(ii) food;\n"
        "(i) The term “interdiction” means the stopping of a vessel.\n(j) The term “vessel” includes boats."
    )
    assert marked(text, "What does refugee protection mean?") == [
        "(h) The term “refugee protection” means—",
        "(i) shelter;\n(ii) food;",
    ]
    # a Korean law's items in their order (가., 나.), Chinese numerals past ten, circled digits
    korean = "다음 각 목과 같다:\n가. 숙소\n나. 식량\n라. 의복"
    assert marked(korean, "다음 각 목")[-1] == "가. 숙소\n나. 식량"
    chinese = "下列情形：\n（九）甲；\n（十）乙；\n（十一）丙；\n（十三）丁；"
    _, items = best_sentences(
        chinese, None, {"情形"}, lambda ts: [["情形"] if "情形" in t else [] for t in ts], {}, 10
    )
    assert chinese[items.start : items.end] == "（九）甲；\n（十）乙；\n（十一）丙；"
    circled = "보호 기간은 다음과 같다:\n① 숙소 90일\n② 식량 30일\n④ 의복"
    assert marked(circled, "보호 기간")[-1] == "① 숙소 90일\n② 식량 30일"
    # a bullet repeats: the list runs while it does
    bullets = "Refugees receive the following:\n- shelter;\n- food;\n* no cash."
    assert marked(bullets, "What do refugees receive?")[-1] == "- shelter;\n- food;"


def test_a_sentence_left_open_before_a_list_leads_into_it() -> None:
    # 22 U.S.C. 9242 as the collection holds it: the dash before the list is lost
    text = (
        "(a) In general\n\nThe Secretary of State shall submit a report that describes, with respect to "
        "each political prison camp in North Korea, to the extent information is available\n\n"
        "(1) the camp’s estimated prisoner population;\n\n(2) the camp’s geographical coordinates;"
    )
    assert marked(text, "What must the report describe about each political prison camp?") == [
        text[text.index("The Secretary") : text.index("\n\n(1)")],
        text[text.index("(1)") :],
    ]
    # a list item left open before the next item leads into nothing
    items = "1. 항공기 납치 등 국제형사범죄자\n2. 살인 등 중대한 비정치적 범죄자"
    assert marked(items, "국제형사범죄자") == ["1. 항공기 납치 등 국제형사범죄자"]


def test_at_a_tie_a_closed_sentence_is_marked_before_a_line_left_open() -> None:
    # the numbered label names what its text says, word for word
    text = (
        "(3) Restriction on removal to a country where alien’s life or freedom would be threatened\n\n"
        "(A) In general\n\nThe Attorney General may not remove an alien to a country if the alien’s life "
        "or freedom would be threatened in that country."
    )
    assert marked(text, "Can an alien be removed where life or freedom would be threatened?") == [
        text[text.index("The Attorney") :]
    ]


def test_a_lead_in_after_the_answer_does_not_replace_it() -> None:
    # the best sentence is prose, not a label: it stays marked, the lead-in beside it as a neighbour
    text = (
        "The Committee against Torture shall consist of ten experts. The members of the Committee "
        "against Torture shall be elected as follows:\n(a) by secret ballot."
    )
    assert marked(text, "What is the Committee against Torture made of?") == [
        "The Committee against Torture shall consist of ten experts.",
        "The members of the Committee against Torture shall be elected as follows:",
    ]
    # a lead-in before a heading announces nothing marked: the heading is not marked with it
    heading = (
        "The State shall protect and assist the victims of trafficking in persons as follows:\n\n"
        "Article 5\n\nVictims shall receive shelter."
    )
    assert marked(heading, "How shall the State protect victims of trafficking?") == [
        "The State shall protect and assist the victims of trafficking in persons as follows:"
    ]


def test_a_typed_sentence_is_kept_over_a_lead_in_after_it_and_alone_when_one_span_is_asked() -> None:
    text = (
        "The Committee shall consist of 10 experts\n\nThe members of the Committee shall be elected as "
        "follows:\n\n(a) by ballot."
    )
    assert (
        typed_marks(text, "How many members does the Committee have?")[0]
        == "The Committee shall consist of 10 experts"
    )
    apart = (
        "The Committee against Torture is composed of experts of high moral standing. Its seat shall be "
        "at Geneva. The Committee shall hold 2 sessions a year."
    )
    question = "How many experts sit on the Committee against Torture?"
    assert typed_marks(apart, question, max_spans=1) == ["The Committee shall hold 2 sessions a year."]


def test_the_sentence_naming_what_is_asked_is_marked_beside_a_typed_one_apart() -> None:
    # the count's sentence shares only "Committee"; the one naming the experts is marked too
    text = (
        "The Committee against Torture is composed of experts of high moral standing. Its seat shall be "
        "at Geneva. The Committee shall hold 2 sessions a year."
    )
    assert typed_marks(text, "How many experts sit on the Committee against Torture?") == [
        "The Committee against Torture is composed of experts of high moral standing.",
        "The Committee shall hold 2 sessions a year.",
    ]


def test_a_heading_is_marked_when_nothing_else_shares_a_term() -> None:
    assert marked(ARTICLE, "What is Article 33 called?") == ["Article 33"]
    assert marked(ARTICLE, "refoulement") == ['Prohibition of Expulsion or Return ("Refoulement")']


def test_a_heading_never_joins_prose_as_its_neighbour() -> None:
    text = "Detention of defectors\n\nDefectors were detained in China for months before their return."
    assert split_sentences(text)[0] == (0, len("Detention of defectors"))
    assert marked(text, "defectors detained") == [
        "Defectors were detained in China for months before their return."
    ]


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("난민법", True),
        ("第一百九十九条 （删去）", True),
        ("MODEL TRAVEL DOCUMENT\n", True),
        ("Refugee Act\n\nArticle 1 (Purpose) This Act prescribes the status of refugees.", False),
        ("| 2023 | 196 |\n| 2024 | 236 |", False),  # a table of figures may answer
        ("The Act entered into force in 2013.", False),
        ("Capital:\nPyongyang", False),  # a label and its value: data
        ("e. Trafficking in Persons", True),  # a report's lettered subsection, cut off from its text
        ("d. Violations in Religious Freedom\n", True),
        ("b. Prohibition of Forced or Compulsory Labor", True),
        ("- Tier 3", False),  # a list item with a figure: data
        ("a. The government denied the allegations.", False),  # a sentence
        # list items of a law are content, not headings
        ("1. 일반지원시설: 피해자등을 대상으로 숙식을 제공하고 자립을 지원하는 시설", False),
        ("가. 난민인정 신청에 대한 심사가 진행 중인 사람", False),
        ("1. The Minister of Justice shall decide within six months", False),
        ("- Refugee status is granted by the Minister of Justice", False),
        ("(b) a person who has been recognised as a refugee", False),
        ("Mr. Kim Jong Un", False),
        ("No. Refugees are not returned", False),
        ("a. Refugee status: granted by the Minister", False),
        ("e. Trafficking in Persons\n\nThe government made no efforts to prevent trafficking.", False),
    ],
)
def test_bare_labels(text: str, bare: bool) -> None:
    assert is_bare_label(text) is bare


SK_TITLE = "South Korea (Republic of Korea) — 2024 Country Reports on Human Rights Practices"
SK_BLOCK = (
    "South Korea (Republic of Korea) — Country Reports on Human Rights Practices\n"
    "Editions included: 2024\nSouth Korea (Republic of Korea) — 2024 Human Rights Report"
)


@pytest.mark.parametrize(
    ("text", "title", "block"),
    [
        (SK_BLOCK, SK_TITLE, True),
        (SK_BLOCK.replace("2024\n", "2023, 2024\n\n").replace("— 2024", "— 2022–2024"), SK_TITLE, True),
        (
            "Optional Protocol to the Convention on the Rights of the Child on the sale of children",
            "Optional Protocol to the Convention on the Rights of the Child on the sale of children (2000)",
            True,
        ),
        (
            "China\n=====\n\n(also see separate Hong Kong, Macau, and Taiwan entries)",
            "The World Factbook: China",
            True,
        ),
        (
            "Universal Declaration of Human Rights\n\nPreamble",
            "Universal Declaration of Human Rights (1948)",
            True,
        ),
        # the first line is not the document's title: a label and its value are facts
        ("China\n\nAccession: 1982", "Status of ratification", False),
        ("Asylum in Korea\n\nCompetent authority\n\nMinistry of Justice", "Asylum facts", False),
        # the first line is the title, but facts follow: a label's value, a year not the title's
        ("North Korea\nCapital: Pyongyang\nGovernment type: dictatorship", "North Korea", False),
        (
            "Refugee Convention status\n\nRepublic of Korea\n\nAccession: 1992",
            "Refugee Convention status",
            False,
        ),
        (
            "Refugee Convention status\n\nRepublic of Korea: acceded 1992",
            "Refugee Convention status 1992",
            False,
        ),
        # a line with another figure, or a sentence, is not a title's
        (
            "中华人民共和国国籍法\n\n1980年9月10日 第五届全国人民代表大会第三次会议通过",
            "中华人民共和国国籍法",
            False,
        ),
        (SK_BLOCK + "\n\nThe government took steps to punish officials.", SK_TITLE, False),
        ("解释\n\n为依法惩治拐卖妇女、儿童犯罪，切实保障妇女、儿童的合法权益，现解释如下：", "解释", False),
        (SK_BLOCK + "\n\nRefugees admitted: 196", SK_TITLE, False),
    ],
)
def test_title_blocks(text: str, title: str, block: bool) -> None:
    assert is_title_block(text, title) is block


def test_a_source_s_title_block_never_answers() -> None:
    report = (
        SK_BLOCK + "\n\nSource PDF: https://example.org/report.pdf\n\nExecutive Summary\n\n"
        "There were no significant changes in the human rights situation in the Republic of Korea in 2024."
    )
    facts = "South Korea\n\nAccession: 1992\n\nSource PDF: https://example.org/facts.pdf\n\nThe rest."
    emb = FakeEmbedder()
    index = GroundIndex(
        memory_backend(
            prepare(
                [text_source("r", report, title=SK_TITLE), text_source("f", facts, title="Treaty status")],
                emb,
            )
        ),
        emb,
    )
    first = index.passages_of("r")[0]
    assert first.text == SK_BLOCK  # the title block is a passage of its own
    for question in ("South Korea 2024 Human Rights Report", "Republic of Korea human rights report 2024"):
        answer = index.search(Query(question, k=5))
        assert first.id not in [h.passage.id for h in answer.shown], question
    # a first passage that does not repeat its source's title still answers, as does a source that
    # is only its title block (it is all there is to quote)
    assert index.passages_of("f")[0].text == "South Korea\n\nAccession: 1992"
    answer = index.search(Query("South Korea accession 1992", k=5))
    assert index.passages_of("f")[0].id in [h.passage.id for h in answer.shown]
    alone = GroundIndex(memory_backend(prepare([text_source("t", SK_BLOCK, title=SK_TITLE)], emb)), emb)
    answer = alone.search(Query("South Korea 2024 Human Rights Report", k=5))
    assert [h.passage.text for h in answer.shown] == [SK_BLOCK]


def test_a_bare_title_passage_never_answers_but_may_be_related() -> None:
    law = (
        "Refugee Act\n\nChapter I General Provisions\n\nArticle 1 (Purpose) The purpose of this Act is to "
        "prescribe the status and treatment of refugees.\n\nArticle 2 (Definitions) A refugee is a foreigner "
        "who cannot return home for fear of persecution."
    )
    emb = FakeEmbedder()
    index = GroundIndex(memory_backend(prepare([text_source("act", law, title="Refugee Act")], emb)), emb)
    assert "Refugee Act" in [p.text for p in index.passages_of("act")]  # the title is a passage of its own
    for question in ("Refugee Act", "What is the Refugee Act?"):
        answer = index.search(Query(question, k=5))
        assert not any(is_bare_label(h.passage.text) for h in answer.shown), question
    # refused, the related passages are ones with text before any bare title or heading
    refused = index.search(Query("Refugee Act penalties for ship captains", k=5))
    assert not refused.answered
    with_text = [p for p in index.passages_of("act") if not is_bare_label(p.text)]
    labels = [is_bare_label(h.passage.text) for h in refused.related]
    assert labels[: len(with_text)] == [False] * len(with_text) and labels == sorted(labels)
