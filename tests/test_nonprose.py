"""Non-prose: captions, credits, reference and link sections, footnotes, tables of contents."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.models import NON_PROSE, Region, Source, SourceMeta
from corpus.nonprose import find_nonprose, merge_regions, nonprose_of
from tests.helpers import demo_collection

NEWS = """Considered 'Illegal Immigrants' Despite Inevitable Tragedy After Repatriation
Amid growing concerns that China will soon resume forced repatriation, the number remains unknown.
A woman dragged away by police outside the Korean Consulate in Beijing [Image source=AP Yonhap News]
China's policy of arresting defectors stems from its refusal to recognize them as 'refugees.'
© The Asia Business Daily(www.asiae.co.kr). All rights reserved.
![[On the Brink of Repatriation] ② North Korean Defectors](https://cphoto.asiae.co.kr/listimglink/1/2022.jpg)"""

WIKI = """North Korea is a country in East Asia.[3] It borders China and Russia.

Sports

The Arirang Festival is the biggest choreographic event in the world.[404]

See also

- Index of North Korea-related articles
- Outline of North Korea

Notes

References

Sources

- - Armstrong, Charles K. "North Korea in 2016." Asian Survey 57.1 (2017): 119-127. abstract
- - - -

External links

Government websites

- KCNA – website of the Korean Central News Agency

North_Korea Category:Atheist states Category:Communist states

pt:Coreia do Norte#Demografia

[4] http://www.law.go.kr/lsInfoP.do?lsiSeq=61603

[15] North Korea ranked in last place (167)"""


def marked(text: str) -> list[tuple[str, str]]:
    return [(r.kind, text[r.start : r.end]) for r in find_nonprose(text)]


def test_news_captions_and_credit_lines() -> None:
    found = marked(NEWS)
    assert [k for k, _ in found] == ["caption", "credit", "caption"]
    assert found[0][1].startswith("A woman dragged") and found[0][1].endswith("Yonhap News]")
    assert found[1][1] == "© The Asia Business Daily(www.asiae.co.kr). All rights reserved."
    assert found[2][1].startswith("![") and found[2][1].endswith(".jpg)")


def test_wikipedia_appendix_is_marked_and_the_article_is_not() -> None:
    found = find_nonprose(WIKI)
    prose_end = WIKI.index("See also")
    assert all(r.start >= prose_end for r in found)
    covered = "".join(WIKI[r.start : r.end] for r in found)
    assert "Arirang" not in covered and "Sports" not in covered
    rest = WIKI[prose_end:]
    for r in found:
        rest = rest.replace(WIKI[r.start : r.end], "")
    assert rest.strip() == ""  # everything from "See also" on is marked
    kinds = {WIKI[r.start : r.end].split("\n")[0]: r.kind for r in found}
    assert kinds["See also"] == "navigation" and kinds["External links"] == "navigation"
    assert kinds["Sources"] == "references" and kinds["Notes"] == "references"


def test_a_section_titled_notes_with_prose_under_it_is_kept() -> None:
    text = "Intro paragraph of the report.\n\nNotes\n\nThe survey was carried out in 2019 by the ministry."
    assert find_nonprose(text) == ()


def test_prose_that_looks_a_little_like_apparatus_is_kept() -> None:
    text = (
        "(c) To ensure that the competent authorities shall enforce such remedies when granted.\n\n"
        "(c)To establish legal protection of the rights of women on an equal basis with men;\n\n"
        "The photo of the camp, taken by a defector, was published in 2019.\n\n"
        "Contents of request for arrest and surrender\n\n"
        "1. A request for arrest shall be made in writing.\n\n"
        "See also article 5, which applies to the same persons.\n\n"
        "Copyright law protects authors; the court said so.\n\n"
        "------------- ---------\n1950 1000\n\n"
        "The ratio was 3 | 4 in the first year."
    )
    assert find_nonprose(text) == ()


def test_footnote_runs_and_single_trailing_footnote() -> None:
    refs = "[1] Smith (2003).\n[2] Doe (1999)."
    text = f"Body text, prose.\n\n{refs}\n\nMore prose here.\n\n[3] Retrieved 5 May."
    found = marked(text)
    assert found == [
        ("references", "[1] Smith (2003).\n[2] Doe (1999)."),
        ("references", "[3] Retrieved 5 May."),
    ]


def test_a_footnote_that_is_a_sentence_of_the_document_is_content() -> None:
    text = "Lists are checked against the camp register[1].\n\n[1] The register is updated every Tuesday."
    assert marked(text) == []


def test_loader_tables_and_footnotes_are_never_non_prose() -> None:
    from corpus.models import Region, Source, SourceMeta
    from corpus.nonprose import nonprose_of

    rows = "District | Wells\nAshford | 12\nBellmoor | 7"
    text = f"Intro sentence here.\n\n{rows}\n\n[1] Smith (2003)."
    start = text.index(rows)
    notes = text.index("[1]")
    table = Region(start, start + len(rows), "table")
    footnotes = Region(notes, len(text), "footnotes")
    source = Source("s", "s.pdf", SourceMeta(title="t"), text, "h", regions=(table, footnotes))
    assert nonprose_of(source) == ()


def test_table_of_contents() -> None:
    toc = "Contents\nIntroduction 1\nBackground 3\nFindings 7\nAnnex 12"
    leaders = "Article 1 ........ 3\nArticle 2 ........ 4\nArticle 3 …… 5"
    text = f"{toc}\n\nThe report begins here, with a sentence of prose.\n\n{leaders}\n\nMore prose follows."
    assert marked(text) == [("contents", toc), ("contents", leaders)]


def test_menus_and_empty_list_items() -> None:
    text = "Home | News | World | Asia\n\nThe story starts here, as it should.\n\n- - -"
    assert marked(text) == [("navigation", "Home | News | World | Asia"), ("navigation", "- - -")]


def test_a_paragraph_that_only_points_elsewhere() -> None:
    pointer = (
        "See the Department of State's annual Trafficking in Persons Report at\n"
        "https://www.state.gov/trafficking-in-persons-report/."
    )
    visit = "For more information, visit: https://example.org/report"
    text = f"c. Freedom of Religion\n\n{pointer}\n\nThe law provided for freedom of movement.\n\n{visit}"
    assert marked(text) == [("navigation", pointer), ("navigation", visit)]
    # a pointer with content, or a reference to a part of the same text, is left alone
    for kept in (
        "See also the report at https://x.org/y, which found that 40 percent of returnees were detained.",
        "See Article 3 above.",
        "Tier 3; for more details, go to: https://www.state.gov/reports/x/\nChina remained on Tier 3.",
        "The committee said so; see https://x.org/report for the figures it gave that year.",
        "See Section 2.d. The government forcibly returned an estimated 500 North Koreans in 2023, "
        "according to NGOs cited at https://x.org/y.",
        "See the UNHCR report, which found that 40 percent of returnees were detained, at https://x.org/y.",
        "See-saw diplomacy between the two capitals, as documented at https://x.org/y",
    ):
        assert marked(kept) == [], kept


def test_loader_regions_are_kept_and_merged() -> None:
    text = "Prose one.\n\nA caption from the loader.\n\n© 2023 Someone"
    source = Source(
        id="s",
        path="s.html",
        meta=SourceMeta(title="s"),
        text=text,
        content_hash="h",
        regions=(Region(12, 38, "caption"), Region(0, 10, "heading", 1, "Prose one.")),
    )
    regions = nonprose_of(source)
    assert [(r.kind, text[r.start : r.end]) for r in regions] == [
        ("caption", "A caption from the loader."),
        ("credit", "© 2023 Someone"),
    ]
    assert merge_regions([Region(0, 10, "caption"), Region(5, 20, "credit")]) == (
        Region(0, 10, "caption"),
        Region(10, 20, "credit"),
    )


@pytest.fixture(scope="module")
def demo(shared_dir: Path) -> dict[str, Source]:
    return demo_collection(shared_dir)


def test_demo_non_prose_is_found_where_expected_and_nowhere_else(demo: dict[str, Source]) -> None:
    """Only the news article, the State Department's source links and Wikipedia's appendices."""
    for path, source in demo.items():
        regions = nonprose_of(source)
        assert all(r.kind in NON_PROSE for r in regions)
        if path.startswith(("treaty_", "un_", "usc_", "kr_", "cn_", "cia_", "crs_")):
            assert regions == (), path
        if path.startswith("usdos_"):
            # the source link, and the paragraphs that only point to another report
            assert all(
                source.text[r.start : r.end].startswith(
                    ("Source PDF: https://", "See the Department of State")
                )
                for r in regions
            )
            pointers = [r for r in regions if r.label == "cross-reference"]
            # two in each report (religious freedom, trafficking); a third in the 2023 one
            assert len(pointers) == (3 if "2023" in path else 2), path
        if path.startswith("wikipedia_"):
            text = source.text
            first = min(r.start for r in regions)
            assert text[first:].split("\n")[0] in {"See also", "References", "External links"}, path
            assert all(text.count("\n", r.start, r.end) < 400 for r in regions)
    news = demo["asiae_2023_on_the_brink_of_repatriation_part2.txt"]
    assert [r.kind for r in nonprose_of(news)] == ["caption", "credit", "caption"]
