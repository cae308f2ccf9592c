"""The README stays true to the code: every setting is in its table, and its map names real files."""

from __future__ import annotations

import re
from pathlib import Path

from service.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else len(README)]


def test_every_setting_is_in_the_settings_table() -> None:
    table = _section("Settings")
    listed = set(re.findall(r"`(GROUNDQA_[A-Z_]+)`", table))
    expected = {f"GROUNDQA_{name.upper()}" for name in Settings.model_fields}
    assert expected <= listed, f"missing from the README's settings table: {sorted(expected - listed)}"
    assert listed <= expected, f"the README lists settings that do not exist: {sorted(listed - expected)}"


def test_the_map_names_files_that_exist() -> None:
    block = _section("How it is built").split("```")[1]
    folder = sub = ""
    missing = []
    for line in block.splitlines():
        head = re.match(r"^(\w+)/\s", line)
        if head:
            folder, sub = head.group(1), ""
        for name in re.findall(r"([\w/]+\.py|[\w]+/)", line):
            if name.endswith("/") and name[:-1] == folder:
                continue
            if name.endswith("/"):
                sub = name
                path = ROOT / folder / name
            else:
                path = ROOT / folder / name
                if not path.exists() and sub:
                    path = ROOT / folder / sub / name
            if not path.exists():
                missing.append(f"{folder}/{name}")
    assert not missing, f"the README's map names files that do not exist: {missing}"
