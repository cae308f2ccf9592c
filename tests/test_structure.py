"""Outlines: headings of treaties, codes, Korean and Chinese laws, reports; paths and citations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.models import Region, Source
from corpus.nonprose import nonprose_of
from corpus.numbering import han_numeral, han_value, leads_into_list, roman_value, to_roman
from corpus.structure import Outline, citation, outline, outline_of
from tests.helpers import demo_collection

TREATY = """CONVENTION ON EXAMPLES

*Preamble*The High Contracting Parties,Considering that article 33 applies,Have agreed as follows:
CHAPTER I

General Provisions

Article 1

Definition of the Term "Refugee"

A. For the purposes of the present Convention, the term applies to any person who:

(1) Has been considered a refugee; or

(2) As a result of events occurring before 1 January 1951 is outside the country.

B. Other text.

Article 2

1. Every refugee has duties.
2. Article 33 of this Convention shall apply; see article 1, section A.
3. Each State undertakes:
(a) to do one thing;
(b) to do another;
(i) in one way;
(ii) in another.

CHAPTER II

Article 3

Article 33 of the Convention is mentioned at the start of this sentence.
15. A line that merely starts with a number is not a paragraph.
"""


def labels(o: Outline, numbered: bool = False) -> list[str]:
    return [h.label for h in o.headings if h.numbered == numbered]


def at(text: str, needle: str) -> int:
    return text.index(needle)


def heading_text(o: Outline, text: str, label: str) -> str:
    """The text the first heading labelled `label` spans."""
    heading = next(h for h in o.headings if h.label == label)
    return text[heading.start : heading.end]


def test_treaty_headings_levels_and_titles() -> None:
    o = outline(TREATY, "en")
    assert labels(o) == ["Preamble", "Chapter I", "Article 1", "Article 2", "Chapter II", "Article 3"]
    assert heading_text(o, TREATY, "Article 1") == 'Article 1\n\nDefinition of the Term "Refugee"'
    assert [h.level for h in o.headings if not h.numbered] == [1, 1, 2, 2, 1, 2]
    assert o.path_at(0) == ()
    assert o.path_at(at(TREATY, "The High Contracting")) == ("Preamble",)
    assert o.path_at(at(TREATY, "(2) As a result")) == ("Chapter I", "Article 1", "A", "(2)")
    assert o.path_at(at(TREATY, "Other text")) == ("Chapter I", "Article 1", "B")
    assert o.path_at(at(TREATY, "Article 33 of this")) == ("Chapter I", "Article 2", "2")
    assert o.path_at(at(TREATY, "in another")) == ("Chapter I", "Article 2", "3", "(b)", "(ii)")
    assert o.path_at(at(TREATY, "merely starts")) == ("Chapter II", "Article 3")
    regions = o.regions()
    assert all(r.kind == "heading" for r in regions) and [r.label for r in regions] == labels(o)


def test_mentions_of_articles_are_not_headings() -> None:
    text = (
        "The Court recalled Article 33.\n\nArticle 33 of the Convention forbids refoulement.\n\nsee article 5"
    )
    assert outline(text, "en").headings == ()


def test_citations() -> None:
    assert citation(("Part I", "Article 2", "2")) == "Art. 2(2)"
    assert citation(("Chapter I", "Article 1", "A", "(2)")) == "Art. 1A(2)"
    assert citation(("Part III", "Article 8", "3", "(c)", "(ii)")) == "Art. 8(3)(c)(ii)"
    assert citation(("제2장", "제8조(난민인정 등의 결정)")) == "제8조"
    assert citation(("제2장", "제5조(난민인정 신청)", "제2항", "제1호")) == "제5조제2항제1호"
    assert citation(("부칙 <제11298호,2012.2.10>", "제1조(시행일)")) == "부칙 <제11298호,2012.2.10> 제1조"
    assert citation(("§ 7801",)) == "§ 7801"
    assert citation(("Title 8", "Chapter 12", "§ 1158", "(a)", "(2)", "(A)")) == "§ 1158(a)(2)(A)"
    assert (
        citation(("第二编", "第四章", "第二百四十条", "第一款", "第（三）项"))
        == "第二百四十条第一款第（三）项"
    )
    assert citation(("Section 3. Security of the Person", "c. Protection to Refugees")) == "Section 3.c"
    assert citation(("Schedule", "Paragraph 6", "2")) == "Schedule, para. 6(2)"
    assert citation(("Part II",)) == "Part II"
    assert citation(("Chapter IV",)) == "Ch. IV"
    assert citation(("History", "Korean War (1950–1953)")) == "Korean War (1950–1953)"
    assert citation(()) == ""


# Three laws by their language: a Korean act with items and a supplement, a Chinese code with
# numbered items and unnumbered paragraphs, a US Code title with nested subsections.
LAWS = {
    "ko": (
        "난민법\n\n제1장 총칙\n\n제1조 (목적)\n\n이 법은 목적을 정한다.\n"
        "\n제2조 (정의)\n\n용어의 뜻은 다음과 같다.\n\n"
        '1. "난민"이란 외국인을 말한다.\n2. "신청자"란 다음 각 목의 사람을 말한다.\n'
        "가. 심사 중인 사람\n나. 소송 중인 사람\n\n"
        "제2장 신청\n\n제5조 (난민인정 신청)\n\n① 신청할 수 있다.\n"
        "\n② 제1항에 따른 신청에는 다음 서류를 낸다.\n\n"
        "1. 여권\n2. 자료\n\n부칙 <제11298호,2012.2.10>\n"
        "\n제1조(시행일) 이 법은 2013년 7월 1일부터 시행한다.\n\n"
        '제3조의2 중 "「출입국관리법」"을 고친다.\n\n제2조제3호를 다음과 같이 한다.\n'
    ),
    "zh": (
        "中华人民共和国刑法\n\n第二编 分则\n\n第四章 侵犯公民人身权利罪\n\n"
        "第二百四十条 拐卖妇女、儿童的，处五年以上有期徒刑；有下列情形之一的，处死刑：\n\n"
        "（一）拐卖妇女、儿童集团的首要分子；\n\n（二）拐卖妇女、儿童三人以上的。\n\n"
        "拐卖妇女、儿童是指以出卖为目的的行为。\n\n"
        "第二百四十一条 收买被拐卖的妇女、儿童的，处三年以下有期徒刑。\n\n"
        "依照本法第二百四十条的规定定罪处罚。\n"
    ),
    "en": (
        "Title 8— ALIENS AND NATIONALITY\nCHAPTER 12— IMMIGRATION AND NATIONALITY\n\n§ 1158. Asylum\n"
        "(a) Authority to apply for asylum\n\n(1) In general\n\nAny alien may apply.\n\n(2) Exceptions\n\n"
        "(A) Safe third country\n\nParagraph (1) shall not apply.\n\n(i) In general\n\nText (h) here.\n\n"
        "(b) Conditions for granting asylum\n\n§ 1158a. Later section\n\nText.\n"
    ),
}


def law_outline(language: str) -> Outline:
    return outline(LAWS[language], language)


def law_path(language: str, needle: str) -> tuple[str, ...]:
    """The section path of a law where `needle` first stands."""
    return law_outline(language).path_at(at(LAWS[language], needle))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ko",
            [
                "제1장",
                "제1조(목적)",
                "제2조(정의)",
                "제2장",
                "제5조(난민인정 신청)",
                "부칙 <제11298호,2012.2.10>",
                "제1조(시행일)",
            ],
        ),
        ("zh", ["第二编", "第四章", "第二百四十条", "第二百四十一条"]),
        ("en", ["Title 8", "Chapter 12", "§ 1158", "§ 1158a"]),
    ],
)
def test_law_headings(language: str, expected: list[str]) -> None:
    assert labels(law_outline(language)) == expected


@pytest.mark.parametrize(
    ("language", "needle", "path", "cite"),
    [
        ("ko", "심사 중인", ("제1장", "제2조(정의)", "제2호", "가목"), "제2조제2호가목"),
        ("ko", "자료", ("제2장", "제5조(난민인정 신청)", "제2항", "제2호"), "제5조제2항제2호"),
        (
            "ko",
            "이 법은 2013",
            ("부칙 <제11298호,2012.2.10>", "제1조(시행일)"),
            "부칙 <제11298호,2012.2.10> 제1조",
        ),
        (
            "zh",
            "拐卖妇女、儿童三人",
            ("第二编", "第四章", "第二百四十条", "第一款", "第（二）项"),
            "第二百四十条第一款第（二）项",
        ),
        ("zh", "拐卖妇女、儿童是指", ("第二编", "第四章", "第二百四十条", "第二款"), "第二百四十条第二款"),
        ("zh", "依照本法", ("第二编", "第四章", "第二百四十一条", "第二款"), "第二百四十一条第二款"),
        (
            "en",
            "Text (h) here",
            ("Title 8", "Chapter 12", "§ 1158", "(a)", "(2)", "(A)", "(i)"),
            "§ 1158(a)(2)(A)(i)",
        ),
        ("en", "Conditions for", ("Title 8", "Chapter 12", "§ 1158", "(b)"), "§ 1158(b)"),
    ],
)
def test_law_section_paths_and_citations(
    language: str, needle: str, path: tuple[str, ...], cite: str
) -> None:
    """Where a needle first stands in a law: its section path, and the citation of that path."""
    found = law_path(language, needle)
    assert found == path
    assert citation(found) == cite


@pytest.mark.parametrize(
    ("language", "label", "text"),
    [
        ("ko", "제1조(시행일)", "제1조(시행일)"),
        ("zh", "第二百四十条", "第二百四十条"),
        ("en", "§ 1158", "§ 1158. Asylum"),
    ],
)
def test_law_heading_text(language: str, label: str, text: str) -> None:
    assert heading_text(law_outline(language), LAWS[language], label) == text


def test_roman_i_after_h_is_a_letter() -> None:
    items = "".join(f"({c}) item {c};\n\n" for c in "abcdefgh")
    text = f"Article 7\n\n1. Acts:\n\n{items}(i) nine;\n\n(j) ten.\n\n2. Other:\n\n(a) first\n(i) roman one\n"
    o = outline(text, "en")
    assert o.path_at(at(text, "nine")) == ("Article 7", "1", "(i)")
    assert o.path_at(at(text, "ten")) == ("Article 7", "1", "(j)")
    assert o.path_at(at(text, "roman one")) == ("Article 7", "2", "(a)", "(i)")


def test_report_sections_and_wrapped_titles() -> None:
    text = (
        "Country Report 2023\n\nExecutive Summary\n\n"
        "The government did many things in the year under review.\n\n"
        "Section 1. Respect for the Integrity of the\nPerson\n"
        "a. Arbitrary Deprivation of Life and Other Unlawful or\n"
        "Politically Motivated Killings\n"
        "There were numerous reports that the government committed killings.\n\n"
        "Prison and Detention Center Conditions\n\n"
        "Prison conditions were harsh and life threatening, as reported.\n\n"
        "b. Disappearance\n\nThere were reports of enforced disappearances by the authorities.\n"
    )
    o = outline(text, "en")
    assert labels(o) == [
        "Executive Summary",
        "Section 1. Respect for the Integrity of the Person",
        "a. Arbitrary Deprivation of Life and Other Unlawful or Politically Motivated Killings",
        "Prison and Detention Center Conditions",
        "b. Disappearance",
    ]
    assert citation(o.path_at(at(text, "Prison conditions"))) == "Section 1.a"
    assert o.path_at(at(text, "Prison conditions"))[-1] == "Prison and Detention Center Conditions"


def test_a_section_opening_with_short_labelled_fields_is_a_section() -> None:
    # a factbook: "People and Society" opens with fields too short to be prose before any sentence
    text = (
        "Korea, North\n============\n\nGeography\n\nLocation:\n"
        "Eastern Asia, the northern half of the Korean Peninsula, bordering the Sea of Japan.\n\n"
        "People and Society\n\nNationality:\nnoun: Korean(s)\nadjective: Korean\n\n"
        "Ethnic groups:\nracially homogeneous\n\nReligions:\n\ntraditionally Buddhist and Confucianist\n\n"
        "Population:\n24,851,627 (July 2014 est.)\n\n"
        "Age structure:\nThe population is young, and a fifth of it is under fifteen years of age.\n"
    )
    o = outline(text, "en")
    assert labels(o)[-2:] == ["Geography", "People and Society"]
    assert o.path_at(at(text, "24,851,627"))[-1] == "People and Society"
    # a line before labelled fields that never reach a sentence is no heading, nor one before a
    # table of contents, a source line or the signatures of a treaty
    o2 = outline("Intro sentence here.\n\nSome label\n\nName:\nvalue\n\nOther:\nvalue two\n", "en")
    assert "Some label" not in labels(o2)
    after = "\n\nThe report covers the year and says many things in full sentences here.\n"
    contents = "Intro sentence here today.\n\nAnnual Report 2023\n\nContents:\n\nChapter one" + after
    assert "Annual Report 2023" not in labels(outline(contents, "en"))
    signed = (
        "The parties agree to the terms set out above.\n\nSigned\n\nFor the Government of A:\n\n"
        "John Smith\n\nDone at Geneva in two copies, both texts being equally authentic here.\n"
    )
    assert "Signed" not in labels(outline(signed, "en"))


def test_markdown_and_loader_headings() -> None:
    text = "# Guide\n\nIntro text here.\n\n## Article 4\n\nBody.\n\nSetext title\n============\n\nMore."
    o = outline(text, "en")
    assert labels(o) == ["Guide", "Article 4", "Setext title"]
    given = Region(at(text, "Intro"), at(text, "Intro") + 5, "heading", 2, "Intro label")
    o2 = outline(text, "en", regions=[given])
    assert "Intro label" in labels(o2)


def test_excluded_spans_have_no_headings() -> None:
    text = "Lead paragraph of the article, long enough to be prose for sure.\n\nReferences\n\nArticle 5\n\nx"
    assert outline(text, "en", exclude=[(at(text, "References"), len(text))]).headings == ()


def test_numerals() -> None:
    assert [roman_value(s) for s in ("I", "IV", "XIV", "MCMXCIV", "IIII", "")] == [1, 4, 14, 1994, None, None]
    assert all(roman_value(to_roman(n)) == n for n in range(1, 400))
    assert [han_value(s) for s in ("二百四十", "十二", "一百零一", "四百五十二", "12", "x")] == [
        240,
        12,
        101,
        452,
        12,
        None,
    ]
    assert all(han_value(han_numeral(n)) == n for n in range(1, 1000))


# ---------------------------------------------------------------- the demo collection


def demo_sources(shared_dir: Path) -> dict[str, Source]:
    return demo_collection(shared_dir)


@pytest.fixture(scope="module")
def demo(shared_dir: Path) -> dict[str, Source]:
    return demo_sources(shared_dir)


def demo_outline(source: Source) -> Outline:
    return outline_of(source, exclude=[(r.start, r.end) for r in nonprose_of(source)])


def article_numbers(o: Outline) -> list[str]:
    return [h.label.split()[1] for h in o.headings if h.label.startswith("Article ") and not h.numbered]


def test_demo_refugee_convention(demo: dict[str, Source]) -> None:
    source = demo["treaty_1951_refugee_convention.txt"]
    o = demo_outline(source)
    assert article_numbers(o) == [str(n) for n in range(1, 47)]  # each article once, in order
    structural = [h.label for h in o.headings if not h.numbered]
    assert [x for x in structural if x.startswith("Chapter")] == [
        f"Chapter {r}" for r in ["I", "II", "III", "IV", "V", "VI", "VII"]
    ]
    assert structural[:3] == ["Preamble", "Chapter I", "Article 1"]
    assert [f"Paragraph {n}" for n in range(1, 17)] == [x for x in structural if x.startswith("Paragraph")]
    text = source.text
    refoulement = text.index("No Contracting State shall expel or return")
    assert o.path_at(refoulement) == ("Chapter V", "Article 33", "1")
    assert citation(o.path_at(text.index("well-founded fear of being persecuted"))) == "Art. 1A(2)"
    # every heading line in the text is an outline heading, and no outline heading is a sentence
    lines = set(re.findall(r"(?m)^(?:Article|CHAPTER) [0-9IVX]+$", text))
    assert len(lines) == 46 + 7
    for h in o.headings:
        if not h.numbered:
            assert (
                text[h.start : h.end].split("\n")[0].strip()[-1:] not in {".", ",", ";"}
                or h.label == "Preamble"
            )


@pytest.mark.parametrize(
    ("path", "articles"),
    [
        ("treaty_1954_stateless_persons_convention.txt", 42),
        ("treaty_1961_reduction_of_statelessness.txt", 21),
        ("treaty_cedaw.txt", 30),
        ("treaty_convention_against_torture.txt", 33),
        ("treaty_palermo_trafficking_protocol.txt", 20),
        ("treaty_rome_statute_icc.txt", 128),
        ("un_universal_declaration_of_human_rights.txt", 30),
    ],
)
def test_demo_treaties_have_each_article_once(demo: dict[str, Source], path: str, articles: int) -> None:
    o = demo_outline(demo[path])
    assert article_numbers(o) == [str(n) for n in range(1, articles + 1)]


def test_demo_covenant_and_its_protocol_are_told_apart(demo: dict[str, Source]) -> None:
    source = demo["treaty_iccpr_and_first_optional_protocol.txt"]
    o = demo_outline(source)
    assert article_numbers(o) == [str(n) for n in range(1, 54)] + [str(n) for n in range(1, 15)]
    text = source.text
    protocol = text.index("Optional Protocol to the International Covenant")
    first_op_article = text.index("Article 1", protocol)
    assert o.path_at(first_op_article)[0].startswith("Optional Protocol to the International Covenant")
    assert "Part VI" not in o.path_at(first_op_article)


def test_demo_us_code(demo: dict[str, Source]) -> None:
    source = demo["usc_title22_ch85_north_korean_human_rights.txt"]
    o = demo_outline(source)
    sections = [h.label for h in o.headings if h.label.startswith("§")]
    assert sections[0] == "§ 7801" and len(sections) == len(re.findall(r"(?m)^§ \d+", source.text))
    text = source.text
    path = o.path_at(text.index("Congress makes the following findings"))
    assert path[-1] == "§ 7801" and citation(path) == "§ 7801"
    assert citation(o.path_at(text.index("(2) The Government of North Korea attempts"))) == "§ 7801(2)"


def test_demo_korean_and_chinese_laws(demo: dict[str, Source]) -> None:
    ko = demo["kr_law_refugee_act.txt"]
    o = demo_outline(ko)
    path = o.path_at(ko.text.index("난민인정 신청은 서면으로"))
    assert path == ("제2장", "제5조(난민인정 신청)", "제3항") and citation(path) == "제5조제3항"
    main_articles = [
        h for h in o.headings if h.rank == 7 and not any(p.startswith("부칙") for p in o.path_at(h.start))
    ]
    assert len(main_articles) == len(re.findall(r"(?m)^제\d+조(?:의\d+)? \(", ko.text))
    zh = demo["cn_law_criminal_law.txt"]
    oz = demo_outline(zh)
    articles = [h for h in oz.headings if h.rank == 7]
    assert len(articles) == len(re.findall(r"(?m)^第[一二三四五六七八九十百零]+条", zh.text)) == 505
    assert sum(h.label.endswith("条之一") for h in articles) > 10
    path = oz.path_at(zh.text.index("将妇女、儿童卖往境外的"))
    assert citation(path) == "第二百四十条第一款第（八）项" and path[:2] == ("第二编", "第四章")


def test_demo_state_department_report(demo: dict[str, Source]) -> None:
    source = demo["usdos_2024_country_report_human_rights_china.txt"]
    o = demo_outline(source)
    path = o.path_at(source.text.index("c. Protection to Refugees") + 30)
    assert path == ("Section 3. Security of the Person", "c. Protection to Refugees")
    assert citation(path) == "Section 3.c"


def test_demo_has_no_heading_that_is_a_sentence(demo: dict[str, Source]) -> None:
    """Precision: no heading line of any demo source ends like a sentence or runs long."""
    for source in demo.values():
        for h in demo_outline(source).headings:
            if h.numbered:
                continue
            first = source.text[h.start : h.end].split("\n")[0]
            assert len(first) <= 160, (source.path, first)
            ends_sentence = first.rstrip("*")[-1:] in {".", ";", ",", "。", "다"}
            assert not ends_sentence or h.label == "Preamble", (source.path, first)


@pytest.mark.parametrize(
    ("line", "leads"),
    [
        ("The term “severe forms of trafficking in persons” means—", True),
        ("shall be dealt with in accordance with the following procedure:", True),
        ("이 법에서 사용하는 용어의 뜻은 다음과 같다.", True),
        ("① 다음 각 호의 어느 하나에 해당하는 자는 3년 이하의 징역 또는 3천만원 이하의 벌금에 처한다.", True),
        ("2. 상이를 입은 자의 유족에 대하여는 다음 각 목의 금액을 합한 금액", True),
        ("The Committee shall consist of ten experts.", False),
        ("① 위원회는 위원장 1명을 포함하여 9명의 위원으로 구성한다.", False),
    ],
)
def test_a_line_announcing_the_list_after_it(line: str, leads: bool) -> None:
    assert leads_into_list(line) is leads
