"""PDF variants of faults found by probing: number ranges split at a line end, table rows with an empty
last cell, and a table going on over a page break without a repeated header.

Each PDF is drawn here with reportlab from known lines, so the expected canonical text is exact.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from corpus.blocks import layout_of
from corpus.ingest import load_source, source_file
from corpus.models import Source
from corpus.normalize import canonicalize

Row = tuple[str, ...]
COLUMNS_X = (72, 220, 360, 470)
INTRO = "The table lists the clinics visited by the mobile team in May."
CLOSING = "Visits to Pennock were longer because of the measles outbreak."
HEADER: Row = ("Clinic", "Visits", "Doctor", "Notes")


def _pdf(pages: list[list[str | Row]], *, ruled: bool = False) -> bytes:
    """One page per list: a str is a line of prose ("" a blank gap), a tuple a table row drawn at
    `COLUMNS_X` (with ruled cell borders when `ruled`)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(612, 792), invariant=1)
    for lines in pages:
        y = 700.0
        rows: list[float] = []
        for line in lines:
            pdf.setFont("Helvetica", 11)
            if isinstance(line, tuple):
                for x, cell in zip(COLUMNS_X, line, strict=True):
                    pdf.drawString(x, y, cell)
                rows.append(y)
                y -= 18
            elif line:
                pdf.drawString(72, y, line)
                y -= 14
            else:
                y -= 12
        if ruled and rows:
            top, bottom = rows[0] + 13, rows[-1] - 5
            for edge in [r + 13 for r in rows] + [bottom]:
                pdf.line(66, edge, 560, edge)
            for x in [*COLUMNS_X, 566]:
                pdf.line(x - 6, top, x - 6, bottom)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _load(tmp_path: Path, data: bytes) -> Source:
    path = tmp_path / "probe.pdf"
    path.write_bytes(data)
    return load_source(source_file(path, path.name))


def _regions(source: Source, kind: str) -> list[str]:
    return [source.text[r.start : r.end] for r in source.regions if r.kind == kind]


# -- number ranges split at a line end -----------------------------------------------------------------------
def test_pdf_range_split_after_a_short_line_stays_in_its_paragraph(tmp_path: Path) -> None:
    source = _load(
        tmp_path,
        _pdf(
            [
                [
                    "Rainfall records for the period from 1990-",
                    "1995 were lost in a fire at the district office, together with the",
                    "maps of the northern wells and the registers of the cattle markets.",
                ]
            ]
        ),
    )
    assert source.text == (
        "Rainfall records for the period from 1990-1995 were lost in a fire at the district office, "
        "together with the maps of the northern wells and the registers of the cattle markets."
    )


def test_pdf_ranges_on_short_lines_keep_the_hyphen_without_a_space(tmp_path: Path) -> None:
    lines: list[str | Row] = [
        "Rainfall records for the period 1990-",
        "1995 were lost in the fire, but pages 12-",
        "18 of the register survived, as described in sections 4-",
        "5. Ages 5-",
        "14 were counted separately, as were the COVID-",
        "19 cases.",
    ]
    source = _load(tmp_path, _pdf([lines]))
    assert source.text == (
        "Rainfall records for the period 1990-1995 were lost in the fire, but pages 12-18 of the "
        "register survived, as described in sections 4-5. Ages 5-14 were counted separately, as were "
        "the COVID-19 cases."
    )


def test_pdf_range_split_across_a_page_break_is_joined(tmp_path: Path) -> None:
    pages: list[list[str | Row]] = [
        [
            "The agency reported that the pace of desertification in the districts",
            "doubled between 2015 and 2020, and that the records from 1990-",
        ],
        ["1995 were lost in a fire at the district office."],
    ]
    source = _load(tmp_path, _pdf(pages))
    assert source.text == (
        "The agency reported that the pace of desertification in the districts doubled between 2015 "
        "and 2020, and that the records from 1990-1995 were lost in a fire at the district office."
    )
    assert source.text[source.pages[1] :].startswith("1995 were lost")


def test_hard_wrapped_plain_text_keeps_a_split_range_in_its_paragraph() -> None:
    lines = [
        "The national land agency has monitored soil degradation in the eastern",
        "districts since 2012, and its field teams reported that rainfall records for",
        "the period from 1990-",
        "1995 were lost in a fire at the district office, together with the maps of",
        "the northern wells and the registers of the cattle markets that were held",
        "in the valley towns every second week, which had been kept since 1950-",
        "1960 by the clerks of the market board in the old county hall building.",
        "",
        "A second paragraph that is also wrapped at the same column, so that it is",
        "long enough to be seen as hard-wrapped text, as described in sections 4-",
        "5. Ages were counted on their own by the nurses of the district office.",
    ]
    assert canonicalize("\n".join(lines)).split("\n\n") == [
        "The national land agency has monitored soil degradation in the eastern districts since 2012, "
        "and its field teams reported that rainfall records for the period from 1990-1995 were lost in "
        "a fire at the district office, together with the maps of the northern wells and the registers "
        "of the cattle markets that were held in the valley towns every second week, which had been "
        "kept since 1950-1960 by the clerks of the market board in the old county hall building.",
        "A second paragraph that is also wrapped at the same column, so that it is long enough to be "
        "seen as hard-wrapped text, as described in sections 4-5. Ages were counted on their own by the "
        "nurses of the district office.",
    ]


# -- table rows with empty cells -----------------------------------------------------------------------------
@pytest.mark.parametrize("ruled", [False, True], ids=["unruled", "ruled"])
@pytest.mark.parametrize(
    ("rows", "lines"),
    [
        (
            [
                ("Harwick", "14", "Dr Lena Moss", "Closed Fridays"),
                ("Oakfield", "9", "", "No resident doctor"),
                ("Pennock", "21", "Dr Ada Fry", ""),
            ],
            [
                "Harwick | 14 | Dr Lena Moss | Closed Fridays",
                "Oakfield | 9 | | No resident doctor",
                "Pennock | 21 | Dr Ada Fry |",
            ],
        ),
        (
            [
                ("Harwick", "14", "", "Closed Fridays"),
                ("Oakfield", "9", "Dr Sam Ortiz", ""),
                ("Pennock", "21", "", "Open daily"),
            ],
            [
                "Harwick | 14 | | Closed Fridays",
                "Oakfield | 9 | Dr Sam Ortiz |",
                "Pennock | 21 | | Open daily",
            ],
        ),
    ],
    ids=["after-empty-middle", "alternating"],
)
def test_pdf_table_rows_with_empty_cells_stay_in_the_table(
    tmp_path: Path, rows: list[Row], lines: list[str], ruled: bool
) -> None:
    source = _load(tmp_path, _pdf([[INTRO, "", HEADER, *rows, "", CLOSING]], ruled=ruled))
    table = "\n".join(["Clinic | Visits | Doctor | Notes", *lines])
    assert source.text == f"{INTRO}\n\n{table}\n\n{CLOSING}"
    assert _regions(source, "table") == [table]
    assert _regions(source, "table_header") == ["Clinic | Visits | Doctor | Notes"]


# -- a table going on over a page break ----------------------------------------------------------------------
PAGE_ONE: list[str | Row] = [
    INTRO,
    "",
    ("Clinic", "Visits", "Doctor", "District"),
    ("Harwick", "14", "Dr Lena Moss", "North"),
    ("Oakfield", "9", "Dr Sam Ortiz", "North"),
]
PAGE_TWO_ROWS: list[str | Row] = [
    ("Pennock", "21", "Dr Ada Fry", "South"),
    ("Quarry End", "6", "Dr Ben Hale", "South"),
    "",
    CLOSING,
]
FIRST_ROWS = (
    "Clinic | Visits | Doctor | District\n"
    "Harwick | 14 | Dr Lena Moss | North\n"
    "Oakfield | 9 | Dr Sam Ortiz | North"
)
MORE_ROWS = "Pennock | 21 | Dr Ada Fry | South\nQuarry End | 6 | Dr Ben Hale | South"


@pytest.mark.parametrize("ruled", [False, True], ids=["unruled", "ruled"])
def test_pdf_table_going_on_over_a_page_break_continues_the_table(tmp_path: Path, ruled: bool) -> None:
    source = _load(tmp_path, _pdf([PAGE_ONE, PAGE_TWO_ROWS], ruled=ruled))
    assert source.text == f"{INTRO}\n\n{FIRST_ROWS}\n{MORE_ROWS}\n\n{CLOSING}"
    assert source.text[source.pages[1] :].startswith("Pennock | 21")
    assert _regions(source, "table_header") == ["Clinic | Visits | Doctor | District"]  # none on page 2
    assert _regions(source, "table") == [FIRST_ROWS, MORE_ROWS]
    # the rows on page 2 are searched and shown with the first page's header
    layout = layout_of(source)
    assert layout.context(source.text.index("Pennock"), source.text) == "Clinic | Visits | Doctor | District"

    # a repeated header still opens the page's table, with its header
    repeated = _load(tmp_path, _pdf([PAGE_ONE, [("Clinic", "Visits", "Doctor", "District"), *PAGE_TWO_ROWS]]))
    assert _regions(repeated, "table_header") == ["Clinic | Visits | Doctor | District"] * 2
    assert f"{FIRST_ROWS}\n\nClinic | Visits | Doctor | District\n{MORE_ROWS}\n\n" in repeated.text

    # another table with its own header (words over a column of numbers) is not taken as going on
    other = _load(tmp_path, _pdf([PAGE_ONE, [("Depot", "Trucks", "Manager", "Region"), *PAGE_TWO_ROWS]]))
    assert _regions(other, "table_header") == [
        "Clinic | Visits | Doctor | District",
        "Depot | Trucks | Manager | Region",
    ]

    # a table lower down the next page, after prose, is not the first page's table going on
    later = _load(
        tmp_path, _pdf([PAGE_ONE, ["The clinics of the south are listed next.", "", *PAGE_TWO_ROWS]])
    )
    assert f"{FIRST_ROWS}\n\nThe clinics of the south are listed next.\n\nPennock | 21" in later.text
    assert layout_of(later).context(later.text.index("Pennock"), later.text) == ""


# -- table cells wrapped onto more lines, and rows with one filled cell ------------------------------------
TABLE_HEADER: Row = ("Clinic", "Visits", "Doctor", "District")
HEADER_LINE = "Clinic | Visits | Doctor | District"


def _table_pdf(lines: list[str | Row], *, ruled: bool = False, by_line: bool = False) -> bytes:
    """One page: a str is a line of prose ("" a blank gap), a tuple a table row drawn at `COLUMNS_X`
    whose cells may wrap onto more lines ("\\n" between them, 13 points apart; rows are 18 points apart
    plus 13 for each extra line). Cells are drawn one after another, each with all its lines, as word
    processors do (`by_line`: the rows' first lines, then their second lines, ...); `ruled` draws rules
    above and below each row and between the columns."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(612, 792), invariant=1)
    pdf.setFont("Helvetica", 11)
    y = bottom = 700.0
    edges: list[float] = []
    for line in lines:
        if isinstance(line, tuple):
            cells = [cell.split("\n") for cell in line]
            depth = max(len(parts) for parts in cells)
            drawn = [
                (k, x, part)
                for x, parts in zip(COLUMNS_X, cells, strict=True)
                for k, part in enumerate(parts)
            ]
            for k, x, part in sorted(drawn, key=lambda d: d[0]) if by_line else drawn:
                pdf.drawString(x, y - 13 * k, part)
            edges.append(y + 13)
            y -= 18 + 13 * (depth - 1)
            bottom = y + 13
        elif line:
            pdf.drawString(72, y, line)
            y -= 14
        else:
            y -= 12
    if ruled and edges:
        for edge in [*edges, bottom]:
            pdf.line(66, edge, 560, edge)
        for x in [*COLUMNS_X, 566]:
            pdf.line(x - 6, edges[0], x - 6, bottom)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


WRAPPED_CASES = {
    "doctor-on-two-lines": (
        [("Oakfield", "12", "Dr Ada Fry\n(visiting, Tuesdays)", "North")],
        ["Oakfield | 12 | Dr Ada Fry (visiting, Tuesdays) | North"],
    ),
    "three-lines": (
        [("Oakfield", "12", "Dr Ada Fry\n(visiting on\nTuesdays)", "North")],
        ["Oakfield | 12 | Dr Ada Fry (visiting on Tuesdays) | North"],
    ),
    "key-on-two-lines": (
        [("Quarry End\n(east)", "6", "Dr Ben Hale", "South")],
        ["Quarry End (east) | 6 | Dr Ben Hale | South"],
    ),
    "two-cells-wrap": (
        [("Oakfield", "12", "Dr Ada Fry\n(visiting)", "North\n(rural)")],
        ["Oakfield | 12 | Dr Ada Fry (visiting) | North (rural)"],
    ),
    "every-row-wraps": (
        [
            ("Oakfield", "12", "Dr Ada Fry\n(visiting)", "North"),
            ("Pennock", "21", "Dr Sam Ortiz\n(resident)", "South"),
        ],
        ["Oakfield | 12 | Dr Ada Fry (visiting) | North", "Pennock | 21 | Dr Sam Ortiz (resident) | South"],
    ),
}


@pytest.mark.parametrize("by_line", [False, True], ids=["by-cell", "by-line"])
@pytest.mark.parametrize("ruled", [False, True], ids=["unruled", "ruled"])
@pytest.mark.parametrize(("rows", "lines"), list(WRAPPED_CASES.values()), ids=list(WRAPPED_CASES))
def test_pdf_table_cell_wrapped_onto_more_lines_stays_in_its_row(
    tmp_path: Path, rows: list[Row], lines: list[str], ruled: bool, by_line: bool
) -> None:
    first = ("Harwick", "14", "Dr Lena Moss", "North")
    last = ("Ruston", "8", "Dr Ann Bell", "East")
    pdf = _table_pdf([INTRO, "", TABLE_HEADER, first, *rows, last, "", CLOSING], ruled=ruled, by_line=by_line)
    source = _load(tmp_path, pdf)
    table = "\n".join(
        [HEADER_LINE, "Harwick | 14 | Dr Lena Moss | North", *lines, "Ruston | 8 | Dr Ann Bell | East"]
    )
    assert source.text == f"{INTRO}\n\n{table}\n\n{CLOSING}"
    assert _regions(source, "table") == [table]
    assert _regions(source, "table_header") == [HEADER_LINE]


@pytest.mark.parametrize("ruled", [False, True], ids=["unruled", "ruled"])
def test_pdf_wrapped_cell_in_the_last_row_and_prose_right_under_the_table(
    tmp_path: Path, ruled: bool
) -> None:
    # no gap between the table and the paragraph: its first line is a row's drop below the last row
    prose = [
        "Visits to Oakfield were shorter than planned because the main road from the north of",
        "the district was closed by floods for most of the month.",
    ]
    rows: list[str | Row] = [
        TABLE_HEADER,
        ("Harwick", "14", "Dr Lena Moss", "North"),
        ("Oakfield", "12", "Dr Ada Fry\n(visiting, Tuesdays)", "North"),
    ]
    source = _load(tmp_path, _table_pdf([INTRO, "", *rows, *prose], ruled=ruled))
    table = "\n".join(
        [
            HEADER_LINE,
            "Harwick | 14 | Dr Lena Moss | North",
            "Oakfield | 12 | Dr Ada Fry (visiting, Tuesdays) | North",
        ]
    )
    assert source.text == f"{INTRO}\n\n{table}\n\n{' '.join(prose)}"
    assert _regions(source, "table") == [table]

    # a one-line paragraph right under the table is not a row either
    source = _load(tmp_path, _table_pdf([INTRO, "", *rows, CLOSING], ruled=ruled))
    assert source.text == f"{INTRO}\n\n{table}\n\n{CLOSING}"


ONE_CELL_CASES = {
    "section-row": (
        [
            ("Harwick", "14", "Dr Lena Moss", "North"),
            ("Southern district", "", "", ""),
            ("Pennock", "21", "Dr Sam Ortiz", "South"),
        ],
        [
            "Harwick | 14 | Dr Lena Moss | North",
            "Southern district | | |",
            "Pennock | 21 | Dr Sam Ortiz | South",
        ],
    ),
    "section-row-over-columns": (
        [
            ("Harwick", "14", "Dr Lena Moss", "North"),
            ("Clinics of the southern district, by size", "", "", ""),
            ("Pennock", "21", "Dr Sam Ortiz", "South"),
        ],
        [
            "Harwick | 14 | Dr Lena Moss | North",
            "Clinics of the southern district, by size | | |",
            "Pennock | 21 | Dr Sam Ortiz | South",
        ],
    ),
    "only-the-doctor": (
        [
            ("Harwick", "14", "Dr Lena Moss", "North"),
            ("", "", "Dr Ada Fry", ""),
            ("Pennock", "21", "Dr Sam Ortiz", "South"),
        ],
        ["Harwick | 14 | Dr Lena Moss | North", "| | Dr Ada Fry |", "Pennock | 21 | Dr Sam Ortiz | South"],
    ),
    "last-row-only-the-clinic": (
        [
            ("Harwick", "14", "Dr Lena Moss", "North"),
            ("Pennock", "21", "Dr Sam Ortiz", "South"),
            ("Quarry End", "", "", ""),
        ],
        ["Harwick | 14 | Dr Lena Moss | North", "Pennock | 21 | Dr Sam Ortiz | South", "Quarry End | | |"],
    ),
    "section-row-then-wrapped-key": (
        [
            ("Harwick", "14", "Dr Lena Moss", "North"),
            ("Southern district", "", "", ""),
            ("Quarry End\n(east)", "6", "Dr Ben Hale", "South"),
        ],
        [
            "Harwick | 14 | Dr Lena Moss | North",
            "Southern district | | |",
            "Quarry End (east) | 6 | Dr Ben Hale | South",
        ],
    ),
}


@pytest.mark.parametrize("ruled", [False, True], ids=["unruled", "ruled"])
@pytest.mark.parametrize(("rows", "lines"), list(ONE_CELL_CASES.values()), ids=list(ONE_CELL_CASES))
def test_pdf_table_row_with_one_filled_cell_stays_in_the_table(
    tmp_path: Path, rows: list[Row], lines: list[str], ruled: bool
) -> None:
    source = _load(tmp_path, _table_pdf([INTRO, "", TABLE_HEADER, *rows, "", CLOSING], ruled=ruled))
    table = "\n".join([HEADER_LINE, *lines])
    assert source.text == f"{INTRO}\n\n{table}\n\n{CLOSING}"
    assert _regions(source, "table") == [table]
    assert _regions(source, "table_header") == [HEADER_LINE]


# -- ragged lines that go on with their sentence -------------------------------------------------------------
def test_pdf_a_short_line_going_on_with_its_sentence_is_no_paragraph_end(tmp_path: Path) -> None:
    """Ragged lines whose next word would have fitted: a line ending in a word, comma or dash before a
    line starting in lower case, or an en dash joined to a word, goes on in its paragraph."""
    wide = "The committee approved the plan for the second phase of the works after a long debate about"
    source = _load(
        tmp_path,
        _pdf(
            [
                [
                    wide,
                    "the cost of the materials and the labour.",
                    "",
                    "The road will be closed from 3 to 7 June (Monday–",
                    "Friday) while the bridge deck is resurfaced by the contractor",
                    "and the drainage channels on both sides of the road are cleared,",
                    "and the pier is painted.",
                    "Short line ending a sentence.",
                    "Next paragraph starts here and runs on for a while like the others do.",
                ]
            ]
        ),
    )
    assert source.text.split("\n\n") == [
        f"{wide} the cost of the materials and the labour.",
        "The road will be closed from 3 to 7 June (Monday–Friday) while the bridge deck is resurfaced by "
        "the contractor and the drainage channels on both sides of the road are cleared, and the pier is "
        "painted.",
        "Short line ending a sentence.",
        "Next paragraph starts here and runs on for a while like the others do.",
    ]


def test_pdf_short_stacked_lines_stay_apart(tmp_path: Path) -> None:
    """Lines well short of the column (verse, an address, a list without markers) each end there,
    even when the next one starts in lower case."""
    wide = "The committee approved the plan for the second phase of the works after a long debate about"
    source = _load(
        tmp_path,
        _pdf(
            [[wide, "the cost of the materials.", "", "the rain falls", "on the hill", "and the river runs"]]
        ),
    )
    assert source.text.split("\n\n") == [
        f"{wide} the cost of the materials.",
        "the rain falls",
        "on the hill",
        "and the river runs",
    ]
