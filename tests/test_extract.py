"""indopak extract: the seed article's key outputs, date rules, bad input and the dev set."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import SEED_ACTORS, run_cli
from indopak.extract import extract
from indopak.extract.article import ArticleError, parse_article, read_article
from indopak.extract.dates import find_dates
from indopak.extract.eval import evaluate
from indopak.extract.registry import Registry
from indopak.project import Project

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_ff9f7cd44b59b363.txt"
DEV = Path(__file__).resolve().parent / "fixtures" / "extract"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load(Project(ROOT))  # the real registry, read only


@pytest.fixture(scope="module")
def seed(registry: Registry) -> dict:
    return extract(read_article(SEED), registry)


run = run_cli


# -- the seed article -------------------------------------------------------------------------


def test_seed_actors_are_found_once_each_through_names_and_aliases(seed):
    actors = {a["id"]: a for a in seed["actors"]}
    for ident in SEED_ACTORS:
        assert ident in actors, ident
    assert len(seed["actors"]) == len({a["name"] for a in seed["actors"]})
    assert {"Islamabad", "Pak"} <= set(actors["pakistan"]["mentions"])
    assert "New Delhi" in actors["india"]["mentions"]
    assert {"Jaish-e-Mohammed", "Jaish-e-Mohammad"} <= set(actors["jaish-e-mohammed"]["mentions"])
    assert "CRPF" in actors["central-reserve-police-force"]["mentions"]
    assert actors["antonio-guterres"]["name"] == "António Guterres"
    assert "foreign office" in actors["pakistan-ministry-of-foreign-affairs"]["mentions"]
    text = SEED.read_text(encoding="utf-8")
    for actor in seed["actors"]:
        assert all(m in text for m in actor["mentions"])


def test_seed_dates_resolve_against_the_article_date(seed):
    by_expression = {e["date_expression"]: e for e in seed["events"]}
    # The article is dated Tuesday 2019-02-19: the attack was on the 14th, the letter on Monday.
    assert by_expression["on February 14"]["date"] == "2019-02-14"
    assert by_expression["on Monday"]["date"] == "2019-02-18"
    assert "Qureshi sent a letter" in by_expression["on Monday"]["evidence"]
    assert by_expression["today"]["date"] == "2019-02-19"


def test_seed_treaty_and_positions(seed):
    assert [t["id"] for t in seed["treaties"]] == ["indus-waters-treaty-1960"]
    text = SEED.read_text(encoding="utf-8")
    positions = seed["positions"]
    assert len(positions) >= 4
    assert all(p["quote"] in text for p in positions)
    qureshi = [p for p in positions if p["speaker"] == "Shah Mahmood Qureshi"]
    assert any("The United Nations must step in to defuse tensions" in p["quote"] for p in qureshi)
    assert all(p["actor"] == "Pakistan" for p in qureshi)
    india = next(p for p in positions if p["quote"].startswith("India has rejected"))
    assert (india["actor"], india["stance"]) == ("India", "oppose")


# -- dates ------------------------------------------------------------------------------------

REF = dt.date(2019, 2, 19)  # a Tuesday


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("They met on Monday.", "2019-02-18"),
        ("They met on Tuesday.", "2019-02-19"),
        ("They will meet on Monday.", "2019-02-25"),
        ("The strike came last night.", "2019-02-18"),
        ("It was signed yesterday.", "2019-02-18"),
        ("Talks were held earlier this month.", "2019-02"),
        ("Relations soured last year.", "2018"),
        ("The treaty was signed in 1960.", "1960"),
        ("The attack on 14 February 2019 killed 40.", "2019-02-14"),
        ("Ties froze in December.", "2018-12"),
        ("The envoy returns on March 2.", "2019-03-02"),
        ("The talks in November last year failed.", "2018-11"),
    ],
)
def test_date_expressions(sentence, expected):
    values = [d.value for d in find_dates(sentence, 0, len(sentence), REF)]
    assert values == [expected]


def test_dateline_sets_the_reference_date(registry):
    article = parse_article(
        " date 2025-04-25 Headline\nIslamabad, April 24 - Pakistan said "
        "on Thursday that India had acted on Wednesday.\n"
    )
    dates = {e["date_expression"]: e["date"] for e in extract(article, registry)["events"]}
    assert dates == {"on Thursday": "2025-04-24", "on Wednesday": "2025-04-23"}


def test_places_and_news_agencies_are_not_actors(registry):
    article = parse_article(
        " date 2019-03-01 Headline\nLAHORE (Reuters) - Talks were held in "
        "Islamabad, the Press Trust of India reported.\n"
    )
    assert extract(article, registry)["actors"] == []


def test_treaty_variants(registry):
    article = parse_article(
        " date 2019-03-01 H\nThe Shimla Agreement and the Indus Water "
        "Treaty stand; the IWT and the Simla accord were cited.\n"
    )
    treaties = {t["id"]: t["mentions"] for t in extract(article, registry)["treaties"]}
    assert treaties == {
        "simla-agreement-1972": ["Shimla Agreement", "Simla accord"],
        "indus-waters-treaty-1960": ["Indus Water Treaty", "IWT"],
    }


def test_new_people_and_bodies_are_proposed(project):
    # The small base registry of tests/fixtures/base knows none of these.
    article = parse_article(
        " date 2021-02-26 H\nState Department spokesman Ned Price said the Hizbul Mujahideen "
        'and the Border Security Force were named. "We support direct dialogue between the '
        'two countries," Price said.\n'
    )
    result = extract(article, Registry.load(project))
    new = {a["name"]: a for a in result["actors"] if a["id"] is None}
    assert new["Ned Price"]["kind"] == "person"
    assert new["Ned Price"]["mentions"] == ["Ned Price", "Price"]
    assert new["Border Security Force"]["kind"] == "military"
    assert new["Hizbul Mujahideen"]["kind"] == "armed-group"
    quotes = {p["quote"]: p["speaker"] for p in result["positions"]}
    assert quotes["We support direct dialogue between the two countries"] == "Ned Price"


def test_a_new_speaker_stands_for_the_body_named_before_him(registry):
    article = parse_article(
        " date 2021-02-26 H\nForeign Office spokesperson Zorawar Qadiri said Pakistan wanted "
        "peace with all its neighbours.\n"
    )
    position = extract(article, registry)["positions"][0]
    assert (position["actor"], position["speaker"]) == ("Pakistan", "Zorawar Qadiri")
    assert position["quote"] == "Pakistan wanted peace with all its neighbours"


# -- the command ------------------------------------------------------------------------------


def test_json_output_has_the_documented_shape(tmp_path):
    result = run(ROOT, "extract", str(SEED), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"doc_date", "actors", "events", "treaties", "positions"}
    assert data["doc_date"] == "2019-02-19"
    assert set(data["events"][0]) >= {
        "date",
        "date_expression",
        "summary",
        "actors",
        "event_type",
        "evidence",
    }
    assert set(data["positions"][0]) >= {"actor", "speaker", "issue", "stance", "quote"}


def test_yaml_drafts_are_written_outside_the_records(tmp_path):
    out = tmp_path / "drafts"
    result = run(ROOT, "extract", str(SEED), "--format", "yaml", "--out", str(out))
    assert result.returncode == 0, result.stderr
    events = sorted((out / "events" / "2019").glob("*.yaml"))
    assert any(p.name.startswith("2019-02-18-") for p in events)
    text = events[0].read_text(encoding="utf-8")
    assert text.startswith("# DRAFT event")
    assert "# summary: (required)" in text
    assert list((out / "positions").glob("*.yaml"))
    refused = run(
        ROOT,
        "extract",
        str(SEED),
        "--format",
        "yaml",
        "--out",
        str(ROOT / "data" / "records" / "drafts"),
    )
    assert refused.returncode == 2
    assert not (ROOT / "data" / "records" / "drafts").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        (b"", "is empty"),
        (b"\x00\x01\x02binary", "binary file"),
        (b"Pakistan said on Monday...\n", "first line must be ' date YYYY-MM-DD headline'"),
        (b" date 2019-02-30 Headline\nbody\n", "not a real date"),
        (b"\xff\xfe bad", "not UTF-8"),
    ],
)
def test_bad_input_is_one_line_and_exit_two(tmp_path, content, message):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    result = run(ROOT, "extract", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_parse_article_refuses_a_missing_date_line():
    with pytest.raises(ArticleError):
        parse_article("just a body\n")


# -- the development set ------------------------------------------------------------------------


def test_gold_annotations_quote_their_articles():
    golds = sorted(DEV.glob("*.json"))
    assert len(golds) >= 9
    for path in golds:
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert gold["doc_date"] == text.split()[1]
        for event in gold["events"]:
            assert event["evidence"] in text and event["date_expression"] in text
        for position in gold["positions"]:
            assert position["quote"] in text


def test_development_set_meets_the_targets():
    report = evaluate(DEV, Project(ROOT))
    assert report.actors.f1 >= 0.9
    assert report.dates.f1 >= 0.8
    assert report.treaties.f1 == 1.0
    assert report.positions.recall >= 0.75
    assert report.verbatim == report.quotes > 0
