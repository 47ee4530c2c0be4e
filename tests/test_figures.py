"""Figures: every PNG is drawn, readable and the same bytes each time."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PIL import Image

from conftest import make_repo
from indopak import load
from indopak.cli import main
from indopak.publish.build import build
from indopak.publish.figures import FIGURES, crisis_timeline, draw_all, iwt_status_history
from indopak.schema.project import Project

NAMES = [
    "crisis-2019-pulwama-balakot.png",
    "crisis-2025-india-pakistan-crisis.png",
    "events-per-year-by-type.png",
    "iwt-status-history.png",
]


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    root = make_repo(tmp_path_factory.mktemp("figures") / "repo")
    assert build(Project(root)).findings == []
    return root / "datapackage.json"


def png_text_keys(path: Path) -> list[str]:
    """Keywords of the text chunks (tEXt, iTXt, zTXt) of a PNG file."""
    data, keys, at = path.read_bytes(), [], 8
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        if kind in (b"tEXt", b"iTXt", b"zTXt"):
            keys.append(data[at + 8 : at + 8 + length].split(b"\0", 1)[0].decode("latin-1"))
        at += 12 + length
    return keys


def test_make_figures_draws_every_png_without_dates_or_versions(package, tmp_path):
    written = draw_all(package, tmp_path / "figures")
    assert sorted(p.name for p in written) == NAMES == sorted(FIGURES)
    for path in written:
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert image.width >= 800 and image.height >= 300
        assert not {"Software", "Creation Time", "date:create"} & set(png_text_keys(path))


def test_figures_are_byte_identical_when_drawn_twice(package, tmp_path):
    first = draw_all(package, tmp_path / "a")
    second = draw_all(package, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_timelines_grow_with_their_rows(package, tmp_path):
    tables = load(package)
    # the fixture has one event in crisis 2019-sample-crisis and none in the real crises
    one = crisis_timeline(
        tables["events"], tables["crises"], "2019-sample-crisis", tmp_path / "one.png"
    )
    none = crisis_timeline(
        tables["events"], tables["crises"], "no-such-crisis", tmp_path / "none.png"
    )
    # two status actions of the fixture treaty, drawn on two rows
    iwt = iwt_status_history(
        tables["treaty_actions"], tables["actors"], tmp_path / "t.png", treaty="sample-accord-2019"
    )
    with Image.open(one) as a, Image.open(none) as b, Image.open(iwt) as c:
        assert a.size != b.size
        assert c.height > 200
    assert one.read_bytes() != none.read_bytes()


def test_command_errors(tmp_path, capsys):
    assert (
        main(["figures", "--package", str(tmp_path / "missing"), "--out", str(tmp_path / "out")])
        == 2
    )
    err = capsys.readouterr().err
    assert err.startswith("indopak: figures: cannot draw from") and err.count("\n") == 1
    assert not (tmp_path / "out").exists()
