"""Paragraph numbers ("1.", "(a)", "ii)", "①", "가.", "（一）") and the numerals they are written in.

`paragraph_number(line)` reads the number a line starts with; a `Numbering` follows the open
sequences of one article and accepts a number only where it starts a deeper sequence or continues
an open one ("(b)" after "(a)"), which is what tells "(i)" the letter (after "(h)") from "(i)" the
numeral, and a paragraph number from a line that merely starts with "15.".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HANGUL_ITEMS = "가나다라마바사아자차카타파하"
HAN_NUMERALS = "零〇一二三四五六七八九十百千两"
_HAN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

# The end of a sentence that leads into what follows it: "The term “severe forms of trafficking in
# persons” means", "... includes:", "as follows:", "有下列情形之一的，...：" (a colon or a dash), "이 법에서
# 사용하는 용어의 뜻은 다음과 같다." (`index.evidence` marks such a sentence with what it announces)
LEAD_IN = re.compile(
    r"(?:\bmeans|\bincludes?|\bas\s+follows|\bthe\s+following)\s*[—–:-]*\s*$|[:：—]\s*$"
    r"|다음(?:\s*각\s*호)?[와과]\s*같다\.?\s*(?:<[^<>\n]{1,40}>\s*)?$",
    re.IGNORECASE,
)
# A Korean law's sentence on the items that follow it, whatever it says of them ("다음 각 호의 어느
# 하나에 해당하는 자는 3년 이하의 징역 또는 3천만원 이하의 벌금에 처한다.", "... 다음 각 목의 금액")
_ITEMS_AHEAD = re.compile(r"다음\s*각\s*[호목]")


def leads_into_list(line: str) -> bool:
    """Whether a line announces the list after it: it ends as a lead-in does (`LEAD_IN`), or it is a
    Korean law's sentence naming "다음 각 호" / "다음 각 목" (the items that follow)."""
    return LEAD_IN.search(line) is not None or _ITEMS_AHEAD.search(line) is not None


# (script, style, pattern): the script says how the value counts, the style how it is written.
_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("circled", "", re.compile(rf"(?P<v>[{_CIRCLED}])")),
    ("han", "paren", re.compile(rf"[（(](?P<v>[{HAN_NUMERALS}]{{1,4}})[）)]")),
    ("hangul", "dot", re.compile(rf"(?P<v>[{_HANGUL_ITEMS}])\.(?=\s)")),
    ("arabic", "dot", re.compile(r"(?P<v>\d{1,3})\.(?=\s|$)")),
    ("arabic", "paren", re.compile(r"\((?P<v>\d{1,3})\)")),
    ("arabic", "close", re.compile(r"(?P<v>\d{1,3})\)(?=\s)")),
    ("latin", "paren", re.compile(r"\((?P<v>[a-z]{1,6}|[A-Z]{1,6})\)")),
    ("latin", "close", re.compile(r"(?P<v>[a-z]{1,6})\)(?=\s)")),
    ("latin", "dot", re.compile(r"(?P<v>[A-Z]{1,6})\.(?=\s|$)")),
)


@dataclass(frozen=True)
class Number:
    """A paragraph number at the start of a line: its families (see `Numbering`), value, length."""

    families: tuple[str, ...]  # e.g. ("lower-paren", "roman-paren") for "(i)"
    value: str
    length: int


def paragraph_number(line: str) -> Number | None:
    """The paragraph number `line` starts with, or None."""
    for script, style, pattern in _PATTERNS:
        m = pattern.match(line)
        if not m:
            continue
        value = m.group("v")
        if script != "latin":
            return Number((f"{script}-{style}",), value, m.end())
        kinds = []
        if len(value) == 1:
            kinds.append("lower" if value.islower() else "upper")
        if roman_value(value.upper()) is not None:
            kinds.append("roman" if value.islower() else "Roman")
        if kinds:
            return Number(tuple(f"{kind}-{style}" for kind in kinds), value, m.end())
        return None
    return None


@dataclass
class Numbering:
    """The open numbered sequences of one article, innermost last: [(family, last value)]."""

    open: list[tuple[str, str]] = field(default_factory=list)

    def place(self, number: Number) -> tuple[int, str] | None:
        """(0-based depth, family) of `number`, updating the open sequences; None to refuse it.

        A number continues the innermost open sequence it follows (closing the deeper ones), else
        starts a deeper sequence of a family not open yet; anything else is refused.
        """
        for k in range(len(self.open) - 1, -1, -1):
            family, last = self.open[k]
            if family in number.families and successor(family, last) == number.value:
                del self.open[k + 1 :]
                self.open[k] = (family, number.value)
                return k, family
        opened = {family for family, _ in self.open}
        # "(i)" that continues nothing starts a sequence of numerals, not of letters
        for family in sorted(number.families, key=lambda f: not f.lower().startswith("roman")):
            if family not in opened and _is_first(family, number.value):
                self.open.append((family, number.value))
                return len(self.open) - 1, family
        return None


def _is_first(family: str, value: str) -> bool:
    kind = family.split("-")[0]
    return value == {
        "arabic": "1",
        "lower": "a",
        "upper": "A",
        "roman": "i",
        "Roman": "I",
        "circled": "①",
        "hangul": "가",
        "han": "一",
    }.get(kind)


def successor(family: str, value: str) -> str | None:
    """The number after `value` in `family` ("b" after "a", "iv" after "iii", "②" after "①")."""
    kind = family.split("-")[0]
    if kind == "arabic":
        return str(int(value) + 1)
    if kind in {"lower", "upper"}:
        return chr(ord(value) + 1) if value not in "zZ" else None
    if kind in {"roman", "Roman"}:
        n = roman_value(value.upper())
        return None if n is None else (to_roman(n + 1).lower() if kind == "roman" else to_roman(n + 1))
    if kind in {"circled", "hangul"}:
        seq = _CIRCLED if kind == "circled" else _HANGUL_ITEMS
        i = seq.find(value)
        return seq[i + 1] if 0 <= i < len(seq) - 1 else None
    if kind == "han":
        n = han_value(value)
        return None if n is None else han_numeral(n + 1)
    return None


# A numbered paragraph's label by (language, numbering kind, style), "" for any: `{value}` is its
# number as written, `{n}` a circled number's value.
_LABELS = {
    ("ko", "circled", ""): "제{n}항",
    ("ko", "arabic", "dot"): "제{value}호",
    ("ko", "hangul", ""): "{value}목",
    ("zh", "han", ""): "第（{value}）项",
    ("zh", "arabic", "dot"): "第{value}目",
    ("", "circled", ""): "({n})",
    ("", "han", ""): "（{value}）",
    ("", "hangul", ""): "{value}.",
}


def number_label(family: str, value: str, language: str) -> str:
    """How a citation names a numbered paragraph: "2", "(a)", "A", "제2항", "第（一）项"."""
    kind, _, style = family.partition("-")
    for key in ((language, kind, style), (language, kind, ""), ("", kind, "")):
        if template := _LABELS.get(key):
            n = _CIRCLED.index(value) + 1 if kind == "circled" else 0
            return template.format(value=value, n=n)
    if style == "dot":
        return value
    return f"({value})"


def roman_value(s: str) -> int | None:
    """The value of an upper-case Roman numeral in canonical form ("XIV" -> 14), else None."""
    if not s or any(ch not in _ROMAN_VALUES for ch in s):
        return None
    total = 0
    for k, ch in enumerate(s):
        v = _ROMAN_VALUES[ch]
        total += -v if k + 1 < len(s) and _ROMAN_VALUES[s[k + 1]] > v else v
    return total if 0 < total < 4000 and to_roman(total) == s else None


def to_roman(n: int) -> str:
    """The Roman numeral of 1 <= n < 4000."""
    out = []
    for value, sym in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def han_value(s: str) -> int | None:
    """The value of a Chinese numeral ("二百四十" -> 240, "十二" -> 12) or of Arabic digits."""
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch in _HAN_DIGITS:
            current = _HAN_DIGITS[ch]
        elif ch in _HAN_UNITS:
            total += (current or 1) * _HAN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def han_numeral(n: int) -> str:
    """The Chinese numeral of 1 <= n < 10000 (240 -> "二百四十", 12 -> "十二", 101 -> "一百零一")."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero:
                out += "零"
            out += ("" if d == 1 and value == 10 and n < 20 else digits[d]) + unit
            zero = False
        elif out:
            zero = True
    return out
