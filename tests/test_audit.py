"""indopak audit on the small base fixture. The expected figures are counted by hand from
tests/fixtures/base (two sources: seed-sample, PAK wire; test-wire-2019-02-21-follow-up,
XIN wire), not taken from the code's output."""

from __future__ import annotations

import json

from conftest import run_cli
from indopak.publish.audit import run
from indopak.schema.project import Project


def test_source_balance_overall_per_crisis_and_per_decade(project):
    sources = run(project)["sources"]
    both = {
        "sources": 2,
        "countries": {"PAK": 1, "XIN": 1},
        "origins": {"wire": 2},
        "sides": {"IND": 0, "PAK": 1, "other": 1, "unknown": 0},
        "shares": {"IND": 0.0, "PAK": 0.5, "other": 0.5, "unknown": 0.0},
    }
    overall = dict(sources["overall"])
    # overall, only the largest country's share is held to its target (45 %): 1 of 2
    assert overall.pop("checks") == [
        {
            "target": "largest country share (XIN)",
            "value": 0.5,
            "op": "<=",
            "limit": 0.45,
            "ok": False,
        }
    ]
    assert overall == both
    # the crisis cites seed-sample; its event adds test-wire through its claim
    assert sources["crises"] == {"2019-sample-crisis": {**both, "checks": []}}
    # the event, the position and the treaty's two actions are of the 2010s
    assert sources["decades"] == {"2010s": {**both, "checks": []}}


def test_positions_claims_and_places(project):
    audit = run(project)
    assert audit["issues"] == [
        {
            "issue": "bilateral-dialogue-resumption",
            "positions": {"IND": 0, "PAK": 1},
            "missing": ["IND"],
        }
    ]
    assert audit["positions_without_home_source"] == []  # Pakistan's cites seed-sample (PAK)
    assert audit["claims"] == [
        {
            "event": "2019-02-19-minister-calls-for-talks",
            "claimants": ["india"],
            "sides": ["IND"],
            "missing": ["PAK"],
        }
    ]
    assert audit["line_of_control"] == {"events": [], "by_country": {}}
    assert audit["relative_dates"] == []
    assert audit["relative_dates_reviewed"] == []
    assert audit["unquoted_figures"] == []
    assert audit["findings"] == []
    assert audit["pending"] == {
        "refused_domain_sources": [],
        "loaded_ids": [],
        "resting_on_refused": [],
    }


def test_a_claim_dated_on_its_source_date_whose_quote_names_another_day_is_listed(project):
    event = project.records_dir / "events" / "2019" / "2019-02-19-minister-calls-for-talks.yaml"
    text = event.read_text()
    text = text.replace(
        '"India said it had received the proposal."',
        '"India said on Wednesday it had received the proposal, a day after Thursday talks."',
    ).replace("place: Islamabad", "place: Line of Control, Poonch")
    event.write_text(text)
    audit = run(Project(project.root))
    # 2019-02-21 is a Thursday: "Wednesday" is another day, "Thursday" is not
    assert audit["relative_dates"] == [
        {
            "record": "2019-02-19-minister-calls-for-talks/claims/india-received-proposal",
            "path": "data/records/events/2019/2019-02-19-minister-calls-for-talks.yaml",
            "date": "2019-02-21",
            "weekday": "thursday",
            "source": "test-wire-2019-02-21-follow-up",
            "words": ["wednesday"],
        }
    ]
    assert audit["line_of_control"] == {
        "events": [{"event": "2019-02-19-minister-calls-for-talks", "country": "PAK"}],
        "by_country": {"PAK": 1},
    }


def test_pending_sources_and_ids_are_listed_and_pass_validation(project):
    source = project.records_dir / "sources" / "test-wire-2019-02-21-follow-up.yaml"
    source.write_text(
        source.read_text().replace(
            "https://news.example.org/2019/02/21/follow-up", "https://a.blogspot.com/follow-up"
        )
    )
    policy = project.root / "schemas" / "policy.yaml"
    policy.write_text(
        policy.read_text().replace(
            "pending_refused_sources:\n",
            "pending_refused_sources:\n  - test-wire-2019-02-21-follow-up\n",
        )
    )
    audit = run(Project(project.root))
    assert audit["pending"]["refused_domain_sources"] == ["test-wire-2019-02-21-follow-up"]
    # India's actor record and the treaty's notice action cite only that source; the event
    # cites it in a claim beside its own seed citation, so it does not rest on it
    assert audit["pending"]["resting_on_refused"] == ["india", "sample-accord-2019/notice"]
    assert audit["findings"] == []


def test_the_command_prints_every_format_and_exits_0(repo):
    text = run_cli(repo, "audit")
    assert text.returncode == 0, text.stderr
    assert "== sources by publisher country and origin" in text.stdout
    assert "OFF TARGET: largest country share (XIN) 50% (target <= 45%)" in text.stdout
    assert "bilateral-dialogue-resumption: IND 0, PAK 1" in text.stdout
    data = run_cli(repo, "audit", "--format", "json")
    assert data.returncode == 0 and json.loads(data.stdout)["sources"]["overall"]["sources"] == 2
    markdown = run_cli(repo, "audit", "--format", "markdown")
    assert markdown.returncode == 0 and markdown.stdout.startswith("# Balance audit")
    assert "| 2019-02-19-minister-calls-for-talks | india | IND | PAK |" in markdown.stdout


def test_the_command_offers_every_report_format():
    from indopak.commands.audit import AUDIT_FORMATS
    from indopak.publish.auditreport import FORMATS

    assert set(AUDIT_FORMATS) == set(FORMATS)


def test_figures_no_quote_of_the_record_carries_are_listed(project):
    event = project.records_dir / "events" / "2019" / "2019-02-19-minister-calls-for-talks.yaml"
    text = event.read_text().replace(
        "summary: The minister tells reporters that the two countries should talk again.",
        "summary: On 19 February 2019, citing Resolution 47, the minister proposes 3 rounds of"
        " talks with 1,200 officials, at 10 am, as in 1947-48, before the 1267 committee and"
        " COVID-19; India had received the proposal by 21-22 February.",
    )
    event.write_text(text.replace('"India said it had received the proposal."', '"3 rounds."'))
    audit = run(Project(project.root))
    # the day, the years, the resolution's and committee's numbers, the clock time, a
    # label and the day range are not counts; 3 is in the claim's quote; 1,200 is in none
    assert audit["unquoted_figures"] == [
        {
            "record": "2019-02-19-minister-calls-for-talks",
            "path": "data/records/events/2019/2019-02-19-minister-calls-for-talks.yaml",
            "figures": ["1200"],
        }
    ]


def test_a_government_position_counts_its_own_text_published_by_a_third_party(project):
    source = project.records_dir / "sources" / "seed-sample.yaml"
    source.write_text(
        source.read_text().replace("publisher_country: PAK", "publisher_country: XIN")
    )
    homeless = run(Project(project.root))["positions_without_home_source"]
    # Pakistan's position now cites only sources published outside Pakistan
    assert [(p["side"], p["cited"]) for p in homeless] == [("PAK", ["XIN"])]
    # the same document marked as the Pakistani government's own text is a home source
    source.write_text(
        source.read_text().replace("origin: wire", "issuer_country: PAK\norigin: wire")
    )
    assert run(Project(project.root))["positions_without_home_source"] == []
    # another government's text does not stand in for Pakistan's
    source.write_text(source.read_text().replace("issuer_country: PAK", "issuer_country: IND"))
    assert len(run(Project(project.root))["positions_without_home_source"]) == 1


def test_a_relative_date_checked_and_kept_is_counted_apart(project):
    event = project.records_dir / "events" / "2019" / "2019-02-19-minister-calls-for-talks.yaml"
    event.write_text(
        event.read_text().replace(
            '"India said it had received the proposal."',
            '"India said on Wednesday it had received the proposal."',
        )
    )
    label = "2019-02-19-minister-calls-for-talks/claims/india-received-proposal"
    assert [r["record"] for r in run(Project(project.root))["relative_dates"]] == [label]
    policy = project.root / "schemas" / "policy.yaml"
    policy.write_text(
        policy.read_text()
        + f"relative_dates_reviewed:\n  - record: {label}\n    note: Wednesday is the talks\n"
    )
    audit = run(Project(project.root))
    assert audit["relative_dates"] == []
    assert audit["relative_dates_reviewed"] == [label]
