"""Which instrument a question names ("Article 12(4) of the ICCPR"), and the passage it points to."""

from __future__ import annotations

import pytest

from index import engine
from index.analyzer import analyze
from index.engine import GroundIndex
from index.instruments import (
    NAME_STRESS,
    NamedInstrument,
    TitleIndex,
    abbreviates,
    acronyms_in,
    asks_joining,
    codified_acts,
    countries_in,
    innermost_instrument,
    instrument_name,
    instrument_terms,
    is_instrument_heading,
    is_kind,
    kind_parts,
    kind_senses,
    lent_acronyms,
    name_terms,
    name_word_senses,
    names_country,
    question_name_terms,
    same_senses,
    subject_countries,
    without_united_nations,
)
from index.question import analyze_question, section_provisions
from index.types import Filters, Query
from tests.helpers import tiny_index_in

ICCPR = "International Covenant on Civil and Political Rights"
CAT = "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment (1984)"


@pytest.mark.parametrize(
    ("acronym", "name", "strength"),
    [
        ("ICCPR", ICCPR, 1.0),
        ("ICESCR", "International Covenant on Economic, Social and Cultural Rights", 1.0),
        ("CRC", "Convention on the Rights of the Child (1989)", 1.0),
        ("CAT", CAT, 1.0),
        ("UDHR", "Universal Declaration of Human Rights (1948)", 1.0),
        (
            "CEDAW",
            "Convention on the Elimination of All Forms of Discrimination against Women (CEDAW, 1979)",
            1.0,
        ),
        # from a later capitalised word: half, so the instrument itself wins over one that cites it
        ("CRC", "Optional Protocol to the Convention on the Rights of the Child", 0.5),
        # the acronym of a body abbreviates a name that writes the body out, and no other by initials
        ("ICC", "Rome Statute of the International Criminal Court (1998)", 1.0),
        ("ICC", ICCPR, 0.0),
        ("UNHCR", "Statute of the Office of the United Nations  High Commissioner for Refugees", 1.0),
        # a capitalised word may not be passed over ("All Forms" of CEDAW: see `lent_acronyms`),
        # nor may the first letter be a lower-case word's
        ("CRC", "China Primer: Human Rights (CRS In Focus IF12265)", 0.0),
        ("CRC", "Criminal Law of the People's Republic of China", 0.0),
        ("ICCPR", "Optional Protocol to the Convention on the Rights of the Child", 0.0),
        ("UN", "United Nations Charter", 0.0),  # two letters say too little
    ],
)
def test_acronyms_abbreviate_names(acronym: str, name: str, strength: float) -> None:
    assert abbreviates(acronym, name) == strength


def test_a_code_chapter_is_named_by_the_act_it_codifies() -> None:
    """ "the Trafficking Victims Protection Act of 2000" names the code's chapter whose title says, in
    brackets, that it holds that Act (its own name is "— Trafficking Victims Protection"), ahead of the
    Korean act on trafficking and protection of victims, which it only matched as much before."""
    chapter = "United States Code, Title 22, Chapter 78"
    act = "Trafficking Victims Protection Act of 2000"
    tvpa = f"{chapter} — Trafficking Victims Protection (22 U.S.C. 7101 et seq.; {act})"
    korean = (
        "인신매매등방지 및 피해자보호 등에 관한 법률 "
        "(Act on the Prevention of Human Trafficking, etc. and Protection of Victims)"
    )
    assert codified_acts(tvpa) == frozenset({"traffick", "victim", "protect", "act", "2000"})
    assert codified_acts(korean) == frozenset()  # no code's designation: its brackets are its English name
    titles = TitleIndex([("tvpa", tvpa), ("korean", korean)])
    q = analyze_question("What does the Trafficking Victims Protection Act of 2000 say about debt bondage?")
    ranked = titles.explicit(NamedInstrument.of(q.terms, [], {}, 1000))
    assert [sid for _, sid in ranked] == ["tvpa", "korean"]
    assert ranked[0][0][0] > ranked[1][0][0]


def test_a_title_names_its_instrument_up_to_the_edition() -> None:
    assert instrument_name(f"{ICCPR} (1966), with its (First) Optional Protocol") == f"{ICCPR} (1966)"
    assert instrument_name("난민법 (Refugee Act, Republic of Korea) — text as promulgated 2016-12-20") == (
        "난민법 (Refugee Act, Republic of Korea)"
    )
    assert instrument_name(CAT) == CAT
    # a code's designation names where the text stands; its name follows the dash
    code = "United States Code, Title 22, Chapter 78"
    assert instrument_name(f"{code} — Trafficking Victims Protection (22 U.S.C. 7101 et seq.; TVPA)") == (
        f"{code} — Trafficking Victims Protection"
    )
    sections = "United States Code, Title 22, §§ 9241–9243"
    assert instrument_name(f"{sections} — North Korea Sanctions and Policy Enhancement: strategy") == (
        f"{sections} — North Korea Sanctions and Policy Enhancement"
    )
    # not a description in lower case, nor what follows a name that is one
    assert instrument_name("United States Code, Title 8 — refugee definition 8 U.S.C. 1101") == (
        "United States Code, Title 8"
    )
    assert instrument_name("North Korea — 2024 Country Reports on Human Rights Practices") == "North Korea"
    chapter = "United States Code, Title 8, Chapter 12"
    assert instrument_name(f"{chapter} — Immigration and Nationality — text as of 2024") == (
        f"{chapter} — Immigration and Nationality"
    )


def test_the_innermost_instrument_heading_wins_over_the_title() -> None:
    title = f"{ICCPR} (1966), with its (First) Optional Protocol"
    protocol = f"Optional Protocol to the {ICCPR}"
    assert is_instrument_heading(protocol) and is_instrument_heading("부칙 시행령")
    assert not is_instrument_heading("Part III") and not is_instrument_heading("Article 12")
    assert innermost_instrument(title, (protocol, "Article 12")) == protocol
    assert innermost_instrument(title, ("Part III", "Article 12")) == f"{ICCPR} (1966)"


def test_acronyms_in_questions() -> None:
    assert acronyms_in("What does Article 12(4) of the ICCPR say? And the ICCPR's Article 2?") == ("ICCPR",)
    assert acronyms_in("Does the UN or the CAT say so?") == ("CAT",)


def test_a_question_matches_the_instrument_it_names_best() -> None:
    named = NamedInstrument.of(["refuge", "convent"], [], {"refuge": 40, "convent": 60}, 1000)
    convention = "Convention relating to the Status of Refugees (1951)"
    protocol = "Protocol relating to the Status of Refugees (1967)"
    assert named.match(convention, frozenset(analyze(convention))) == pytest.approx(1.0)
    assert 0.0 < named.match(protocol, frozenset(analyze(protocol))) < 1.0
    # equally matched: the instrument named in fewer other words ranks first
    act = "North Korean Refugees Protection and Settlement Support Act"
    decree = f"Enforcement Decree of the {act}"
    by_words = NamedInstrument.of(analyze(act), [], {}, 1000)
    assert by_words.rank(act, frozenset(analyze(act))) > by_words.rank(decree, frozenset(analyze(decree)))
    by_acronym = NamedInstrument.of(["iccpr", "guarante"], ["ICCPR"], {}, 1000)
    assert by_acronym.match(ICCPR, frozenset(analyze(ICCPR))) == pytest.approx(0.5)


COLLECTION = {
    "iccpr.txt": (
        f"{ICCPR}\n\nPart III\n\nArticle 12\n\n"
        "1. Everyone lawfully within the territory of a State shall have the right to liberty of "
        "movement.\n\n"
        "4. No one shall be arbitrarily deprived of the right to enter his own country.\n\n"
        "Article 13\n\n"
        "An alien lawfully in the territory of a State Party may be expelled only in pursuance of a "
        "decision reached in accordance with law.\n\n"
        f"Optional Protocol to the {ICCPR}\n\n"
        "Article 12\n\n"
        "1. Any State Party may denounce the present Protocol at any time by written notification "
        "addressed to the Secretary-General of the United Nations.\n\n"
        "Article 13\n\n"
        "Irrespective of the notifications made under article 8, the Secretary-General shall inform all "
        "States of signatures, ratifications and accessions."
    ),
    "cat.txt": (
        "Convention against Torture\n\nArticle 1\n\n"
        "For the purposes of this Convention, torture means any act by which severe pain or suffering is "
        "intentionally inflicted on a person.\n\n"
        "Article 3\n\n"
        "No State Party shall expel, return (refouler) or extradite a person to another State where "
        "there are substantial grounds for believing that he would be in danger of being subjected to "
        "torture.\n\n"
        "Article 12\n\n"
        "Each State Party shall ensure that its competent authorities proceed to a prompt and impartial "
        "investigation of acts of torture."
    ),
    "refugee_act.txt": (
        "난민법\n\n제1장 총칙\n\n"
        "제3조(강제송환의 금지) 난민인정자와 인도적체류자 및 난민신청자는 "
        "본인의 의사에 반하여 강제로 송환되지 아니한다.\n\n"
        "제22조(거주지 보호) 통일부장관은 보호대상자가 거주지로 전입한 후 정착을 지원한다.\n\n"
        "제22조의2(신변보호) 신변보호기간은 5년으로 한다.\n\n"
        "부칙\n\n"
        "제3조(다른 법률의 개정) 도로교통법 일부를 다음과 같이 개정한다. 난민인정자를 추가한다."
    ),
}
MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    f'iccpr.txt,"{ICCPR} (1966), with its (First) Optional Protocol",United Nations,1966-12-16,'
    "https://example.org/iccpr,test,Public,en\n"
    f'cat.txt,"{CAT}",United Nations,1984-12-10,https://example.org/cat,test,Public,en\n'
    'refugee_act.txt,"난민법 (Refugee Act, Republic of Korea) — text as promulgated 2016-12-20",'
    "대한민국 국회,2016-12-20,https://example.kr/law,test,Public,ko\n"
)


@pytest.fixture(scope="module")
def treaties(tmp_path_factory: pytest.TempPathFactory) -> GroundIndex:
    return tiny_index_in(tmp_path_factory, "treaties", COLLECTION, MANIFEST)


def test_the_article_of_the_instrument_named_comes_first(treaties: GroundIndex) -> None:
    answer = treaties.search(Query("What does Article 12(4) of the ICCPR guarantee?", explain=True))
    assert answer.answered
    first = answer.hits[0].passage
    assert "enter his own country" in first.text
    assert "Article 12" in first.section and not any("Protocol" in h for h in first.section)
    assert answer.explanation is not None and "article of the instrument" in answer.explanation.reason


def test_an_instrument_named_by_acronym_beats_the_same_article_elsewhere(treaties: GroundIndex) -> None:
    answer = treaties.search(Query("What does Article 3 of the CAT say?"))
    assert answer.answered and "refouler" in answer.hits[0].passage.text


def test_a_law_is_read_before_its_addenda(treaties: GroundIndex) -> None:
    answer = treaties.search(Query("What does Article 3 of the Refugee Act say?"))
    assert answer.answered and "강제로 송환되지" in answer.hits[0].passage.text
    branch = treaties.search(Query("Refugee Act 제22조의2"))
    assert branch.answered and "5년" in branch.hits[0].passage.text


def test_an_article_of_the_addenda_is_not_the_law_s_article(treaties: GroundIndex) -> None:
    """Without an instrument named beyond doubt, every passage standing in the article named gets the
    provision's bonus; the 부칙 (addenda) number their articles anew, so their 제3조 is not 제3조."""
    answer = treaties.search(Query("제3조 개정 내용", explain=True))
    assert answer.explanation is not None
    standing = {
        treaties.passage(c.passage_id).section: c.in_provision
        for c in answer.explanation.candidates
        if "제3조(" in " ".join(treaties.passage(c.passage_id).section) + treaties.passage(c.passage_id).text
    }
    addenda = [in_provision for section, in_provision in standing.items() if section[0].startswith("부칙")]
    body = [in_provision for section, in_provision in standing.items() if not section[0].startswith("부칙")]
    assert addenda == [False] and body == [True], standing
    assert section_provisions(("부칙 <제10호,1987.10.29>", "제3조")) == frozenset()
    assert section_provisions(("제1장 총칙", "제3조(강제송환의 금지)")) == {("art", "3")}


def test_an_article_the_instrument_does_not_have_is_refused(treaties: GroundIndex) -> None:
    answer = treaties.search(Query("What does Article 40 of the CAT say?", explain=True))
    assert not answer.answered and answer.hits == ()
    assert answer.explanation is not None
    assert answer.explanation.reason == f"refused: {CAT} has no article 40"
    # without an instrument named, nothing is refused for it
    loose = treaties.search(Query("What does Article 40 say about torture?", explain=True))
    assert loose.explanation is not None and "has no article" not in loose.explanation.reason


def test_an_article_that_does_not_give_the_figure_asked_is_refused(treaties: GroundIndex) -> None:
    """The CAT's article 3 holds no duration: what the question asks of it, it does not say, and no
    other passage's figure answers it; the Refugee Act's 제22조의2 holds one and answers."""
    answer = treaties.search(
        Query("How many years of protection does Article 3 of the CAT require?", explain=True)
    )
    assert not answer.answered and answer.hits == ()
    assert answer.explanation is not None
    assert answer.explanation.reason == f"refused: article 3 of {CAT} does not give a duration"
    held = treaties.search(Query("How many years does 제22조의2 of the Refugee Act give?", explain=True))
    assert held.answered and "5년" in held.hits[0].passage.text
    # a question asking no answer type is answered by the article, whatever it says
    plain = treaties.search(Query("What does Article 3 of the CAT require?"))
    assert plain.answered and "refouler" in plain.hits[0].passage.text


def test_a_passage_cites_an_article_by_its_number_in_the_instrument_s_language() -> None:
    """`engine._cites`: the penalties article's "제21조제2항에 따른 신고를 하지 아니한 자" cites 제21조;
    제21조의2 and article 210 are other articles."""
    art21 = frozenset({("art", "21")})
    assert engine._cites("정당한 사유 없이 제21조제2항에 따른 신고를 하지 아니한 자", art21)
    assert not engine._cites("제21조의2에 따른 신고", art21)
    assert not engine._cites("under article 210", art21)
    assert engine._cites("as provided in Article 21, paragraph 2", art21)
    assert engine._cites("依照本法第二十一条的规定", art21)


def test_the_refugee_act_named_in_korean_is_not_the_civil_act(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # Kiwi reads "난민법 제3조" as 나 + ᆫ + 민법 unless the analyzer reads it again: the Civil Act's
    # article 3 would then be the article named
    files = {
        "refugee_act.txt": COLLECTION["refugee_act.txt"],
        "civil_act.txt": (
            "민법\n\n제1장 통칙\n\n"
            "제3조(권리능력의 존속기간) 사람은 생존한 동안 권리와 의무의 주체가 된다.\n\n"
            "제4조(성년) 사람은 19세로 성년에 이르게 된다."
        ),
    }
    manifest = (
        "file,title,publisher_or_author,date,source_url,origin,license,language\n"
        'refugee_act.txt,"난민법 (Refugee Act, Republic of Korea) — text as promulgated 2016-12-20",'
        "대한민국 국회,2016-12-20,https://example.kr/law,test,Public,ko\n"
        'civil_act.txt,"민법 (Civil Act, Republic of Korea)",대한민국 국회,2023-06-28,'
        "https://example.kr/civil,test,Public,ko\n"
    )
    laws = tiny_index_in(tmp_path_factory, "laws", files, manifest)
    for question in ("난민법 제3조는 무엇을 정하나요?", "난민법상 제3조의 내용은?"):
        answer = laws.search(Query(question, explain=True))
        assert answer.answered, question
        assert "강제로 송환되지" in answer.hits[0].passage.text, question
        assert answer.explanation is not None and "article of the instrument" in answer.explanation.reason
    # the kind of instrument named in Korean (법) makes the naming decisive, as "Act" does in English
    assert "법" in instrument_terms() and "의정서" in instrument_terms()


def test_an_english_treaty_named_in_korean_gives_its_article(treaties: GroundIndex) -> None:
    # 고문방지협약: 고문 is "torture" through the word list, 협약 "Convention" through the kind table;
    # the Korean Refugee Act's own 제3조 is not the article named
    answer = treaties.search(Query("고문방지협약 제3조는 무엇을 금지하나요?", explain=True))
    assert answer.answered and "refouler" in answer.hits[0].passage.text
    assert answer.explanation is not None and "article of the instrument" in answer.explanation.reason
    # 자유권규약, the Korean name of the ICCPR: 자유 stands for "civil and political" in names
    both = treaties.search(Query("자유권규약 제12조 제4항", explain=True))
    assert both.explanation is not None and "article of the instrument" in both.explanation.reason
    assert "enter his own country" in both.hits[0].passage.text
    palermo = "Protocol to Prevent, Suppress and Punish Trafficking in Persons (Palermo Protocol, 2000)"
    icescr = "International Covenant on Economic, Social and Cultural Rights"
    assert NamedInstrument.of(["팔레르모", "의정서"], [], {}, 100, {}).decisive(palermo, name_terms(palermo))
    social = NamedInstrument.of(["사회", "규약"], [], {}, 100, {})
    assert social.decisive(icescr, name_terms(icescr)) and not social.decisive(ICCPR, name_terms(ICCPR))
    # 선택의정서, an Optional Protocol ("아동매매 선택의정서"), not any protocol
    opsc = "Optional Protocol to the Convention on the Rights of the Child on the sale of children (2000)"
    optional = NamedInstrument.of(["선택", "의정서"], [], {}, 100, {})
    assert optional.decisive(opsc, name_terms(opsc)) and not optional.decisive(palermo, name_terms(palermo))
    # but not for a convention: the kind must be named as well
    other = treaties.search(Query("표현의 자유에 관한 협약 제12조", explain=True))
    assert other.explanation is not None and "article of the instrument" not in other.explanation.reason
    # "law" is another English word for an "Act": the Refugee Act's English name is named
    english = treaties.search(Query("What does Article 3 of the law on refugees say?", explain=True))
    assert english.answered and "강제로 송환되지" in english.hits[0].passage.text
    assert english.explanation is not None and "article of the instrument" in english.explanation.reason


def test_the_better_naming_wins_across_languages(tmp_path_factory: pytest.TempPathFactory) -> None:
    # 난민 and the 법 of 법적 ("legal") name 난민법 beyond doubt in the question's own words; 난민 and
    # 협약 name the Refugee Convention better through their English senses
    files = {
        "convention.txt": (
            "Convention relating to the Status of Refugees\n\nArticle 33\n\n"
            "1. No Contracting State shall expel or return (refouler) a refugee in any manner whatsoever to "
            "the frontiers of territories where his life or freedom would be threatened."
        ),
        "act.txt": (
            "난민법\n\n제12조(변호사의 조력을 받을 권리) 난민신청자는 변호사의 조력을 받을 권리를 가진다.\n\n"
            "제33조(교육의 보장) 난민인정자나 그 자녀가 미성년자인 경우에는 국민과 같은 "
            "수준의 초등교육과 중등교육을 받는다."
        ),
        "nkhra.txt": (
            "북한인권법\n\n제12조(재단 임원의 구성) 재단에는 이사장 1명을 포함한 12명 이내의 이사를 둔다.\n\n"
            "제13조(재단의 사업) 재단은 북한인권 실태를 조사한다."
        ),
    }
    manifest = (
        "file,title,publisher_or_author,date,source_url,origin,license,language\n"
        "convention.txt,Convention relating to the Status of Refugees (1951),United Nations,1951-07-28,"
        "https://example.org/refugees,test,Public,en\n"
        'act.txt,"난민법 (Refugee Act, Republic of Korea)",대한민국 국회,2016-12-20,'
        "https://example.kr/law,test,Public,ko\n"
        'nkhra.txt,"북한인권법 (North Korean Human Rights Act)",대한민국 국회,2016-03-03,'
        "https://example.kr/nkhra,test,Public,ko\n"
    )
    laws = tiny_index_in(tmp_path_factory, "conventions", files, manifest)
    answer = laws.search(Query("난민협약 제33조의 법적 효력은?", explain=True))
    assert answer.answered and "refouler" in answer.hits[0].passage.text
    assert answer.explanation is not None and "article of the instrument" in answer.explanation.reason
    act = laws.search(Query("난민법 제33조는 무엇을 보장하나요?"))
    assert act.answered and "초등교육" in act.hits[0].passage.text
    # English senses are matched against English titles only: a Korean law's title carries its English
    # name, and 권리 as "right" would name the North Korean Human Rights Act through it
    rights = laws.search(Query("난민법 제12조는 난민신청자에게 어떤 권리를 보장하나요?"))
    assert rights.answered and "변호사의 조력" in rights.hits[0].passage.text


def test_a_country_written_into_the_name_must_be_the_instrument_s() -> None:
    china = "Criminal Law of the People's Republic of China"
    terms = ["south korea", "crimin", "act"]
    loose = NamedInstrument.of(terms, [], {}, 100)
    owned = NamedInstrument.of(terms, [], {}, 100, owners={"south korea"})
    assert loose.decisive(china, name_terms(china))
    assert not owned.decisive(china, name_terms(china))
    # the country that owns the name, held in full, does not stand against it
    refugee_act = "난민법 (Refugee Act, Republic of Korea)"
    assert NamedInstrument.of(["korea", "refuge", "act"], [], {}, 100, owners={"korea"}).decisive(
        refugee_act, name_terms(refugee_act)
    )
    # a country is an owner only inside the name the question writes
    asked = (
        "What prison term does South Korea's Criminal Act prescribe for human trafficking under Article 289?"
    )
    assert engine._owners(analyze_question(asked)) == {"south korea"}
    apart = "Does Article 3 of the Convention against Torture bind China?"
    assert engine._owners(analyze_question(apart)) == frozenset()
    assert engine._owners(analyze_question("북한 헌법 제3조는 무엇인가요?")) == {"북한"}
    # in Korean, a country word before a law's own name ("한국 형법", not only before a kind alone)
    assert engine._owners(analyze_question("한국 형법 제240조는 무엇인가요?")) == {"한국"}
    assert engine._owners(analyze_question("중국 형법 제240조는 무엇인가요?")) == {"중국"}
    assert engine._owners(analyze_question("중국의 형법 제240조는 무엇인가요?")) == {"중국"}
    # with another particle, the country is what the question is about
    assert engine._owners(analyze_question("중국은 고문방지협약 제3조를 지켜야 하나요?")) == frozenset()
    # two names: the country may be the other's
    both = "What does Article 33 of the Refugee Convention and South Korean law say about refoulement?"
    assert engine._owners(analyze_question(both)) == frozenset()
    # a follow-up naming no instrument reads its earlier question's
    earlier = analyze_question("What does Article 289 of South Korea's Criminal Act say?")
    assert engine._owners(analyze_question("And Article 240?"), earlier) == {"south korea"}
    assert engine._owners(analyze_question("And Article 3 of the CAT?"), earlier) == frozenset()


def test_an_instrument_is_named_outright_by_acronym_or_kind() -> None:
    convention = "Convention relating to the Status of Refugees (1951)"
    terms = frozenset(analyze(convention))
    assert NamedInstrument.of(analyze("Refugee Convention"), [], {}, 100).explicit(convention, terms)
    assert NamedInstrument.of(["cat"], ["CAT"], {}, 100).explicit(CAT, frozenset(analyze(CAT)))
    assert not NamedInstrument.of(["refuge"], [], {}, 100).explicit(convention, terms)


# Korean question terms with their English senses, as index.lexicon gives them
SENSES = {
    "아동": (("child",), ("school", "age", "children")),
    "권리": (("author",), ("power",), ("right",)),
    "고문": (("advisor",), ("tortur",), ("ill", "treatment")),
    "난민": (("indig", "person"), ("refuge",)),
    "인신매매": (("human", "traffick"),),
    "crc": (("child",),),  # no word list gives Latin terms senses; the title index must still agree
}


def test_a_korean_question_names_an_english_instrument() -> None:
    palermo = "Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women and Children"
    act = "인신매매등방지 및 피해자보호 등에 관한 법률 (Act on the Prevention of Human Trafficking)"
    named = NamedInstrument.of(["팔레르모", "의정서", "인신매매"], [], {}, 100, SENSES)
    assert named.senses["의정서"] == (("protocol",),)  # the kind table, without any word list
    p_terms, a_terms = frozenset(analyze(palermo)), frozenset(analyze(act))
    assert named.held("의정서", p_terms) == 1.0 and named.held("인신매매", p_terms) == 0.5
    assert named.held("팔레르모", p_terms) == 0.0
    assert named.explicit(palermo, p_terms) and named.decisive(palermo, p_terms)
    assert named.match(palermo, p_terms) == pytest.approx(0.5)  # 1 + 0.5 of 3 equal weights
    # the Korean Act holds 인신매매 itself, but names no protocol
    assert named.match(act, a_terms) == pytest.approx(1 / 3) and not named.explicit(act, a_terms)
    index = TitleIndex([("act", act), ("palermo", palermo)])
    assert [sid for _, sid in index.explicit(named)] == ["palermo"]
    # senses do not make a subject alone an outright naming: "고문" is not "the Convention against Torture"
    subject = NamedInstrument.of(["고문"], [], {}, 100, SENSES)
    cat_terms = frozenset(analyze(CAT))
    assert subject.held("고문", cat_terms) == 1.0 and not subject.explicit(CAT, cat_terms)
    assert NamedInstrument.of(["고문", "협약"], [], {}, 100, SENSES).decisive(CAT, cat_terms)
    # the tie-break counts the title's terms held through senses: 2 of "Convention on the Rights of
    # the Child"'s terms (convent, child) for 아동 + 협약
    crc = "Convention on the Rights of the Child"
    crc_terms = frozenset(analyze(crc))
    child = NamedInstrument.of(["아동", "협약"], [], {}, 100, SENSES)
    assert child.rank(crc, crc_terms)[1] == pytest.approx(2 / len(crc_terms))
    # a kind is named outright by its kind in the other language only, not by another sense of it
    rule = NamedInstrument.of(["국제", "법"], [], {}, 100, {"법": (("rule",),)})
    rules = "International Rules of the Road"
    assert not rule.explicit(rules, frozenset(analyze(rules)))
    assert rule.explicit("Refugee Act", frozenset(analyze("Refugee Act")))


PALERMO = (
    "Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women and Children, "
    "supplementing the UN Convention against Transnational Organized Crime (Palermo Protocol, 2000)"
)
SMUGGLING = (
    "Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the United Nations "
    "Convention against Transnational Organized Crime (2000)"
)


@pytest.mark.parametrize(
    ("terms", "kept"),
    [
        (["un", "refuge", "convent"], ["refuge", "convent"]),
        (["unit", "nation", "convent", "tortur"], ["convent", "tortur"]),
        (["u", "n", "convent", "tortur"], ["convent", "tortur"]),
        (["유엔", "아동", "권리", "협약"], ["아동", "권리", "협약"]),
        (["국제", "연합", "아동", "권리", "협약"], ["아동", "권리", "협약"]),
        (["联合", "合国", "儿童"], ["儿童"]),
        # "nation" alone is "nationality"'s, "unit" alone a unit: not the UN's
        (["nation", "law", "unit"], ["nation", "law", "unit"]),
        (["nation", "unit"], ["nation", "unit"]),
        (["국제", "형사"], ["국제", "형사"]),
    ],
)
def test_the_words_naming_the_united_nations_are_found(terms: list[str], kept: list[str]) -> None:
    assert without_united_nations(terms) == kept


@pytest.mark.parametrize(
    ("question", "senses"),
    [
        ("What age is a child under the UN Convention on the Rights of the Child?", None),
        ("How does the United Nations Convention on the Rights of the Child define a child?", None),
        ("유엔 아동권리협약에서 아동은 몇 살 미만을 말하나요?", {**SENSES, "유엔": (("un",),)}),
        ("국제연합 아동권리협약에서 아동은 누구인가요?", {**SENSES, "연합": (("union",), ("unit",))}),
    ],
)
def test_naming_the_united_nations_does_not_name_the_protocols_that_supplement_its_convention(
    question: str, senses: dict[str, tuple[tuple[str, ...], ...]] | None
) -> None:
    # the Palermo and Smuggling Protocols' titles hold "UN" and "United Nations" as the name of the
    # Convention they supplement: read as a word of the name, the UN outweighed the CRC's "Rights"
    crc = "Convention on the Rights of the Child (1989)"
    index = TitleIndex([("palermo", PALERMO), ("smuggling", SMUGGLING), ("crc", crc)])
    terms = analyze(question)
    # as in the demo collection, the UN's names are rarer in passages than "rights" or "child"
    df = {t: 20 if t in {"un", "unit", "nation", "유엔", "국제", "연합"} else 400 for t in terms}
    named = NamedInstrument.of(terms, [], df, 1000, senses)
    assert next(sid for _, sid in index.explicit(named)) == "crc"


def test_the_icc_statute_is_the_rome_statute_not_the_iccpr() -> None:
    rome = "Rome Statute of the International Criminal Court (1998)"
    index = TitleIndex([("iccpr", ICCPR), ("rome", rome)])
    terms = analyze("What does Article 7 of the ICC Statute say?")
    named = NamedInstrument.of([t for t in terms if t not in {"7", "articl"}], ["ICC"], {}, 1000)
    assert [sid for _, sid in index.explicit(named)] == ["rome"]
    assert named.decisive(rome, frozenset(analyze(rome)))


def test_the_name_written_in_capitals_outweighs_what_the_question_asks_about() -> None:
    criminal_law = "中华人民共和国刑法 (Criminal Law of the People's Republic of China)"
    abductees = (
        "납북피해자의 보상 및 지원에 관한 법률 (Act on Compensation and Support for Victims "
        "Abducted to North Korea after the Conclusion of the Armistice Agreement)"
    )
    index = TitleIndex([("criminal", criminal_law), ("abductees", abductees)])
    question = "What does Article 241 of China's Criminal Law say about buying abducted women?"
    q = analyze_question(question)
    terms = [t for t in q.terms if t not in q.provision_terms]
    # as in the demo collection: "buy" and "abducted" are rarer in passages than "China" or "law"
    df = {"buy": 3, "abduct": 60, "woman": 500, "china": 600, "crimin": 560, "law": 650}
    plain = NamedInstrument.of(terms, [], df, 4000)
    assert next(sid for _, sid in index.explicit(plain)) == "abductees"  # "abducted" + "law" outweigh
    stressed = engine._name_words(q)
    assert stressed == {"china", "crimin", "law"}
    named = NamedInstrument.of(terms, [], df, 4000, stressed=stressed)
    assert named.weights["law"] == pytest.approx(NAME_STRESS * plain.weights["law"])
    assert next(sid for _, sid in index.explicit(named)) == "criminal"


@pytest.mark.parametrize(
    "question",
    [
        "Does the CAT say anything about deportation?",  # an acronym not beside an article
        "A BBC article 2 weeks ago said China sent back 60 people. What do the reports say?",  # news
        "Does article 7 of the convention require national law to register births?",  # a verb's words
        "What does Article 12 of the new law say?",  # a word any law may be called
        "What does Article 1 of the Convention say?",  # the kind alone
        "what does the refugee convention say in article 33?",  # no capitals, nor after the article
        "헌법 제3조는 무엇인가요?",  # the kind alone
    ],
)
def test_no_name_is_stressed_without_a_capitalised_instrument_name(question: str) -> None:
    assert engine._name_words(analyze_question(question)) == frozenset()


@pytest.mark.parametrize(
    ("question", "stressed"),
    [
        ("난민법 제3조는 무엇인가요?", {"난민", "법"}),
        ("난민협약 제31조는 불법으로 입국한 난민의 처벌을 어떻게 규정하나?", {"난민", "협약"}),
        ("팔레르모 의정서 제3조", {"팔레르모", "의정서"}),  # a kind alone, with the word before it
        ("한국 형법 제240조", {"한국", "형법", "법"}),  # a country word before the law's own name
    ],
)
def test_a_korean_name_is_the_word_holding_a_kind_of_instrument(question: str, stressed: set[str]) -> None:
    assert engine._name_words(analyze_question(question)) == stressed


@pytest.mark.parametrize(
    ("question", "stressed"),
    [
        ("What does article 33 of the refugee convention say?", {"refuge", "convent"}),
        ("How does Article 240 of China's criminal law define trafficking?", {"china", "crimin", "law"}),
        ("What does Article 9 of the Chinese nationality law say?", {"chines", "nation", "law"}),
        # an acronym beside the article it names, however long the question around it
        ("What does Article 3 of the CAT say?", {"cat"}),
        (
            "During a declared public emergency, ICCPR Article 4 lets states suspend some of their "
            "obligations. Which articles can never be suspended?",
            {"iccpr"},
        ),
    ],
)
def test_a_lower_case_name_after_the_article_it_names_is_stressed(question: str, stressed: set[str]) -> None:
    """ "Article 240 of China's criminal law": the instrument's words weigh as a capitalised name's, or
    "trafficking in women and children" named the Palermo Protocol, which has no article 240."""
    assert engine._name_words(analyze_question(question)) == stressed


def test_a_capitalised_name_counts_with_the_small_words_of_titles() -> None:
    crc = "Convention on the Rights of the Child (1989)"
    refugees = "Convention relating to the Status of Refugees (1951)"
    index = TitleIndex([("crc", crc), ("refugees", refugees)])
    question = (
        "What protection does article 22 of the Convention on the Rights of the Child give to children "
        "seeking refugee status?"
    )
    q = analyze_question(question)
    stressed = engine._name_words(q)
    assert stressed == {"convent", "right", "child"}
    terms = [t for t in q.terms if t not in q.provision_terms]
    # "refugee status" would name the Refugee Convention (article 22 is on refugee children there too)
    df = {"convent": 800, "right": 1200, "child": 900, "refuge": 1200, "status": 400, "seek": 70, "give": 60}
    assert next(sid for _, sid in index.explicit(NamedInstrument.of(terms, [], df, 4000))) == "refugees"
    named = NamedInstrument.of(terms, [], df, 4000, stressed=stressed)
    assert next(sid for _, sid in index.explicit(named)) == "crc"


def test_the_un_refugee_convention_is_the_refugee_convention() -> None:
    refugees = "Convention relating to the Status of Refugees (1951)"
    index = TitleIndex([("palermo", PALERMO), ("smuggling", SMUGGLING), ("refugees", refugees)])
    terms = analyze("What does the UN Refugee Convention say?")
    named = NamedInstrument.of(terms, [], {t: 20 if t == "un" else 400 for t in terms}, 1000)
    assert next(sid for _, sid in index.explicit(named)) == "refugees"


def test_the_kind_words_are_written_as_the_analyzer_keeps_them() -> None:
    # written out (English questions must not build Kiwi to read them), so checked against Kiwi here
    for word in (*kind_senses(), *name_word_senses()):
        assert analyze(word) == [word]
    assert set(kind_senses()) <= instrument_terms()


def test_the_title_index_ranks_as_the_titles_one_by_one() -> None:
    titles = [
        ("iccpr", f"{ICCPR} (1966), with its (First) Optional Protocol"),
        ("cat", CAT),
        ("crc", "Convention on the Rights of the Child (1989)"),
        ("crc-op", "Optional Protocol to the Convention on the Rights of the Child (2000)"),
        ("report", "South Korea (Republic of Korea) — 2024 Country Reports on Human Rights Practices"),
    ]
    index = TitleIndex(titles)
    for terms, acronyms in [
        (["crc"], ["CRC"]),
        (["iccpr", "guarante"], ["ICCPR"]),
        (["convent", "child"], []),
        (["아동", "권리", "협약"], []),  # through senses in English (below) and the kind table (협약)
        (["인신매매", "의정서"], []),
        (["crc", "아동"], ["CRC"]),  # an acronym beside a term held through a sense
    ]:
        named = NamedInstrument.of(terms, acronyms, {}, 100, SENSES)
        expected = sorted(
            (
                (named.rank(instrument_name(t), frozenset(analyze(instrument_name(t)))), sid)
                for sid, t in titles
            ),
            key=lambda x: x[0],
            reverse=True,
        )
        assert index.rank(named, least=0.0) == [(score, sid) for score, sid in expected if score[0] > 0]
        # the shares that preselect titles are the match, title by title
        matches = [named.match(instrument_name(t), frozenset(analyze(instrument_name(t)))) for _, t in titles]
        assert index._shares(named).tolist() == pytest.approx(matches)
    assert [sid for _, sid in index.rank(NamedInstrument.of(["crc"], ["CRC"], {}, 100))] == ["crc", "crc-op"]
    assert index.rank(NamedInstrument.of(["torture"], [], {}, 100)) == []  # "tortur" is the stem


def test_titles_of_one_rank_key_are_ranked_once_and_as_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many titles sharing the question's terms (a large collection: copies of a few instruments
    under other names) are ranked once per `NamedInstrument.rank_key`, with the order and scores of
    ranking every title by itself; acronyms written in a name, or abbreviating it by its initials
    only, are read per title."""
    bases = [
        f"{ICCPR} (1966)",
        CAT,
        "Convention on the Elimination of All Forms of Discrimination against Women (CEDAW, 1979)",
        "Convention on the Rights of the Child (1989)",
        "Optional Protocol to the Convention on the Rights of the Child (2000)",
        "Refugee Act — text as promulgated",
        "Country report: Cedaw Watch (CRC)",  # an acronym written, and as the initials
        "Shadow Report on the ICCPR",  # written only: I-C-C-P-R are not its initials
    ]
    titles = [(f"s{j}", f"Synthetic {j} (after {bases[j % len(bases)]})") for j in range(140)]
    titles += [(f"b{j}", base) for j, base in enumerate(bases)]
    index = TitleIndex(titles)
    ranked: list[str] = []
    one = NamedInstrument.rank

    def counted(self: NamedInstrument, name: str, terms: frozenset[str]) -> tuple[float, float]:
        ranked.append(name)
        return one(self, name, terms)

    for terms, acronyms in [
        (["iccpr", "guarante"], ["ICCPR"]),
        (["cedaw", "women"], ["CEDAW"]),
        (["crc", "protocol"], ["CRC"]),
        (["convent", "child"], []),
        (["아동", "권리", "협약"], []),
        (["synthet", "refuge", "act"], []),
    ]:
        named = NamedInstrument.of(terms, acronyms, {}, 100, SENSES)
        for acronym, _ in named.acronyms:
            found = dict(index._abbreviated(acronym))
            assert [index._strength(acronym, i, found) for i in range(len(titles))] == [
                abbreviates(acronym, index.names[i]) for i in range(len(titles))
            ]
        expected = sorted(
            (
                (one(named, instrument_name(t), frozenset(name_terms(instrument_name(t)))), sid)
                for sid, t in titles
            ),
            key=lambda x: x[0],
            reverse=True,
        )
        ranked.clear()
        monkeypatch.setattr(NamedInstrument, "rank", counted)
        got = index.rank(named, least=0.0)
        monkeypatch.setattr(NamedInstrument, "rank", one)
        assert got == [(score, sid) for score, sid in expected if score[0] > 0]
        assert got and len(ranked) < len(got) / 4  # once per key, not per title
        assert index.rank(named, least=0.0, limit=5) == got[: len(index.rank(named, least=0.0, limit=5))]


def test_titles_named_outright() -> None:
    index = TitleIndex(
        [
            ("cat", CAT),
            ("palermo", "Protocol to Prevent, Suppress and Punish Trafficking in Persons"),
            ("report", "Trafficking in Persons Report 2024"),
        ]
    )
    by_kind = NamedInstrument.of(analyze("trafficking persons protocol"), [], {}, 100)
    assert [sid for _, sid in index.explicit(by_kind)] == ["palermo"]  # the report is no protocol
    assert [sid for _, sid in index.explicit(NamedInstrument.of(["cat"], ["CAT"], {}, 100))] == ["cat"]
    assert index.explicit(NamedInstrument.of(analyze("trafficking persons"), [], {}, 100)) == []


def test_the_named_instrument_keeps_to_the_filters(treaties: GroundIndex) -> None:
    law = next(r.id for r in treaties.sources() if r.path == "refugee_act.txt")
    answer = treaties.search(
        Query("What does Article 12(4) of the ICCPR guarantee?", filters=Filters(source_ids=(law,)))
    )
    assert all(h.source.id == law for h in (*answer.shown, *answer.related))
    refused = treaties.search(
        Query("What does Article 40 of the CAT say?", filters=Filters(languages=("ko",)), explain=True)
    )
    assert refused.explanation is not None and "has no article" not in refused.explanation.reason


def test_the_title_index_keeps_the_best_with_their_ties() -> None:
    titles = [(f"copy{i}", f"{ICCPR} (1966)") for i in range(30)]
    titles += [("protocol", f"Optional Protocol to the {ICCPR}"), ("cat", CAT)]
    index = TitleIndex(titles)
    named = NamedInstrument.of(["iccpr"], ["ICCPR"], {}, 100)
    full = index.rank(named, least=0.0)
    assert [sid for _, sid in full] == [f"copy{i}" for i in range(30)] + ["protocol"]  # half for the protocol
    assert index.rank(named, least=0.0, limit=3) == full[:30]  # the 30 copies tie: all kept, in order
    assert index.rank(named, least=0.0, limit=31) == full


def test_a_protocol_inside_a_covenant_file_is_its_own_instrument(treaties: GroundIndex) -> None:
    answer = treaties.search(Query("What does Article 13 of the Optional Protocol to the ICCPR say?"))
    assert answer.answered and "Irrespective of the notifications" in answer.hits[0].passage.text
    missing = treaties.search(
        Query("What does Article 20 of the Optional Protocol to the ICCPR say?", explain=True)
    )
    assert not missing.answered and missing.explanation is not None
    assert missing.explanation.reason == f"refused: Optional Protocol to the {ICCPR} has no article 20"


def test_an_instrument_named_with_a_word_its_title_lacks_is_not_decisive(treaties: GroundIndex) -> None:
    # "DPRK" abbreviates no title: the CAT is not "the DPRK Convention", so nothing is pinned or refused
    answer = treaties.search(Query("What does Article 40 of the DPRK Convention say?", explain=True))
    assert answer.explanation is not None
    assert "has no article" not in answer.explanation.reason
    assert "article of the instrument" not in answer.explanation.reason


def test_acronyms_next_to_hangul_or_han() -> None:
    assert acronyms_in("ICCPR의 제12조") == ("ICCPR",)
    assert acronyms_in("ICCPR第12条") == ("ICCPR",)
    assert abbreviates("CEDAW", "여성차별철폐협약(CEDAW)") == 1.0


def test_a_follow_up_keeps_the_instrument_of_the_question_before(treaties: GroundIndex) -> None:
    answer = treaties.search(
        Query("And Article 13?", history=("What does Article 12(4) of the ICCPR guarantee?",))
    )
    assert answer.answered and "An alien lawfully" in answer.hits[0].passage.text


def test_the_article_tables_kept_are_bounded(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "SOURCES_REMEMBERED", 1)
    idx = tiny_index_in(tmp_path_factory, "bounded", COLLECTION, MANIFEST)
    first = idx.search(Query("What does Article 12(4) of the ICCPR guarantee?"))
    second = idx.search(Query("What does Article 3 of the CAT say?"))
    assert len(idx._provisions) == 1 and len(idx._instruments) <= 1
    again = idx.search(Query("What does Article 12(4) of the ICCPR guarantee?"))  # read again: the same
    assert [h.passage.id for h in again.shown] == [h.passage.id for h in first.shown]
    assert "refouler" in second.hits[0].passage.text


def test_an_english_question_is_not_matched_through_korean_senses(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # "law" is 법 in the word list, and "the law on refugees" would name a title written in Korean
    # only (난민법) beyond doubt through it: English questions read English titles
    files = {"act.txt": COLLECTION["refugee_act.txt"]}
    manifest = (
        "file,title,publisher_or_author,date,source_url,origin,license,language\n"
        "act.txt,난민법,대한민국 국회,2016-12-20,https://example.kr/law,test,Public,ko\n"
    )
    korean_only = tiny_index_in(tmp_path_factory, "korean_only", files, manifest)
    english = korean_only.search(Query("What does Article 3 of the law on refugees say?", explain=True))
    assert english.explanation is not None and "article of the instrument" not in english.explanation.reason


@pytest.mark.parametrize(
    ("term", "parts"),
    [
        ("국적법", ("국적", "법")),  # a law named by its subject
        ("대한민국헌법", ("대한민국", "헌법")),
        ("관리법", ("관리", "법")),
        ("세계인권선언", ("세계인권", "선언")),
        ("형법", ("형법", "법")),  # 형 alone is another word: the law's own name stays
        ("변호사법", ("변호사", "법")),  # ends in 사법 (the judiciary), but is a law
        ("헌법", ()),  # a kind alone
        ("맞춤법", ()),  # orthography
        ("사법", ()),
        ("방법", ()),  # words ending in 법 that name no law: a method, illegality
        ("해결방법", ()),
        ("불법", ()),
        ("난민", ()),
        ("refuge", ()),
    ],
)
def test_korean_compounds_ending_in_a_kind_of_instrument(term: str, parts: tuple[str, ...]) -> None:
    assert kind_parts(term) == parts


@pytest.mark.parametrize(
    ("title", "countries"),
    [
        ("China — 2024 Country Reports on Human Rights Practices", {"china"}),
        ("North Korea (Democratic People’s Republic of Korea) — 2024 Country Reports", {"north korea"}),
        ("Democratic People’s Republic of Korea 2023 Human Rights Report", {"north korea"}),
        ("South Korea (Republic of Korea) — 2024 Country Reports", {"south korea"}),
        ("The World Factbook (2014 edition): Korea, North", {"north korea"}),
        ("Politics of North Korea (English Wikipedia article)", {"north korea"}),
        ("Criminal Law of the People's Republic of China", {"china"}),
        ("대한민국헌법 (Constitution of the Republic of Korea)", {"south korea"}),
        # a nationality, a compound or a country named aside is no subject
        ("북한이탈주민의 보호 및 정착지원에 관한 법률 (North Korean Refugees Protection Act)", set()),
        ("[On the Brink] (2) North Korean Defectors Facing Hell... China Says They Are Not Refugees", set()),
        ("Convention against Torture (1984)", set()),
    ],
)
def test_the_countries_a_title_is_about(title: str, countries: set[str]) -> None:
    assert subject_countries(title) == countries


def test_the_countries_a_text_names() -> None:
    assert countries_in("North Korean defectors in China") == {"north korea", "china"}
    assert countries_in("U.S. policy, as Tokyo sees it") == {"america", "japan"}
    assert countries_in("태국에 도착한 북한 주민") == {"thailand", "north korea"}
    assert countries_in("the Convention against Torture") == frozenset()
    assert countries_in("a U.S.C. section") == frozenset()
    # "our country" in a Korean question is South Korea ("우리나라 법으로 처벌받나요?")
    assert countries_in("중국 통해서 보내면 우리나라 법으로 처벌받나요?") == {"china", "south korea"}
    assert countries_in("우리 나라에서는") == {"south korea"}
    # Britain by its Korean name and as the United Kingdom
    assert countries_in("영국이 부담한 비율") == {"britain"}
    assert countries_in("the United Kingdom of Great Britain and Northern Ireland") == {"britain"}
    # and as the UK ("How many North Korean defectors live in the UK?"), not inside another word
    assert countries_in("defectors in the UK") == {"britain"} == countries_in("a U.K. charity")
    assert countries_in("UKRAINE") == frozenset()
    assert countries_in("프랑스, 독일과 캐나다") == {"france", "germany", "canada"}
    # a Korean name run into the end of another word is none (운영국: operating bureau, 단독일: when
    # alone); 중국, 일본 and 미국 take prefixes of their own (대중국: towards China)
    assert countries_in("운영국 및 경영국의 의견을 들어 단독일 경우") == frozenset()
    assert countries_in("대중국 정책과 재일본 동포") == {"china", "japan"}
    # ... or after a prefix of relation (주: posted in, 재: living in, 대: towards)
    assert countries_in("주태국 대사관, 재영국 동포와 대러시아 제재") == {"thailand", "britain", "russia"}
    assert countries_in("상호주의를 적용하지 아니한다") == frozenset()  # 호주 is left out (reciprocity)
    assert subject_countries("Refugees in the United Kingdom") == {"britain"}
    assert names_country("the DPRK government", "north korea") and not names_country("Seoul", "north korea")
    assert names_country("Republic of Korea", "south korea")
    assert not names_country("Democratic People's Republic of Korea", "south korea")


def test_names_are_matched_by_their_parts_and_other_forms() -> None:
    constitution = "대한민국헌법 (Constitution of the Republic of Korea)"
    assert {"대한민국헌법", "대한민국", "헌법", "constitut", "korea"} <= name_terms(constitution)
    assert question_name_terms(["중국", "국적법", "국적"]) == ["중국", "국적", "법"]
    # a law's formal title holds the 법 its short name ends in
    settlement = (
        "북한이탈주민의 보호 및 정착지원에 관한 법률 "
        "(North Korean Refugees Protection and Settlement Support Act)"
    )
    rights = "북한인권법 (North Korean Human Rights Act, Republic of Korea)"
    assert {"법률", "법"} <= name_terms(settlement) and "법" in name_terms(rights)
    short = NamedInstrument.of(question_name_terms(analyze("북한이탈주민법 가족관계 등록 법원")), [], {}, 100)
    assert short.match(settlement, name_terms(settlement)) > short.match(rights, name_terms(rights))
    # a nationality is its country, a Korean country name its English one, and "code" an "Act" or "Law"
    same = same_senses()
    assert ("korea",) in same["korean"] and ("china",) in same["chines"] and ("korea",) in same["한국"]
    assert ("law",) in same["code"] and ("act",) in same["law"]
    refugee_act = "난민법 (Refugee Act, Republic of Korea)"
    terms = name_terms(refugee_act)
    named = NamedInstrument.of(analyze("Korean Refugee Act"), [], {}, 100)
    assert named.match(refugee_act, terms) == pytest.approx(1.0)
    # what the question says that a name is not: another country, an acronym it does not abbreviate
    assert NamedInstrument.of(["china", "constitut"], [], {}, 100).contradicts(
        constitution, name_terms(constitution)
    )
    assert NamedInstrument.of(["북한", "헌법"], [], {}, 100).contradicts(
        constitution, name_terms(constitution)
    )
    assert not NamedInstrument.of(["한국", "헌법"], [], {}, 100).contradicts(
        constitution, name_terms(constitution)
    )
    dprk = NamedInstrument.of(["dprk", "constitut"], ["DPRK"], {}, 100)
    assert dprk.contradicts(constitution, name_terms(constitution))


def test_the_one_instrument_of_a_kind() -> None:
    titles = TitleIndex(
        [
            ("constitution", "대한민국헌법 (Constitution of the Republic of Korea)"),
            ("act", "난민법 (Refugee Act, Republic of Korea)"),
            ("decree", "난민법 시행령 (Enforcement Decree of the Refugee Act)"),
        ]
    )
    constitution = NamedInstrument.of(["헌법"], [], {}, 100)
    assert titles.sole_of_kind(constitution, "constitution")
    assert not titles.sole_of_kind(constitution, "act")
    assert not titles.sole_of_kind(NamedInstrument.of(["법"], [], {}, 100), "act")  # two hold 법
    # in English, through the kind table's sense of 헌법
    english = NamedInstrument.of(["constitut"], [], {}, 100)
    assert titles.sole_of_kind(english, "constitution")
    # a kind in every form the question's word takes: "the Code" is not the one "Law" among Codes
    statutes = TitleIndex(
        [
            ("law", "Criminal Law of Ruritania"),
            ("c1", "Civil Code of Ruritania"),
            ("c2", "Penal Code of Elbonia"),
        ]
    )
    assert not statutes.sole_of_kind(NamedInstrument.of(["code"], [], {}, 100), "law")


LAWS = {
    "constitution.txt": (
        "대한민국헌법\n\n제1장 총강\n\n제3조\n\n대한민국의 영토는 한반도와 그 부속도서로 한다.\n\n"
        "제12조\n\n모든 국민은 신체의 자유를 가진다."
    ),
    "decree.txt": (
        "난민법 시행령\n\n제3조(위원장의 직무) 위원장은 회의를 소집하며, 위원회의 사무를 총괄한다.\n\n"
        "제9조(자료의 수집) 위원회는 자료를 수집한다."
    ),
    "refugee_act.txt": (
        "난민법\n\n제2조(정의) 이 법에서 사용하는 용어의 뜻은 다음과 같다. 난민이란 박해를 받을 수 있다고 "
        "인정할 충분한 근거가 있는 공포로 인하여 국적국의 보호를 받을 수 없는 외국인을 말한다."
    ),
    "nk_act.txt": (
        "북한이탈주민의 보호 및 정착지원에 관한 법률\n\n제2조(정의) 북한이탈주민이란 군사분계선 이북지역에 "
        "주소를 두고 있는 사람으로서 북한을 벗어난 후 외국 국적을 취득하지 아니한 사람을 말한다."
    ),
    "criminal_law.txt": (
        "中华人民共和国刑法\n\n第二百四十条 拐卖妇女、儿童的，处五年以上十年以下有期徒刑，并处罚金。\n\n"
        "第二百八十条 伪造、变造、买卖国家机关的公文、证件、印章的，处三年以下有期徒刑。\n\n"
        "第三百一十八条 组织他人偷越国（边）境的，处二年以上七年以下有期徒刑，并处罚金。"
    ),
    "nationality_law.txt": (
        "中华人民共和国国籍法\n\n第三条 中华人民共和国不承认中国公民具有双重国籍。\n\n"
        "第九条 定居外国的中国公民，自愿加入或取得外国国籍的，即自动丧失中国国籍。"
    ),
}
LAWS_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "constitution.txt,대한민국헌법 (Constitution of the Republic of Korea),국회,1987-10-29,https://example.kr/c,"
    "test,Public,ko\n"
    'decree.txt,"난민법 시행령 (Enforcement Decree of the Refugee Act)",국회,2016-12-20,https://example.kr/d,'
    "test,Public,ko\n"
    'refugee_act.txt,"난민법 (Refugee Act, Republic of Korea)",국회,2016-12-20,https://example.kr/r,'
    "test,Public,ko\n"
    "nk_act.txt,북한이탈주민의 보호 및 정착지원에 관한 법률 (North Korean Refugees Protection and Settlement "
    "Support Act),국회,2026-03-10,https://example.kr/n,test,Public,ko\n"
    "criminal_law.txt,中华人民共和国刑法 (Criminal Law of the People's Republic of China),全国人民代表大会,"
    "2020-12-26,https://example.cn/c,test,Public,zh\n"
    "nationality_law.txt,中华人民共和国国籍法 (Nationality Law of the People's Republic of China),"
    "全国人民代表大会,1980-09-10,https://example.cn/n,test,Public,zh\n"
)


@pytest.fixture(scope="module")
def laws(tmp_path_factory: pytest.TempPathFactory) -> GroundIndex:
    return tiny_index_in(tmp_path_factory, "laws_named", LAWS, LAWS_MANIFEST)


@pytest.mark.parametrize(
    ("question", "article"),
    [
        # a Chinese law named in Korean: its English name matched through the terms' senses
        ("중국 형법 제240조", "第二百四十条"),
        ("중화인민공화국 형법 제318조는 무엇을 처벌하나요?", "第三百一十八条"),
        ("국적법 제9조", "第九条"),  # 국적법 read as 국적 + 법: "Nationality Law"
        # and in English: a nationality is its country, a "code" a "Law"
        ("What does Article 318 of China's criminal code say?", "第三百一十八条"),
        ("Article 9 of the Chinese Nationality Law", "第九条"),
        # "the Korean Refugee Act" is the Refugee Act of the Republic of Korea, not the act on North
        # Korean refugees
        ("Article 2 of the Korean Refugee Act", "난민이란"),
        # the one constitution of the collection, named by its kind alone
        ("헌법 제3조는 무엇을 규정하나요?", "영토는"),
        ("What does Article 3 of the Constitution say?", "영토는"),
        ("한국 헌법 제12조", "신체의 자유"),
        # in Chinese, with the article's number in digits or in Han numerals: 刑法 is the law's kind
        ("刑法第240条", "第二百四十条"),
        ("中国刑法第二百四十条规定了什么？", "第二百四十条"),
        ("国籍法第9条", "第九条"),
    ],
)
def test_an_article_named_with_its_instrument_in_other_words(
    laws: GroundIndex, question: str, article: str
) -> None:
    answer = laws.search(Query(question, explain=True))
    assert answer.answered and article in answer.hits[0].passage.text, question
    assert answer.explanation is not None and "article of the instrument" in answer.explanation.reason


def test_a_country_the_question_is_about_does_not_unname_a_treaty(treaties: GroundIndex) -> None:
    # (whether China is in the collection is the answer's business: here it is not, so nothing holds it)
    for question in ("Does Article 3 of the CAT bind China?", "중국은 고문방지협약 제3조를 지켜야 하나요?"):
        scored = treaties.score(Query(question))
        assert scored.named_instrument, question
        assert [g.head.passage.text for g in scored.groups if g.in_provision] == [
            g.head.passage.text for g in scored.groups if "refouler" in g.head.passage.text
        ]


def test_north_korea_is_not_the_republic_of_korea(laws: GroundIndex) -> None:
    # "North Korean" is one country: the Republic of Korea's constitution is not named, nor refused
    for question in (
        "Article 3 of the North Korean Constitution",
        "What does Article 200 of the North Korean Constitution say?",
    ):
        answer = laws.search(Query(question, explain=True))
        assert answer.explanation is not None
        assert "article of the instrument" not in answer.explanation.reason, question
        assert "has no article" not in answer.explanation.reason, question
    constitution = "대한민국헌법 (Constitution of the Republic of Korea)"
    dprk = "Socialist Constitution of the Democratic People's Republic of Korea"
    north = NamedInstrument.of(question_name_terms(["north", "korean", "constitut"]), [], {}, 100)
    assert north.contradicts(constitution, name_terms(constitution))
    assert not north.contradicts(dprk, name_terms(dprk)) and north.decisive(dprk, name_terms(dprk))
    korean = NamedInstrument.of(["북한", "헌법"], [], {}, 100, {})
    assert not korean.contradicts(dprk, name_terms(dprk)) and korean.contradicts(
        constitution, name_terms(constitution)
    )
    # a joined country weighs as its rarer word does, not as a word the collection never holds
    topic = NamedInstrument.of(
        question_name_terms(["north", "korean", "return"]), [], {"north": 40, "korean": 30}, 100
    )
    assert topic.weights["north korea"] == pytest.approx(
        NamedInstrument.of(["korean"], [], {"korean": 30}, 100).weights["korean"]
    )
    # "the Korean Refugee Act" is the Republic of Korea's, not the act on North Korean refugees
    nk = "북한이탈주민의 보호 및 정착지원에 관한 법률 (North Korean Refugees Protection and Settlement Act)"
    refugee_act = "난민법 (Refugee Act, Republic of Korea)"
    asked = NamedInstrument.of(question_name_terms(["korean", "refuge", "act"]), [], {}, 100)
    assert asked.match(refugee_act, name_terms(refugee_act)) > asked.match(nk, name_terms(nk))


@pytest.mark.parametrize(
    "question",
    [
        "중국 헌법 제3조",  # another country's constitution: not the one the collection holds
        "북한 헌법 제3조",
        "What does Article 3 of China's Constitution say?",
        "Article 3 of the DPRK Constitution",
        "자유권규약 제3조",  # a covenant the collection does not hold, named by its own word
    ],
)
def test_an_instrument_the_collection_lacks_is_not_its_one_of_that_kind(
    laws: GroundIndex, question: str
) -> None:
    answer = laws.search(Query(question, explain=True))
    assert answer.explanation is not None
    assert "article of the instrument" not in answer.explanation.reason, question


CHINA_AND_ABDUCTEES = {
    "criminal_law.txt": (
        "中华人民共和国刑法\n\n"
        "第二百四十条 拐卖妇女、儿童的，处五年以上十年以下有期徒刑，并处罚金。\n\n"
        "第二百四十一条 收买被拐卖的妇女、儿童的，处三年以下有期徒刑、拘役或者管制。\n\n"
        "第二百四十二条 以暴力、威胁方法阻碍国家机关工作人员解救被收买的妇女、儿童的，依照本法处罚。"
    ),
    "abductees.txt": (
        "납북피해자의 보상 및 지원에 관한 법률\n\n"
        "제1조(목적) 이 법은 납북피해자와 그 가족에 대한 보상 및 지원을 목적으로 한다.\n\n"
        "제2조(정의) 이 법에서 납북자란 군사정전에 관한 협정 체결 후 북한에 억류된 자를 말한다.\n\n"
        "제3조(위원회) 납북피해자보상및지원심의위원회를 둔다."
    ),
    "report.txt": "\n\n".join(
        f"Section {n}. Courts in region {n} of China applied the criminal law to {n} cases, and women's "
        "groups asked for changes to the law."
        for n in range(1, 41)
    ),
}
CHINA_AND_ABDUCTEES_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    '"criminal_law.txt","中华人民共和国刑法 (Criminal Law of the People\'s Republic of China)",'
    "全国人民代表大会,1997-03-14,https://example.cn/law,test,Public,zh\n"
    '"abductees.txt","납북피해자의 보상 및 지원에 관한 법률 (Act on Compensation and Support for Victims '
    'Abducted to North Korea after the Conclusion of the Armistice Agreement)",대한민국 국회,2021-04-20,'
    "https://example.kr/law,test,Public,ko\n"
    '"report.txt","Trafficking report",Example NGO,2024-01-01,https://example.org/report,test,Public,en\n'
)


def test_an_article_of_the_law_named_in_capitals_is_found_whatever_the_question_asks_about(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    index = tiny_index_in(tmp_path_factory, "china-law", CHINA_AND_ABDUCTEES, CHINA_AND_ABDUCTEES_MANIFEST)
    question = "What does Article 241 of China's Criminal Law say about buying abducted women?"
    answer = index.search(Query(question, k=3, explain=True))
    assert answer.explanation is not None and "no article" not in answer.explanation.reason
    assert answer.answered and "第二百四十一条" in answer.hits[0].passage.text


def test_a_korean_article_named_without_je_is_the_named_laws(treaties: GroundIndex) -> None:
    answer = treaties.search(Query("난민법 22조는 무엇을 정하나요?", k=3, explain=True))
    assert answer.explanation is not None and answer.explanation.provisions == ("art 22",)
    first = answer.hits[0].passage
    assert first.section[-1].startswith("제22조") and "거주지" in first.text


def test_a_chinese_law_is_named_by_the_bigram_ending_in_its_kind() -> None:
    assert is_kind("刑法") and is_kind("籍法") and is_kind("convent") and is_kind("법")
    assert not is_kind("非法") and not is_kind("无法") and not is_kind("法第") and not is_kind("刑")
    criminal_law = "中华人民共和国刑法 (Criminal Law of the People's Republic of China)"
    named = NamedInstrument.of(["刑法"], [], {}, 1000)
    assert named.explicit(criminal_law, frozenset(analyze(criminal_law)))
    illegal = NamedInstrument.of(["非法", "越境"], [], {}, 1000)  # "illegal border crossing" names no law
    assert not illegal.explicit(criminal_law, frozenset(analyze(criminal_law)))


def test_an_acronym_of_the_later_words_with_the_rest_of_the_name_is_decisive() -> None:
    protocol = "Optional Protocol to the Convention on the Rights of the Child (2000)"
    terms = frozenset(analyze(protocol))
    named = NamedInstrument.of(analyze("Optional Protocol to the CRC"), ["CRC"], {}, 1000)
    assert named.decisive(protocol, terms)
    # the acronym alone names the Convention, not the protocol to it
    assert not NamedInstrument.of(["crc"], ["CRC"], {}, 1000).decisive(protocol, terms)
    # nor is a protocol to another convention named
    cedaw = NamedInstrument.of(analyze("Optional Protocol to the CEDAW"), ["CEDAW"], {}, 1000)
    assert not cedaw.decisive(protocol, terms)


def test_an_acronym_a_title_writes_is_lent_to_the_titles_holding_its_words() -> None:
    cedaw = "Convention on the Elimination of All Forms of Discrimination against Women"
    protocol = f"Optional Protocol to the {cedaw} (1999)"
    crc_protocol = "Optional Protocol to the Convention on the Rights of the Child (2000)"
    assert abbreviates("CEDAW", protocol) == 0.0  # its initials do not give it
    assert lent_acronyms([f"{cedaw} (CEDAW, 1979)", protocol, crc_protocol]) == [
        frozenset({"cedaw"}),
        frozenset({"cedaw"}),
        frozenset(),
    ]
    index = TitleIndex([("cedaw", f"{cedaw} (CEDAW, 1979)"), ("op", protocol), ("crc-op", crc_protocol)])
    named = NamedInstrument.of(analyze("Optional Protocol to CEDAW"), ["CEDAW"], {}, 1000)
    ranked = index.explicit(named)
    assert ranked[0][1] == "op" and named.decisive(protocol, index.terms_of("op"))
    alone = NamedInstrument.of(["cedaw"], ["CEDAW"], {}, 1000)
    assert index.explicit(alone)[0][1] == "cedaw"  # the Convention itself, named in fewer words


def test_a_hyphenated_name_word_is_its_parts_without_the_prefix() -> None:
    named = NamedInstrument.of(analyze("the anti-torture convention"), [], {}, 1000)
    assert set(named.weights) == {"tortur", "convent"}  # not "anti", nor "anti-tortur" a third time
    assert named.match(CAT, frozenset(analyze(CAT))) == 1.0
    # a hyphenated word without a prefix keeps both its parts
    assert set(NamedInstrument.of(analyze("Korea-Japan treaty"), [], {}, 1000).weights) >= {"korea", "japan"}


def test_a_second_united_nations_in_the_question_is_left_out_too() -> None:
    # repeats were dropped before the UN's words were: the second "United Nations" lost its "unit" and
    # kept "nation", which named the protocol supplementing a "United Nations Convention"
    question = "Did the United States ratify Article 1 of the United Nations Convention against Torture?"
    words = engine._instrument_words(analyze_question(question), None)
    assert "nation" not in words and {"convent", "tortur"} <= set(words)
    index = TitleIndex([("cat", CAT), ("smuggling", SMUGGLING)])
    # as in the demo collection: "United" and "Nations" are common words of its passages
    df = {"unit": 600, "nation": 400, "state": 900, "ratifi": 60, "convent": 300, "tortur": 150}
    named = NamedInstrument.of(words, [], df, 4000)
    assert next(sid for _, sid in index.explicit(named)) == "cat"


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("When did China ratify the Convention against Torture?", True),
        (
            "Has the Republic of Korea made the declaration under Article 22 of the Convention against "
            "Torture?",
            True,
        ),
        ("Is North Korea a party to the Refugee Convention?", True),
        ("In which year did North Korea accede to the Optional Protocol to CEDAW?", True),
        ("How many countries are parties to the ICCPR?", True),
        ("How many states have ratified the CAT?", True),
        ("Which country was the first to ratify the Palermo Protocol?", True),
        ("북한은 고문방지협약 당사국인가요?", True),
        ("그럼 북한은 이 협약을 몇 년에 비준했나요?", True),
        ("중국은 이주노동자권리협약(ICMW)에 가입했나요?", True),
        ("중국이 난민협약에 가입한 해는?", True),
        ("몇 개국이 가입했나요?", True),
        ("Did the Republic of Korea make a declaration under Article 22 of the CAT?", True),
        ("Is China still a party to the Refugee Convention?", True),
        ("How many parties does the ICCPR have?", True),
        ("Which countries have ratified the CRC?", True),
        ("한국은 고문방지협약 22조에 따른 선언 했어요?", True),
        ("중국 난민협약 가입했어?", True),
        ("중국은 난민협약 가입국이야?", True),
        ("북한도 자유권규약 비준했나요?", True),
        ("북한은 아동권리협약을 비준했지?", True),
        ("한국은 무국적자 협약에 가입되어 있나요?", True),
        ("로마규정 당사국은 몇 개국인가요?", True),
        ("한국은 아직 이주노동자협약에 가입 안 했나요?", True),
        # people of a state are no state ("북한이탈주민" holds 북한), nor is joining an insurance joining
        ("북한이탈주민이 고용보험에 가입한 날이 최초로 취업한 날인가요?", False),
        ("북한이탈주민은 건강보험에 가입했나요?", False),
        # the treaty's own "States Parties", and what joining takes
        (
            "How many States Parties have to accept an amendment to the Rome Statute?",
            False,
        ),
        (
            "Which States Parties to the Convention against Torture must submit reports to the Committee?",
            False,
        ),
        ("로마규정은 몇 개국이 비준한 다음에 발효되나요?", False),
        ("Can North Korea withdraw from the ICCPR?", False),
        # what an instrument says of any state that joins it, or of what joining takes
        ("Can a state ratify the CEDAW Optional Protocol with reservations?", False),
        ("How many states must ratify the Rome Statute before it takes effect?", False),
        ("CEDAW committee: how many experts once 35 states have ratified?", False),
        ("1956년 노예제 폐지 보충협약은 몇 개국이 당사국이 되면 발효되도록 되어 있나요?", False),
        ("그 협약 제9조에 따르면 당사국이 이 협약에 유보를 붙일 수 있나요?", False),
        # a state's joining said in passing, not asked
        ("Since China is a party to the Refugee Convention, must it protect North Koreans?", False),
        ("Is North Korea bound by the CAT since it signed it?", False),
        ("중국은 난민협약에 가입했는데도 송환하나요?", False),
        ("중국이 가입한 난민협약은 강제송환을 금지하나요?", False),
        # a national law's rule on ratifying: its state is no subject of the verb
        (
            "Does Article 60 of South Korea's Constitution require the National Assembly's consent before "
            "the government ratifies treaties?",
            False,
        ),
    ],
)
def test_a_question_for_the_states_that_joined_an_instrument(question: str, asks: bool) -> None:
    assert asks_joining(question) is asks


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("중국 형법에서 국경을 불법으로 넘으면 어떤 처벌을 받나요?", True),
        ("중국의 국적법에 따르면 이중국적이 인정되나요?", True),
        ("중화인민공화국 형법에서 부녀자 인신매매는 어떻게 처벌하나요?", True),
        # China's law in general names none (read in Chinese, audit 53's "중국 법으로는 그 나이 아이를
        # 고용해도 되나요?" lost the State Department's answer to Chinese articles)
        ("중국 법에는 난민 지위를 인정하는 규정이 있나요?", False),
        # China and another instrument, or another state's law
        ("중국은 난민협약 제33조를 위반하고 있나요?", False),
        ("중국 난민협약 가입국인가요?", False),
        ("중국인 남편과 결혼한 탈북 여성의 아이는 한국 국적법상 한국인인가요?", False),
        ("탈북자가 중국에서 체포되면 한국 북한이탈주민법상 보호를 받을 수 있나요?", False),
    ],
)
def test_a_korean_question_names_a_law_of_china(question: str, names: bool) -> None:
    assert engine._names_chinese_law(question) is names


def test_a_law_named_beside_china_is_chinas_unless_korea_has_it() -> None:
    """A question naming China and a law by a name with no country ("출입경관리법", China's term for its
    Exit and Entry Administration Law) names China's law; a name a Korean source's title holds (난민법)
    names the Korean law, about which a question may well mention China."""
    korean_titles = [frozenset({"난민", "법", "refuge", "act"})]

    def korean_law(name: tuple[str, ...]) -> bool:
        return any(set(name) <= terms for terms in korean_titles)

    hiding = "중국에서 불법으로 머무는 탈북 여성을 숨겨 주다가 걸리면 출입경관리법상 벌금이 얼마나 나오나요?"
    refugee = "중국에서 온 탈북민도 난민법상 난민 인정을 받을 수 있나요?"
    unnamed = "불법으로 머무는 외국인을 숨겨 주면 출입경관리법상 벌금은?"  # China not named
    assert engine._names_chinese_law(hiding, korean_law)
    assert not engine._names_chinese_law(refugee, korean_law)
    assert not engine._names_chinese_law(unnamed, korean_law)
    # another state named too: the law may be its ("... 국적법상 한국 국적을 받을 수 있나요?")
    korean = "중국 국적 남편과 사는 탈북 여성의 아이는 국적법상 한국 국적을 받을 수 있나요?"
    assert not engine._names_chinese_law(korean, korean_law)


@pytest.mark.parametrize(
    ("question", "words"),
    [
        # the word joined to its kind right before the article, not the question's other words (유엔난민기구's
        # 기구, "agency", also names the Palermo Protocol's "Organized Crime")
        (
            "난민협약 제35조에 따르면 체약국은 유엔난민기구가 요청할 때 어떤 정보를 제공해야 하나요?",
            ["난민", "협약"],
        ),
        ("난민법 제22조를 보면, 난민으로 인정받은 사람이 다른 나라 국적을 얻으면?", ["난민", "법"]),
        # with its country, and with the instrument it belongs to
        ("중국 형법 240조는 무엇인가요?", ["중국", "형법", "법"]),
        ("자유권규약 제1선택의정서 제12조에 따라 탈퇴를 통보하면?", ["자유", "규약", "1", "선택", "의정서"]),
        ("북한이탈주민법 시행령 제12조의3은 무엇인가요?", ["북한", "이탈", "주민", "법", "시행령"]),
        # a kind alone ("그 법") names nothing by itself: the question's other words are read
        ("그 법 제5조는 무엇을 정하나요?", ["법", "정하"]),
    ],
)
def test_a_korean_question_names_its_instrument_by_the_word_before_the_article(
    question: str, words: list[str]
) -> None:
    assert engine._instrument_words(analyze_question(question), None) == words
