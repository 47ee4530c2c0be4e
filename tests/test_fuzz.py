"""Property-based fuzzing: whatever a record file holds, the validator answers with located
findings drawn from the rule book and never raises.

`make fuzz` runs many more examples (INDOPAK_FUZZ_PROFILE=fuzz) than `make test`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_repo
from indopak.schema.project import Project
from indopak.validation.rulebook import RULES
from indopak.validation.validate import validate

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("INDOPAK_FUZZ_PROFILE", "ci"))

REPO = make_repo(Path(tempfile.mkdtemp(prefix="indopak-fuzz-")) / "repo")
PROJECT = Project(REPO)
TARGETS = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "data/records").rglob("*.yaml"))
ORIGINAL = {rel: (REPO / rel).read_bytes() for rel in TARGETS}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(
        [
            "2019-02-30",
            "2999-01-01",
            "=SUM(A1)",
            "india",
            "indai",
            "ASSAULT",
            "x" * 301,
            "\u202e",
            "Jose\u0301",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=6,
)


def check(rel: str, content: bytes) -> None:
    target = REPO / rel
    try:
        target.write_bytes(content)
        findings = validate(PROJECT).findings
    finally:
        target.write_bytes(ORIGINAL[rel])
    for finding in findings:
        assert finding.rule in RULES, finding
        assert finding.line >= 1 and finding.col >= 1, finding
        assert (REPO / finding.path).exists() or finding.path == rel, finding


def paths_of(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths_of(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths_of(item, prefix + (index,))
    return found


@given(rel=st.sampled_from(TARGETS), data=st.data())
def test_mutated_records_give_located_findings(rel, data):
    record = yaml.safe_load(ORIGINAL[rel])
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths_of(record)))
        new = data.draw(values)
        if not path:
            record = new
            break
        parent = record
        for key in path[:-1]:
            parent = parent[key]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = new
    check(rel, yaml.safe_dump(record, allow_unicode=True).encode("utf-8"))


@given(rel=st.sampled_from(TARGETS), data=st.data())
def test_corrupted_bytes_give_located_findings(rel, data):
    content = bytearray(ORIGINAL[rel])
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(content)))
        action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        byte = data.draw(
            st.sampled_from(
                [0, 9, 13, 0x22, 0x26, 0x2A, 0x21, 0x3A, 0x2D, 0x7B, 0x5B, 0xEF, 0xFF, 0x80]
            )
        )
        if action == "insert":
            content[position:position] = bytes([byte])
        elif content:
            position = min(position, len(content) - 1)
            if action == "delete":
                del content[position]
            else:
                content[position] = byte
    check(rel, bytes(content))


# Values that pass a lax reading of a schema and trouble a strict one: a trailing newline
# after a valid date or code, numbers beyond 64 bits, blanks, look-alike characters.
edge_values = st.one_of(
    st.sampled_from(["2025-04-24\n", "PAK\n", "IND", "2019-02", " ", "\u200bindia", "04", "1947"]),
    st.sampled_from([2**63, 2**63 - 1, -(2**63) - 1, 10**20, 0, 1]),
    scalars,
)


@settings(max_examples=40)
@given(rel=st.sampled_from(TARGETS), data=st.data())
def test_every_record_validate_accepts_also_builds(rel, data):
    """Whatever `validate` accepts, `build` publishes: no value passes the record checks and
    then fails the published package's types, patterns or pandera schemas."""
    from indopak.publish.build import build

    record = yaml.safe_load(ORIGINAL[rel])
    leaves = [p for p in paths_of(record) if p and not isinstance(_at(record, p), (dict, list))]
    for path in data.draw(st.lists(st.sampled_from(leaves), min_size=1, max_size=2)):
        parent = _at(record, path[:-1])
        original = parent[path[-1]]
        if isinstance(original, str) and data.draw(st.booleans()):
            parent[path[-1]] = original + data.draw(st.sampled_from(["\n", " ", "\r\n"]))
        else:
            parent[path[-1]] = data.draw(edge_values)
    target = REPO / rel
    try:
        target.write_bytes(yaml.safe_dump(record, allow_unicode=True).encode("utf-8"))
        report = validate(PROJECT)
        if report.findings:
            return
        result = build(PROJECT, check=True)
    finally:
        target.write_bytes(ORIGINAL[rel])
    assert result.findings == [], [f.text() for f in result.findings]


def _at(value: Any, path: tuple) -> Any:
    for key in path:
        value = value[key]
    return value
