"""The composed fast path of the YAML loader gives exactly what the event walker gives."""

from __future__ import annotations

import pytest

from conftest import ROOT
from indopak.io import yamlload
from indopak.io.yamlload import load_yaml

SAMPLES = sorted(
    [*(ROOT / "data" / "records").rglob("*.yaml"), *(ROOT / "tests" / "fixtures").rglob("*.yaml")]
)


def slow(raw: bytes, path: str):
    """The event walker alone (layout=True never takes the fast path)."""
    doc, findings = load_yaml(raw, path, layout=True)
    return (None if doc is None else (doc.data, doc.marks)), findings


def fast(raw: bytes, path: str):
    doc, findings = load_yaml(raw, path)
    return (None if doc is None else (doc.data, doc.marks)), findings


def test_samples_cover_clean_and_broken_files():
    assert len(SAMPLES) > 1000


@pytest.mark.parametrize("chunk", range(8))
def test_fast_path_equals_event_walker(chunk):
    for path in SAMPLES[chunk::8]:
        raw = path.read_bytes()
        name = path.relative_to(ROOT).as_posix()
        assert fast(raw, name) == slow(raw, name), name


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key
        "a: &x 1\nb: *x\n",  # anchor and alias
        "a: !!python/object:os.system x\n",  # tag
        "? [a, b]\n: 1\n",  # complex key
        "a: 1\n---\nb: 2\n",  # two documents
        "- a\n- b\n",  # not a mapping
        "a: " + "[" * 20 + "]" * 20 + "\n",  # too deep
    ],
)
def test_refused_input_is_left_to_the_event_walker(text):
    assert yamlload._load_composed(text) is None
    doc, findings = load_yaml(text.encode(), "x.yaml")
    assert doc is None and findings


def test_plain_scalars_keep_their_yaml_1_2_meaning():
    doc = yamlload._load_composed('d: 2019-02-14\nn: NO\nz: 0755\nt: 12:30\ni: 7\nq: "7"\n')
    assert doc is not None
    assert doc.data == {"d": "2019-02-14", "n": "NO", "z": "0755", "t": "12:30", "i": 7, "q": "7"}
    assert doc.marks[("q",)] == (6, 1)
