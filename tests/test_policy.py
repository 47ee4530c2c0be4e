"""The source policy of schemas/policy.yaml: refused domains and tracking parameters."""

from __future__ import annotations

import pytest

from conftest import ROOT
from indopak.schema.project import Project

POLICY = Project(ROOT).policy


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://lexarbitri.blogspot.com/2013/07/x.html", "blogspot.com"),
        ("https://WWW.Scribd.com/document/1", "scribd.com"),
        ("http://user@docslib.org:8080/doc/1", "docslib.org"),
        ("https://notblogspot.com/x", None),
        ("https://www.dawn.com/news/1", None),
        ("not a url", None),
    ],
)
def test_a_domain_covers_its_subdomains_and_nothing_else(url, domain):
    refusal = POLICY.refusal(url)
    assert (refusal.domain if refusal else None) == domain


def test_tracking_parameters_are_named_and_stripped_leaving_the_rest_as_written():
    url = "https://a.example/p?utm_source=x&story=1%2C2&gclid=9&ref=home&utm_campaign=Feed%3A+d"
    assert POLICY.tracking(url) == ["utm_source", "gclid", "utm_campaign"]
    assert POLICY.strip_tracking(url) == "https://a.example/p?story=1%2C2&ref=home"
    assert POLICY.strip_tracking("https://a.example/p?utm_source=x") == "https://a.example/p"
    assert POLICY.tracking("https://a.example/p") == []


def test_every_pending_source_exists_and_is_on_a_refused_domain():
    """The pending list only shrinks: each entry is a source on a refused domain."""
    import yaml

    for ident in POLICY.pending:
        path = ROOT / "data" / "records" / "sources" / f"{ident}.yaml"
        source = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
        assert POLICY.refusal(str(source.get("url", ""))) is not None, (
            f"{ident} is no longer a source on a refused domain: remove it from "
            "pending_refused_sources in schemas/policy.yaml"
        )
