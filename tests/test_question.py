"""Question analysis: content terms, question words, provisions and key constraints."""

from __future__ import annotations

from datetime import date

import pytest

from index.analyzer import analyze
from index.instruments import body_forms
from index.question import (
    HALF_YEAR_END,
    analyze_question,
    calendar_year,
    english_numbers,
    provisions_in,
    section_provisions,
    spelled_out,
    without_purpose,
)


@pytest.mark.parametrize(
    ("question", "kept", "dropped"),
    [
        ("How long should bread dough rest?", ["bread", "dough", "rest"], ["long"]),
        ("How many people were detained?", ["peopl", "detain"], ["mani"]),
        ("How often is the camp register updated?", ["camp", "regist", "updat"], ["often"]),
        ("What does the convention say about expulsion?", ["convent", "expuls"], ["say"]),
        ("난민법은 난민을 어떻게 정의하나요?", ["난민", "정의"], ["어떻"]),
        ("How many times did the pump break down?", ["pump", "break"], ["mani", "time"]),
        ("How long ago did the pier close?", ["pier", "close"], ["long", "ago"]),
        ("What percentage of defectors are women?", ["defector", "woman"], ["percentag"]),
        ("What share of the budget goes to housing?", ["budget", "hous"], ["share"]),
        ("What time does the ferry leave?", ["ferri", "leav"], ["time"]),
        ("What is the time limit for an appeal?", ["time", "limit", "appeal"], []),
        ("What time zone is Seoul in?", ["time", "zone", "seoul"], []),
        ("How many years ago was the lighthouse built?", ["lighthous", "built"], ["mani", "year", "ago"]),
        ("How tall is the lighthouse on Holm?", ["lighthous", "holm"], ["tall"]),
        ("How frequently does the ferry sail?", ["ferri", "sail"], ["frequent"]),
        ("Is the tide high at noon?", ["tide", "high", "noon"], []),
        ("How high-risk are the border crossings?", ["high-risk", "border"], []),
        ("How heavy metals reach the river?", ["heavi", "metal", "river"], []),
        ("여권 갱신에는 며칠이 걸리나요?", ["여권", "갱신"], ["며칠"]),
        ("상수도를 사용하는 비율은 어느 정도인가요?", ["상수도", "비율"], ["정도"]),
        ("How many times has the Times reported it?", ["time", "report"], ["mani"]),
        # 말하는: how a source uses the term, not what is asked about ("3월 말" is the end of March)
        ("국제협약에서 말하는 '무국적자'의 정의는 무엇인가요?", ["국제", "협약", "무국적자", "정의"], ["말"]),
        ("유엔 보고서는 강제송환에 대해 뭐라고 말하나요?", ["유엔", "보고서", "강제", "송환"], ["말"]),
        # 걸리 is "take" in "how long does it take" (36 senses in the word list), content elsewhere
        ("한국에서 난민 심사는 보통 얼마나 걸려요?", ["한국", "난민", "심사"], ["걸리"]),
        ("결정까지 몇 개월이 걸리나요?", ["결정"], ["걸리"]),
        ("중국에서 걸리면 어떻게 되나요?", ["중국", "걸리"], []),
        ("얼마나 오래 걸리나요?", [], ["걸리"]),
        ("며칠이 걸렸나요?", [], ["걸리"]),
        ("기간이 얼마나 걸릴까요?", ["기간"], ["걸리"]),
        ("몇 명이 단속에 걸렸나요?", ["단속", "걸리"], []),
        # 말하기 (speaking) and 말씀 are words of their own
        ("탈북민의 말하기 능력 평가는?", ["탈북민", "말하기", "능력", "평가"], []),
    ],
)
def test_question_and_quantity_words_are_not_content(
    question: str, kept: list[str], dropped: list[str]
) -> None:
    q = analyze_question(question)
    assert all(t in q.terms for t in kept)
    assert all(t in q.dropped and t not in q.terms for t in dropped)


def test_a_hyphenated_term_matches_as_a_whole() -> None:
    assert "non-refoul" in analyze_question("What does non-refoulement mean?").terms
    doc = analyze("Convention on non-political crimes and the principle of non-refoulement")
    assert "non-refoul" in doc and "non-polit" in doc
    assert "non-refoul" not in analyze("non-political offences; return ('refouler') is barred")


@pytest.mark.parametrize(
    ("text", "provisions"),
    [
        ("What does Article 33 of the Refugee Convention say?", (("art", "33"),)),
        ("Art. 1A(2) and article 3", (("art", "1"), ("art", "3"))),
        ("난민법 제2조는 무엇인가요", (("art", "2"),)),
        ("中国刑法第二百四十条规定了什么", (("art", "240"),)),
        ("What is 22 U.S.C. 7801 about?", (("sec", "7801"),)),
        ("Under § 1158(a)(2), when is asylum barred?", (("sec", "1158"),)),
        ("How many articles does it have?", ()),
        # a branch article is its own provision, not the article it follows
        ("북한이탈주민법 제22조의2에 따른 보호 기간은?", (("art", "22-2"),)),
        ("제22조 와 제22조의2", (("art", "22"), ("art", "22-2"))),
        # without 제: right after the instrument's kind only; a bare "1조" is as often a trillion
        ("세계인권선언 14조는 무엇인가요?", (("art", "14"),)),
        ("난민법3조의2", (("art", "3-2"),)),
        ("헌법 10조", (("art", "10"),)),
        ("예산이 1조 원이 넘나요?", ()),
        ("국제법상 3조 원 규모의 지원", ()),
        ("불법 1조 원 규모의 자금", ()),
        ("불법1조원", ()),
        ("해결 방법 3조", ()),
        ("국제법 5조 달러", ()),
        # the words merely ending in 법 as whole words only: 국적법, 약사법 and 국제사법 are laws
        ("중국 국적법 9조는 무엇인가요?", (("art", "9"),)),
        ("약사법 3조", (("art", "3"),)),
        ("국제사법 3조", (("art", "3"),)),
        ("국제법 3조", ()),  # international law is no instrument
        # a sum's unit as a word, or a larger sum's next figure; not a word it begins
        ("난민협약 33조 원문", (("art", "33"),)),
        ("난민법 3조 원칙", (("art", "3"),)),
        ("난민법 3조 억류", (("art", "3"),)),
        ("협약 1조 2천억 원", ()),
        ("인권법 1조5천억원", ()),
        ("난민법 1조 원을 지원", ()),
        ("정전협정 3조", (("art", "3"),)),
        ("刑法第二百四十条之一", (("art", "240-1"),)),
        ("제3조의 2가지 요건은?", (("art", "3"),)),
        ("제3조의 2항", (("art", "3"),)),
        # Roman article numbers (the 1967 Protocol); a lower-case "i" is no numeral
        ("Article I of the 1967 Protocol and Article XIV", (("art", "1"), ("art", "14"))),
        ("article i say", ()),
    ],
)
def test_named_provisions(text: str, provisions: tuple[tuple[str, str], ...]) -> None:
    assert provisions_in(text) == provisions


def test_section_paths_name_their_provisions() -> None:
    assert section_provisions(("Chapter V", "Article 33")) == {("art", "33")}
    assert section_provisions(("제2장", "제5조(난민인정 신청)", "제3항")) == {("art", "5")}
    assert section_provisions(("第二编", "第二百四十条")) == {("art", "240")}
    assert section_provisions(("Title 22", "Chapter 85", "§ 7817")) == {("sec", "7817")}
    assert section_provisions(()) == frozenset()
    assert section_provisions(("제3장", "제22조의2(거주지 보호)")) == {("art", "22-2")}


def test_constraints_pin_down_years_figures_names_and_phrases() -> None:
    q = analyze_question('What did Kim Eun-joo say about "forced labour" in 1,170 cases in 2023?')
    kinds = {(c.kind, c.text) for c in q.constraints}
    assert kinds == {
        ("phrase", "forced labour"),
        ("number", "1,170"),
        ("year", "2023"),
        ("name", "Kim Eun-joo"),
    }
    assert next(c for c in q.constraints if c.kind == "number").terms == ("1170",)


def test_a_year_naming_an_instrument_is_no_year_constraint() -> None:
    """ "its 1995 mission agreement" names the agreement: the arbitration passage of the US Code, which
    calls it "the UNHCR Mission Agreement", answers (audit 16's en-774 was refused for lacking 1995). A
    year before a verb is still a year: "in 2023 to act"."""

    def years(question: str) -> list[str]:
        return [c.text for c in analyze_question(question).constraints if c.kind == "year"]

    assert years("What step should UNHCR take under its 1995 mission agreement?") == []
    assert years("When did China sign the 1951 Refugee Convention?") == []
    assert years("What does the 2004 Act say about radio broadcasts?") == []
    assert years("Did China fail in 2023 to act on the report?") == ["2023"]
    assert years("How many North Koreans arrived in 2023 under the agreement?") == ["2023"]


def test_constraints_skip_provision_numbers_decades_acronyms_and_question_words() -> None:
    q = analyze_question("What does Article 33 of the UN Refugee Convention say about the 1990s?")
    kinds = {(c.kind, c.text) for c in q.constraints}
    assert kinds == {("name", "Refugee Convention")}
    # a duration asked for is the answer type, no fact of the question's own
    assert [c.kind for c in analyze_question("How long should bread dough rest?").constraints] == ["answer"]


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("2019년에 한국에 입국한 탈북민은 몇 명인가요?", ["2019"]),
        ("2023년 10월 중국이 강제송환한 사람은 몇 명인가요?", ["2023"]),
        ("2019年有多少人离开?", ["2019"]),
        ("In 2019, how many defectors arrived?", ["2019"]),
        ("What happened to the defectors in 2019.", ["2019"]),
        ("2019년도 예산은 얼마였나요?", ["2019"]),
        ("2019년대비 얼마나 늘었나요?", ["2019"]),  # 대비: "compared with", not a decade
        ("1990년대 북한 대기근으로 몇 명이 사망했나요?", []),  # a decade, not a year
        ("1990 년대 대기근", []),
        ("What happened in the 1990's?", []),
        ("What happened in the 1990s?", []),
        ("Which 1600m race?", []),
        ("Is 2,019.5 km far?", []),
    ],
)
def test_a_year_is_a_constraint_in_every_language(question: str, years: list[str]) -> None:
    assert [c.text for c in analyze_question(question).constraints if c.kind == "year"] == years


def test_quantity_questions_are_recognised() -> None:
    assert analyze_question("How many North Koreans were returned?").asks_quantity
    assert analyze_question("탈북민 정착지원금은 얼마나 되나요?").asks_quantity
    assert not analyze_question("What does non-refoulement mean?").asks_quantity


@pytest.mark.parametrize(
    ("question", "months", "numbers"),
    [
        # "10월" is October, not the figure 10
        ("2023년 10월 중국이 강제송환한 사람은 몇 명인가요?", [("10월", "octob")], []),
        ("2023年10月中国遣返了多少人？", [("10月", "octob")], []),
        ("2024년 3월 15일에 무슨 일이 있었나요?", [("3월", "march")], ["15"]),
        ("How many were returned in October 2023?", [("October", "octob")], []),
        ("What happened on 12 March?", [("March", "march")], ["12"]),
        ("What did June Lee say in 2020?", [], []),  # a name
        ("What was reported in Sept. 2023 and on Oct 5?", [("Sept.", "septemb"), ("Oct", "octob")], []),
        ("May defectors work there since May 2023?", [("May", "may")], []),
        # a counter is a figure; the modal verb, a name and a question's first word are not months
        ("탈북민 10명 중 몇 명이 여성인가요?", [], ["10"]),
        ("10개월 동안 몇 명이 구금됐나요?", [], ["10"]),  # ten months: a duration
        ("May defectors work in China?", [], []),
        ("What did Jan Egeland report?", [], []),
        ("March across the border at night?", [], []),
    ],
)
def test_a_month_is_a_constraint_in_every_language_not_a_figure(
    question: str, months: list[tuple[str, str]], numbers: list[str]
) -> None:
    constraints = analyze_question(question).constraints
    assert [(c.text, c.terms[0]) for c in constraints if c.kind == "month"] == months
    assert [c.text for c in constraints if c.kind == "number"] == numbers
    assert all(c.kind != "name" or c.text not in {"October", "March", "May"} for c in constraints)


def test_a_month_is_found_in_any_of_the_forms_a_passage_writes_it() -> None:
    constraints = analyze_question("2023년 10월에 몇 명이 송환됐나요?").constraints
    (october,) = [c for c in constraints if c.kind == "month"]
    forms = {october.terms, *october.alternatives}

    def held(passage: str, cjk: bool) -> bool:
        terms = set(analyze(passage))
        return any(set(f) <= terms for f in forms) or (cjk and set(october.cjk) <= terms)

    # "In October 2023", "Oct. 2023", "2023년 10월" and "2023年10月" as the analyzer indexes them
    assert held("In October 2023 they were returned.", cjk=False) and held("Oct. 2023", cjk=False)
    assert held("2023년 10월", cjk=True) and held("2023年10月", cjk=True)
    assert not held("In November 2023 they were returned.", cjk=False)
    # in an English passage a bare 10 is a figure, not October
    assert not held("In March 2023 China returned 10 defectors.", cjk=False)


def test_a_quoted_phrase_keeps_all_its_words_in_order() -> None:
    """Question words are no content terms, but a quoted phrase holds them in a row in a passage."""
    (phrase,) = analyze_question('报告中"受到了酷刑"指什么？').constraints
    assert phrase.kind == "phrase" and "到了" not in phrase.terms
    assert phrase.in_order == tuple(analyze("受到了酷刑"))


def _names(question: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The question's name constraints: text -> alternatives."""
    return {c.text: c.alternatives for c in analyze_question(question).constraints if c.kind == "name"}


@pytest.mark.parametrize(
    "question",
    [
        "How many disappearances does Tokyo think were abductions?",
        "Why won't Beijing treat them as refugees?",
        "What does the law say about how Beijing treats asylum seekers?",
        "How many civilians does Seoul officially recognise as abducted?",
        "Should Washington's strategy list the countries?",
        "Has Pyongyang let her visit?",
    ],
)
def test_a_capital_that_acts_stands_for_its_government(question: str) -> None:
    """ "does Tokyo think" is met by a passage about the Japanese government: the capital's country,
    nationality and abbreviation are other forms of the name."""
    ((capital, alternatives),) = _names(question).items()
    assert capital in {"Tokyo", "Beijing", "Seoul", "Washington", "Pyongyang"}
    assert alternatives and all(alternatives)


@pytest.mark.parametrize(
    "question",
    [
        "What is the population of Pyongyang?",
        "Why was the OHCHR Seoul office criticised?",
        "What time does the last Seoul subway train leave?",
        "How many Seoul residents are defectors?",
        "Why do Seoul residents move?",
        "Are Tokyo courts independent?",
        "How many Pyongyang markets sell rice?",
        "Do defectors live in Seoul only?",
        "Which district of Seoul has the most defectors?",
        "Someone in Seoul is running a paid support group. Is that allowed?",
    ],
)
def test_a_capital_named_as_a_place_is_only_itself(question: str) -> None:
    assert list(_names(question).values()) == [()]


def test_a_possessive_ends_a_name() -> None:
    names = _names("Should Washington's North Korea human rights strategy list the countries?")
    assert list(names) == ["Washington", "North Korea"]
    assert names["Washington"] == (tuple(analyze("United States")), ("america",), ("american",), ("u", "s"))
    refugee_act = _names("What does Article 3 of South Korea's Refugee Act say?")
    assert list(refugee_act) == ["South Korea", "Refugee Act"]
    # an acronym is no name, unless possessive (the question is about it) or a body's the field knows
    assert list(_names("What is the TJWG budget in Seoul?")) == ["Seoul"]
    assert list(_names("What is TJWG's budget?")) == ["TJWG"]
    assert list(_names("What is the UNHCR budget in Seoul?")) == ["UNHCR", "Seoul"]


def test_the_pronoun_i_is_no_name_however_contracted() -> None:
    """A question that goes on in a sentence of its own ("... I'm trying to understand ...") names no
    one by its "I'm": a name no passage holds refused it (audit 20's en-947)."""
    for pronoun in ("I'm", "I’m", "I've", "I'd", "I'll", "I"):
        question = f"Does China let the agency work near its borders? {pronoun} read the report."
        assert list(_names(question)) == ["China"], pronoun


def test_a_hyphenated_word_of_a_name_is_held_by_its_parts() -> None:
    """ "Kim Jong-il" is met by "KIM Jong Il": the parts are the name's terms, not the joined word;
    a hyphenated word outside a name stays whole ("non-refoulement")."""
    kim = next(
        c for c in analyze_question("When did Kim Jong-il become chairman?").constraints if c.kind == "name"
    )
    assert kim.terms == ("kim", "jong", "il")
    assert "non-refoul" in analyze_question("Does non-refoulement bind China?").terms


def test_a_name_made_an_adjective_is_the_name_before_the_hyphen() -> None:
    """ "the Chongryon-backed campaign" names Chongryon, as the source writes it ("Chongryon
    encouraged the repatriation"); no passage holds "Chongryon-backed"."""
    assert list(_names("How many Koreans left Japan in the Chongryon-backed repatriation campaign?")) == [
        "Koreans",
        "Japan",
        "Chongryon",
    ]
    assert list(_names("What did the Seoul-based group Transitional Justice Working Group report?")) == [
        "Seoul",
        "Transitional Justice Working Group",
    ]
    assert _names("Did UN-led talks resume?") == {}  # an acronym, as "UN" alone
    assert list(_names("When did Kim Il-sung die?")) == ["Kim Il-sung"]  # a name's own hyphen stays
    assert list(_names("What did the TJWG High-level Segment pledge?")) == ["High-level Segment"]


def test_a_comma_or_a_bracket_ends_a_name() -> None:
    """ "Pyongyang, Wang Yajun" is two names: joined, no passage would hold "Pyongyang Wang Yajun"."""
    assert list(_names("What did China's ambassador in Pyongyang, Wang Yajun, say?")) == [
        "China",
        "Pyongyang",
        "Wang Yajun",
    ]
    assert list(_names("Did the Special Rapporteur (Elizabeth Salmón) visit?")) == [
        "Special Rapporteur",
        "Elizabeth Salmón",
    ]
    assert list(_names("Which of the United States, Canada and Japan admit refugees?")) == [
        "United States",
        "Canada",
        "Japan",
    ]
    assert list(_names("Did Kim Jong Un visit Beijing?")) == ["Kim Jong Un", "Beijing"]
    assert list(_names('Did the Great Leader" Kim Il Sung visit Moscow?')) == [
        "Great Leader",
        "Kim Il Sung",
        "Moscow",
    ]


@pytest.mark.parametrize(
    ("question", "names"),
    [
        # the UN adopted the instrument; its own text need not say so
        (
            "What does the United Nations Convention on the Rights of the Child say?",
            ["Convention", "Rights", "Child"],
        ),
        ("Is the United Nations Declaration binding?", ["Declaration"]),
        # the UN itself, or one of its offices, is a name
        ("Where is the United Nations headquarters?", ["United Nations"]),
        (
            "What does the United Nations High Commissioner for Refugees do?",
            ["United Nations High Commissioner", "Refugees"],
        ),
    ],
)
def test_the_united_nations_before_an_instrument_is_not_a_name_an_answer_must_hold(
    question: str, names: list[str]
) -> None:
    assert list(_names(question)) == names


def test_a_country_a_korean_question_names_is_a_name_it_must_hold() -> None:
    # held in English passages by its English name or nationality, in Korean ones as written
    (thailand,) = [
        c
        for c in analyze_question("2021년에 태국에 도착한 탈북민은 몇 명인가요?").constraints
        if c.kind == "name"
    ]
    assert (thailand.text, thailand.terms, thailand.cjk) == ("태국", ("thailand",), ("태국",))
    assert ("thai",) in thailand.alternatives
    burma = next(c for c in analyze_question("미얀마로 간 탈북민").constraints if c.kind == "name")
    assert burma.terms == ("burma",) and ("myanmar",) in burma.alternatives
    # the two Koreas are what nearly every question is about: no key fact
    assert not [
        c for c in analyze_question("한국에 입국한 탈북민은 몇 명인가요?").constraints if c.kind == "name"
    ]


def test_a_city_a_korean_question_asking_a_key_fact_names_is_a_name_it_must_hold() -> None:
    # held by a passage writing it in English, in Korean or in Chinese
    (seoul,) = [
        c
        for c in analyze_question("유엔난민기구 서울 사무소는 몇 년에 처음 문을 열었나요?").constraints
        if c.kind == "name"
    ]
    assert (seoul.text, seoul.terms) == ("서울", ("seoul",))
    assert ("서울",) in seoul.alternatives and ("首尔",) in seoul.alternatives
    shenyang = [
        c
        for c in analyze_question("선양 총영사관에서 몇 달 기다려야 하나요?").constraints
        if c.kind == "name"
    ]
    assert [c.terms for c in shenyang] == [("shenyang",)]
    # not asked of what happened there, nor the word 선양 ("promotion") that spells Shenyang's name
    assert not [
        c
        for c in analyze_question("선양에 있는 탈북민들이 협박을 받았다는 보도가 있나요?").constraints
        if c.kind == "name"
    ]
    assert not [
        c
        for c in analyze_question("국위 선양을 위해 북한은 올림픽에 몇 명의 선수를 보냈나요?").constraints
        if c.kind == "name"
    ]
    # a city the sources romanise with marks is held that way too (Ch'ŏngjin)
    (chongjin,) = [
        c for c in analyze_question("1987년 청진의 인구는 몇 명이었나요?").constraints if c.kind == "name"
    ]
    assert ("ch'ongjin",) in chongjin.alternatives


@pytest.mark.parametrize(
    ("question", "moment"),
    [
        ("오늘 서울 날씨 어때?", "오늘"),
        ("이번 주말 서울 날씨 어때요? 비 온대요?", "이번 주말"),
        ("내일 서울 미세먼지 어때요?", "내일"),
        ("Will it rain in Seoul this Saturday?", "this Saturday"),
        ("Is the KTX to Busan sold out tomorrow?", "tomorrow"),
        # the present a source may tell of, what it may state as in force, or up to its date
        ("What happens today to North Koreans returned from China?", None),
        ("Who's in that job right now?", None),
        ("오늘날 북한의 인구는 얼마인가요?", None),
        ("지금의 북한이탈주민법이 제정되면서 없어진 예전 법률 이름이 뭐였나요?", None),
        ("How many defectors have arrived so far?", None),
        ("Is the law still in force now?", None),
        ("Is today's law the same as the 1997 act?", None),
        # the asker's own day, in an aside or a clause that sets the scene
        ("I am flying to Seoul tomorrow. What documents does a defector need?", None),
        ("I have my refugee interview tomorrow; can I get a lawyer?", None),
        ("내일 난민 면접이 있는데 변호사의 도움을 받을 수 있나요?", None),
        ("오늘 하나원을 수료했는데 정착금은 양도할 수 있나요?", None),
        # a word of its own, and not the present up to which a source tells
        ("보호신청은 국내 입국 후 3년 이내일 때만 가능한가요?", None),
        ("제가 이번 주민등록번호 정정 신청을 하려면 어디에 해야 하나요?", None),
        ("1990년대부터 오늘까지 북한 인구는 어떻게 변했나요?", None),
        ("이번 주 토요일 춘천에 비 온대요? 야외 예배 해도 될까요?", "이번 주"),
    ],
)
def test_the_question_s_present_is_a_moment_no_source_holds(question: str, moment: str | None) -> None:
    found = [c.text for c in analyze_question(question).constraints if c.kind == "moment"]
    assert found == ([moment] if moment else [])


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("How many North Koreans came in as refugees last year?", ("2025", "last year")),
        ("What's the deadline for my tax return this year?", ("2026", "this year")),
        ("Will the budget grow next year?", ("2027", "next year")),
        ("그 위원회가 지난해 심의한 이의신청은 몇 건이었나요?", ("2025", "지난해")),
        ("작년에 한국 들어온 탈북민 중에 여성이 몇 퍼센트였어요?", ("2025", "작년")),
        ("그럼 올해 최저임금은 시간당 얼마예요?", ("2026", "올해")),
        ("내년 정착지원 예산은요?", ("2027", "내년")),
        ("去年有多少人被遣返？", ("2025", "去年")),
        # a series' last year, the past twelve months, the thread's next year, a word that holds the letters
        ("What was the last year of the famine?", None),
        ("How many arrived over the last year?", None),
        ("And the next year?", None),
        ("지난 해외 출장에서 무엇을 했나요?", None),
        ("Last year, how many North Koreans did the U.S. resettle?", ("2025", "Last year")),
        ("지난 한 해 동안 몇 명이 입국했나요?", ("2025", "지난 한 해")),
        ("올 한 해 예산은 얼마예요?", ("2026", "올 한 해")),
        # a war's or a body's last year, a report named by its year, a year-long programme
        ("What was the sex ratio in the Korean War's last year?", None),
        ("What happened to the IRO in its last year?", None),
        ("How many did last year's State Department report count?", None),
        ("What is the standard deduction on this year's return?", None),
        ("How long is this year-long programme?", None),
        # in a sentence, clause or condition that sets the scene
        ("Client reached Seoul last year. Does South Korean law give her citizenship?", None),
        ("작년에 입국했는데 정착금은 얼마나 받을 수 있나요?", None),
        ("작년에 난민 신청이 불허되었다면 이의신청을 할 수 있나요?", None),
        ("Can a defector who arrived last year get housing support?", None),
        ("If I was rejected last year, how many days do I have to appeal?", None),
        ("When I arrived in South Korea last year, what support was I entitled to?", None),
        ("What should I do to get housing support now that I arrived last year?", None),
        ("작년에 입국하여 정착지원을 받으려면 무엇이 필요한가요?", None),
        ("My sister defected last year — how long can she stay in the facility?", None),
        # a who-clause a count asks of is what it counts
        ("What is the number of North Korean defectors who arrived last year?", ("2025", "last year")),
    ],
)
def test_a_calendar_year_is_counted_from_the_day_asked(question: str, year: tuple[str, str] | None) -> None:
    assert calendar_year(question, date(2026, 12, 1)) == year


def test_a_states_name_is_met_by_its_other_names() -> None:
    """ "American policy" is "U.S. policy" in a passage; "the North Korean government" the DPRK's."""
    american = _names("Which law guides American policy toward Tibet?")["American"]
    assert {("america",), tuple(analyze("United States")), tuple(analyze("U.S."))} <= set(american)
    assert ("dprk",) in _names("What did the North Korean government say?")["North Korean"]
    assert _names("Did the Refugee Convention apply in Tibet?") == {"Refugee Convention": (), "Tibet": ()}


def test_our_country_in_a_korean_question_is_the_republic_of_korea() -> None:
    """ "우리나라" names Korea as its laws do (대한민국); 나라 alone stays a country."""
    assert analyze_question("우리나라는 국교가 있나요").terms == ("대한민국", "국교")
    assert "대한민국" in analyze_question("우리 나라의 난민 인정률은?").terms
    assert analyze_question("북한은 어떤 나라인가요?").terms == ("북한", "나라")
    # the phrase is replaced, not every 나라 after it
    assert analyze_question("우리나라는 몇 나라와 조약을 맺었나요?").terms[:2] == ("대한민국", "나라")


@pytest.mark.parametrize(
    "question",
    [
        "Can the ICC try someone who was 16 when the crime was committed?",
        "And what does the law call workers aged 16 to 18?",
        "Is a 15-year-old a child?",
        "만 18세 미만은 아동인가요?",
        "Can 16-year-olds be tried by the ICC?",
        "What about workers aged between 16 and 18?",
        "보호 결정을 받을 때 55세였던 탈북민도 국민연금을 받을 수 있나요?",
        "60세부터 받을 수 있나요?",
    ],
)
def test_an_age_the_question_supposes_is_no_fact_to_find(question: str) -> None:
    """The answer states the rule ("under the age of 18"), not the age supposed."""
    assert not [c for c in analyze_question(question).constraints if c.kind == "number"]


def test_other_numbers_stay_facts_to_find() -> None:
    assert [c.text for c in analyze_question("What happened to the 12 abductees?").constraints] == ["12"]
    assert [c.text for c in analyze_question("Who were 500 detainees released?").constraints] == ["500"]


def test_a_century_is_no_age() -> None:
    """세 before 기 is "century", not "years old": "20세기" keeps its number."""
    numbers = [c.text for c in analyze_question("20세기에 몇 명이 왔나요?").constraints if c.kind == "number"]
    assert numbers == ["20"]


def test_a_number_is_found_in_the_forms_passages_write_it() -> None:
    """An ordinal is met by "38th" and by "38"; a number by its Han numeral in a Chinese passage
    (不满十四周岁, "under fourteen", as the analyzer's character bigrams)."""
    (ordinal,) = analyze_question("Which officers chose the 38th parallel?").constraints
    assert ordinal.terms == ("38th",) and ordinal.alternatives[0] == ("38",)
    (fourteen,) = [c for c in analyze_question("Children under 14 beg").constraints if c.kind != "name"]
    assert fourteen.terms == ("14",) and fourteen.cjk == ("十四",)
    assert set(fourteen.cjk) <= set(analyze("不满十四周岁的"))
    (big, _) = analyze_question("Of the 1,170 detained, how many?").constraints  # and "a figure"
    assert big.cjk == ("一千", "千一", "一百", "百七", "七十")


def test_a_korean_count_in_ten_thousands_is_met_in_full_and_a_decade_is_no_number() -> None:
    """68만 is 680,000 as an English source writes it (the analyzer keeps "680,000" as 680000); 억 and
    천 count too. "80년대" and "the 80s" are decades, no figure a passage must hold."""
    (korean,) = [
        c
        for c in analyze_question("일본에 사는 한국계 주민이 68만 명 정도인가요?").constraints
        if c.kind == "number"
    ]
    assert korean.terms == ("68",) and ("680000",) in korean.alternatives
    assert set(korean.alternatives[0]) <= set(analyze("Japan's approximately 680,000 Koreans"))
    (money,) = [c for c in analyze_question("보로금은 최대 10억원인가요?").constraints if c.kind == "number"]
    assert ("1000000000",) in money.alternatives
    for decade in (
        "80년대에 이산가족 상봉을 했나요?",
        "How many families met in the 80s?",
        "What of the '90s?",
    ):
        assert not [c for c in analyze_question(decade).constraints if c.kind == "number"]


@pytest.mark.parametrize(
    ("question", "agent"),
    [
        ("When did South Korea ratify the Palermo Protocol?", "South Korea"),
        ("Has China ever signed the Refugee Convention?", "China"),
        ("Did North Korea accede to the Convention against Torture?", "North Korea"),
        # a state's acronym so asked is its name ("PRC" held by "China" in a passage)
        ("In what year did the PRC accede to the Refugee Convention?", "PRC"),
        ("When did the ROK ratify the Palermo Protocol?", "ROK"),
        ("Did UNHCR sign the agreement?", None),  # no state
        ("What did the PRC say about the Refugee Convention?", None),  # no treaty act
        # a Korean question's state, the subject of 가입 / 비준 / 서명 / 탈퇴 (the two Koreas too)
        ("중국은 몇 년에 난민협약에 가입했나요?", "중국"),
        ("대한민국은 난민협약에 몇 년에 가입했나요?", "대한민국"),
        ("난민의정서는 언제 서명됐나요?", None),  # no state
        ("중국에서 탈북민은 어떻게 되나요?", None),  # no treaty act
        ("한국은 탈북민의 국민연금 가입을 어떻게 지원하나요?", None),  # no treaty: a pension's 가입
        ("중국은 탈북자 강제송환 반대 서명운동에 어떻게 대응했나요?", None),  # a petition's 서명
        ("What does South Korea's Refugee Act say about detention?", None),
        ("How many refugees did South Korea recognise?", None),
        ("When does the Convention enter into force?", None),
    ],
)
def test_a_state_a_treaty_act_is_asked_about_is_a_key_fact(question: str, agent: str | None) -> None:
    """The treaty's article on ratification names no state: "When did South Korea ratify ...?" needs a
    passage naming South Korea, however common the name is in the collection."""
    agents = [c.text for c in analyze_question(question).constraints if c.kind == "name" and c.agent]
    assert agents == ([agent] if agent else [])


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        # a claim checked against what the question then asks: its figures and names are set aside
        (
            "A post claims ICC prisoners serving life can get a sentence-reduction review after 15 years. "
            "Check that against Article 110 of the Rome Statute.",
            ["Rome Statute"],
        ),
        (
            "A draft says South Korea's anti-trafficking council is chaired by the Minister of Gender "
            "Equality and Family. Who chairs it under the current law?",
            [],
        ),
        (
            "Draft caption: 'The 1967 Refugee Protocol, signed by UN Secretary-General Dag Hammarskjöld.' "
            "Whose signatures appear at the end of the Protocol text?",
            ["Protocol"],
        ),
        (
            "A campaigner claimed in 2019 that 3,000 defectors were sent back. What do the State "
            "Department reports say about repatriations?",
            ["State Department"],
        ),
        (
            "A draft says the Act took effect in 2013; check it against Article 1 of the Refugee Act. "
            "Also, who enforces it?",
            ["Refugee Act"],
        ),
        ("Claim: North Korea executed 50 people in 2019. What do the reports say about executions?", []),
        # the instrument the claim names, when the question after it names none of its own
        (
            "A post claims that the Refugee Act allows detention for 10 days. Is that true under Article 40?",
            ["Refugee Act"],
        ),
        (
            "A post claims the U.S. Congress passed the North Korean Human Rights Act in 2004. What does it "
            "say about refugees?",
            ["North Korean Human Rights Act"],
        ),
        # nothing asked of its own after the claim: the claim is what is asked
        (
            "A post claims China sent back 5,000 defectors in 2025. Is that true? Please cite the source.",
            ["2025", "5,000", "China"],
        ),
        (
            "A post claims China sent back 5,000 defectors in 2025. Do the sources back this up?",
            ["2025", "5,000", "China"],
        ),
        # a noun "claims", a source's statement, a body that claims: no claim checked
        ("Asylum claims rose to 18,000 in 2023. How many were granted?", ["2023", "18,000"]),
        (
            "The OHCHR statement says China forcibly returned 500 North Koreans in 2023. Which provinces "
            "were they held in?",
            ["2023", "500", "OHCHR", "China", "North Koreans"],
        ),
        ("HRW claims 600 were repatriated. How many were women?", ["600"]),
        ("A post claims China sent back 5,000 defectors in 2025. Is that right?", ["2025", "5,000", "China"]),
        # a source's words, or a claim inside the question, are no claim checked before it
        (
            "The State Department report says 600 were repatriated. How many were women?",
            ["600", "State Department"],
        ),
        ("Does China claim that defectors crossed in 2019 for economic reasons?", ["2019", "China"]),
    ],
)
def test_a_claim_checked_before_the_question_holds_no_key_facts(question: str, kept: list[str]) -> None:
    """ "A post claims ... after 15 years. Check that against Article 110": the claim is what is
    checked, wrong as often as right; its figures and names are searched, but a passage need not hold
    them. Only when the question asks something of its own after it."""
    found = [c.text for c in analyze_question(question).constraints if c.kind in ("name", "number", "year")]
    assert sorted(found) == sorted(kept)


@pytest.mark.parametrize(
    ("question", "names"),
    [
        (
            "Is there an Asia-wide human rights convention or commission like the European or "
            "Inter-American systems?",
            ["Asia-wide"],
        ),
        ("Which countries other than China repatriate North Korean defectors?", ["North Korean"]),
        # what is compared named by its places ("the systems in Europe, ..."), not only by its own name
        (
            "Is there any Asia-wide rights treaty, like the systems in Europe, Africa and the Americas?",
            ["Asia-wide"],
        ),
        ("Does Japan, unlike the courts of South Korea, hear such claims?", ["Japan"]),
        # not a verb's object or a place said of the subject
        ("Why are defectors detained rather than protected in China?", ["China"]),
        ("Besides working in China, what do women defectors do?", ["China"]),
        ("Do defectors like the schools in South Korea?", ["South Korea"]),
        ("Apart from brokers in Yanbian, who helps defectors cross?", ["Yanbian"]),
        # an example of what is asked about is its subject, not a comparison
        (
            "Do countries such as Thailand and Laos deport North Koreans?",
            ["Thailand", "Laos", "North Koreans"],
        ),
        ("How long may a defector be kept in a resettlement facility like Hanawon?", ["Hanawon"]),
        ("Why did defectors like Thae Yong-ho leave their posts?", ["Thae Yong-ho"]),
        ("Did Thailand, unlike South Korea, deport defectors?", ["Thailand"]),
        ("What would North Korea like to achieve?", ["North Korea"]),
    ],
)
def test_names_compared_with_are_searched_but_not_required(question: str, names: list[str]) -> None:
    """ "like the European or Inter-American systems", "other than China": a passage need not name
    what the question compares with or sets aside; an example of its subject ("like Hanawon", "such as
    Thailand") it must."""
    assert [c.text for c in analyze_question(question).constraints if c.kind == "name"] == names
    assert "inter-american" in analyze_question(question).terms or "Inter-American" not in question


@pytest.mark.parametrize(
    ("question", "outside"),
    [
        # the bigram straddling a Chinese article reference is the reference's, not the law's name
        ("刑法第240条", ("刑法",)),
        ("刑法第二百四十条", ("刑法",)),
        ("中国刑法第240条规定了什么？", ("中国", "国刑", "刑法", "规定")),
        ("What does Article 240 of the Chinese Criminal Law say?", ("chines", "crimin", "law")),
        ("난민법 제3조", ("난민", "법")),
    ],
)
def test_the_terms_outside_a_provision_reference(question: str, outside: tuple[str, ...]) -> None:
    q = analyze_question(question)
    assert tuple(t for t in q.terms if t not in q.provision_terms) == outside


@pytest.mark.parametrize(
    "question",
    [
        "How many defectors did South Korea admit in the first half of 2024?",
        "How many arrived in the first six months of 2024?",
        "2024년 상반기에 한국에 들어온 탈북민은 몇 명인가요?",
    ],
)
def test_the_first_half_of_a_year_also_searches_the_month_it_ends_in(question: str) -> None:
    """Reports date a half-year's figure by its last month ("105 DPRK citizens through June"): the
    question searches "June" as the analyzer indexes it, once, beside its own terms."""
    terms = analyze_question(question).terms
    assert analyze("June") == [HALF_YEAR_END]
    assert terms.count(HALF_YEAR_END) == 1 and len(terms) > 1
    assert HALF_YEAR_END not in analyze_question("How many defectors did South Korea admit in 2024?").terms
    assert HALF_YEAR_END not in analyze_question("What happened in the second half of 2024?").terms
    # the first months of something else than a year
    after = "What do defectors learn in the first six months after arriving at Hanawon?"
    assert HALF_YEAR_END not in analyze_question(after).terms


def test_an_institution_s_abbreviated_words_are_read_written_out() -> None:
    """ "State Dept 2024 South Korea report: ...?" names the State Department, as its sources and their
    publishers write it: "Dept" is no name of its own that a passage must hold."""
    assert spelled_out("State Dept 2024 report") == "State Department 2024 report"
    assert (
        spelled_out("the Chinese govt. and the Int’l Covenant")
        == "the Chinese government and the International Covenant"
    )
    assert spelled_out("the dept of state") == "the department of state"
    assert spelled_out("Departure and deputy") == "Departure and deputy"
    assert spelled_out("Who heads the State Dept.") == "Who heads the State Department."  # its full stop
    q = analyze_question(
        "State Dept 2024 South Korea report: what was the recognition rate between January and July?"
    )
    assert "depart" in q.terms and "dept" not in q.terms
    assert "Dept" not in [c.text for c in q.constraints]


def test_a_question_in_keywords_drops_the_number_it_asks_from_its_terms() -> None:
    """ "total number of North Korean defectors living in South Korea today?" asks a count: "total"
    and "number" frame it as "how many" does, and no passage need hold them; inside a question they
    stay ("What is the number of the article?")."""
    q = analyze_question("total number of North Korean defectors living in South Korea today?")
    assert {"total", "number"} <= set(q.dropped) and not {"total", "number"} & set(q.terms)
    assert "number" in analyze_question("What is the number of the article?").terms


def test_a_body_s_acronym_is_a_name_held_by_the_body_written_out() -> None:
    """ "What organisation came before UNHCR?" names the body the IRO article writes out ("... replaced
    by the Office of the United Nations High Commissioner for Refugees (UNHCR)"): a key name held by
    the acronym or either written form; another acronym stays no name (the sources spell them out)."""
    (unhcr,) = [
        c for c in analyze_question("What organisation came before UNHCR?").constraints if c.kind == "name"
    ]
    assert unhcr.text == "UNHCR" and unhcr.terms == ("unhcr",)
    assert tuple(analyze("United Nations High Commissioner for Refugees")) in unhcr.alternatives
    assert tuple(analyze("UN High Commissioner for Refugees")) in unhcr.alternatives
    assert [c for c in analyze_question("What did the TJWG report?").constraints if c.kind == "name"] == []
    # (as the State Department spells the ILO too: "the International Labor Organization's Department")
    (ilo,) = [c for c in analyze_question("What did the ILO count?").constraints if c.kind == "name"]
    assert tuple(analyze("International Labor Organization")) in ilo.alternatives
    # and a body written out is held by its acronym ("IRO closed its operations ...") or another spelling
    (iro,) = [
        c
        for c in analyze_question("When did the International Refugee Organization close?").constraints
        if c.kind == "name"
    ]
    assert ("iro",) in iro.alternatives
    (labour,) = [
        c
        for c in analyze_question("What did the International Labour Organization say?").constraints
        if c.kind == "name"
    ]
    assert ("ilo",) in labour.alternatives and tuple(
        analyze("International Labor Organization")
    ) in labour.alternatives
    assert body_forms("Ministry of Unification") == ()


@pytest.mark.parametrize(
    ("question", "terms", "dropped"),
    [
        # a stop word with its clitic: "what's" is stemmed to "what", which no passage is searched by
        ("What's the deadline?", ("deadlin",), ("what",)),
        ("I'm asking: don't detainees get counsel?", ("ask", "detaine", "get", "counsel"), ("i'm", "don't")),
        ("Can't refugees work? It’s unclear", ("refuge", "work", "unclear"), ("can't", "it")),
        # words that stress or attribute ("per the report", "what exactly")
        ("Per the report, what exactly happened?", ("report",), ("per", "exact", "happen")),
        # a name's possessive and a name with an apostrophe stay
        ("What is Korea's O'Neil plan?", ("korea", "o'neil", "plan"), ()),
        ("Who was A'Court?", ("a'court",), ()),
        # a content word whose stem is a stop word stays (a review, 2026-12-06)
        ("What are the underlying causes?", ("under", "caus"), ()),
        ("Are defectors willing to return?", ("defector", "will", "return"), ()),
    ],
)
def test_function_words_with_their_clitics_are_no_content(
    question: str, terms: tuple[str, ...], dropped: tuple[str, ...]
) -> None:
    """ "What's", "I'm", "don't" and "per" name nothing a passage must hold: they are dropped as
    question words are (`dropped`), not weighed as the rarest terms of the question."""
    q = analyze_question(question)
    assert q.terms == terms
    assert set(dropped) <= set(q.dropped)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        (
            "For a comparison of treaty-body sizes: how large was the CEDAW Committee?",
            "how large was the CEDAW Committee?",
        ),
        ("For my thesis, what does Article 12 say?", "what does Article 12 say?"),
        (
            "Per Art. 12(4) ICCPR, what is protected? I'm using it for a right-of-return argument.",
            "Per Art. 12(4) ICCPR, what is protected?",
        ),
        # what the work is about stays: it says what is asked ("these women")
        (
            "I'm writing a piece on how women are trafficked in China. What did the groups say about them?",
            "I'm writing a piece on how women are trafficked in China. What did the groups say about them?",
        ),
        # no purpose: a lead naming a person, a source, or nothing else; a work on or about its topic, and
        # words of the field that name works too (a review, 2026-12-06)
        ("For a refugee, what rights apply?", "For a refugee, what rights apply?"),
        (
            "For my thesis on North Korean defectors in China, how many were repatriated in 2019?",
            "For my thesis on North Korean defectors in China, how many were repatriated in 2019?",
        ),
        (
            "For an Article 1F exclusion, what standard of proof applies?",
            "For an Article 1F exclusion, what standard of proof applies?",
        ),
        (
            "For a judicial review of a refugee decision, what is the deadline?",
            "For a judicial review of a refugee decision, what is the deadline?",
        ),
        (
            "I'm comparing the 1951 Convention and the 1967 Protocol. Which removed the geographic limit?",
            "I'm comparing the 1951 Convention and the 1967 Protocol. Which removed the geographic limit?",
        ),
        (
            "I'm working with a defector who arrived in 2019. What benefits can she get?",
            "I'm working with a defector who arrived in 2019. What benefits can she get?",
        ),
        # leads one after another go, and the question reads the same when read again
        ("For our project: For my thesis, what is UNHCR?", "what is UNHCR?"),
        ("In a study of detention, what did HRW find?", "In a study of detention, what did HRW find?"),
        ("For my thesis:", "For my thesis:"),
    ],
)
def test_what_the_asker_says_a_question_serves_is_not_searched(question: str, asked: str) -> None:
    """ "For a comparison of treaty-body sizes: how large ...?" asks how large: the words of the
    asker's purpose (a lead naming their work, a sentence saying what they use the answer for) are
    neither searched nor weighed; the question alone is left when nothing else would be."""
    assert without_purpose(question) == asked
    assert without_purpose(asked) == asked
    assert analyze_question(question).terms == analyze_question(asked).terms


@pytest.mark.parametrize(
    ("question", "names"),
    [
        # the first word of a later sentence is capitalised as the question's first word is
        (
            "What term does Chinese criminal law set for buying a woman? Thinking about North Korean brides.",
            ["Chinese", "North Korean"],
        ),
        ("Is it legal? Asking for a friend in Seoul.", ["Seoul"]),
        # a full stop after an abbreviation ends no sentence
        ("Did Mr. Kim write to the U.S. Congress?", ["Mr. Kim", "Congress"]),
        ("What did Rev. Kim Seung-eun do for defectors?", ["Rev. Kim Seung-eun"]),
        ("What happened at Mt. Paektu?", ["Mt. Paektu"]),
    ],
)
def test_a_sentence_s_first_word_is_no_name(question: str, names: list[str]) -> None:
    """ "..., a woman? Thinking about North Korean brides." holds no name "Thinking" a passage must hold:
    a sentence's first word is capitalised because it starts one, wherever the sentence stands."""
    assert [c.text for c in analyze_question(question).constraints if c.kind == "name"] == names


def test_a_number_in_a_question_is_held_in_words() -> None:
    """ "once 35 states have joined": CEDAW's article 17 says "by the thirty-fifth State Party"; a number
    of the question is met by its English words, cardinal or ordinal, as the analyzer keeps them whole."""
    assert english_numbers(35) == ("thirty-five", "thirty-fifth")
    assert english_numbers(12) == ("twelve", "twelfth")
    assert english_numbers(40) == ("fortieth",)  # "forty" begins every "forty-..."
    assert english_numbers(9) == english_numbers(100) == ()
    asked = analyze_question("How many experts once 35 states have joined?")
    (number,) = [c for c in asked.constraints if c.kind == "number"]
    assert ("thirti-fifth",) in number.alternatives and ("thirti-five",) in number.alternatives
    # "20 experts" is not held by "twenty-three experts"
    (twenty,) = [c for c in analyze_question("Does it grow to 20 experts?").constraints if c.kind == "number"]
    assert all(set(alt).isdisjoint(analyze("of twenty-three experts")) for alt in twenty.alternatives)


def test_a_name_for_an_adherent_is_met_by_its_doctrine() -> None:
    q = analyze_question("What share is Christian, Buddhist, Chondoist?")
    forms = {c.text: c.alternatives for c in q.constraints if c.kind == "name"}
    assert ("chondoism",) in forms["Chondoist"] and ("buddhism",) in forms["Buddhist"]
    # a doctrine for its adherent, and not where the analyzer reads the doctrine as another word
    assert ("buddhist",) in {
        a for c in analyze_question("What does Buddhism teach?").constraints for a in c.alternatives
    }
    assert not [
        c.alternatives for c in analyze_question("Who are the Islamist groups?").constraints if c.alternatives
    ]


@pytest.mark.parametrize(
    ("question", "dropped", "kept"),
    [
        # a sentence on the asker's own life that asks nothing
        (
            "My grandfather was taken by police in 1975 and never came back. Can that committee look at his "
            "case now?",
            {"1975"},
            set(),
        ),
        (
            "Some women we meet in Jilin were handed on by the husband's family to another man for money. "
            "Is that one of the practices the 1956 convention covers?",
            {"Jilin"},
            set(),
        ),
        # whoever told the asker a claim, not the claim
        (
            "A former colleague in Seoul once told me that the National Assembly has to consent to some "
            "treaties. Which article says so?",
            {"Seoul"},
            {"National Assembly"},
        ),
        # the asker's own time leading the question
        (
            "When I first joined the Secretariat, how long did the Covenants take to enter into force?",
            {"Secretariat"},
            set(),
        ),
        # a claim the asker relays is what is checked; a question's own sentence keeps its facts
        (
            "I read that China repatriated 600 North Koreans in October 2023. Is that true?",
            set(),
            {"2023", "China"},
        ),
        ("We wonder how many defectors China repatriated in 2023?", set(), {"2023", "China"}),
        # a request is the question, though it ends with no question mark, and so is a sentence
        # framing what is asked; "Part I" is no first person
        ("Tell me the population of North Korea in 2014.", set(), {"2014", "North Korea"}),
        ("I need the 2014 figure for China's population.", set(), {"2014", "China"}),
        ("We are looking at South Korea. What is the minimum age of marriage?", set(), {"South Korea"}),
        ("Part I of the Convention against Torture, 1984. Which article defines torture?", set(), {"1984"}),
    ],
)
def test_an_aside_on_the_asker_s_own_life_holds_no_key_fact(
    question: str, dropped: set[str], kept: set[str]
) -> None:
    facts = {c.text for c in analyze_question(question).constraints}
    assert not facts & dropped and kept <= facts
