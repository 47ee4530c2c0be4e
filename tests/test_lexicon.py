"""Lexicon v2: which words are loaded, where they are looked for, and when a quotation is
attributed."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from indopak.io.lexicon import Lexicon
from indopak.schema.project import Project
from indopak.validation.validate import validate

LEXICON = Lexicon(Project(ROOT).lexicon)


def loaded(text: str) -> list[str]:
    return [use.text for use in LEXICON.uses(text) if not use.quoted]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("a terror-linked group", "terror-linked"),
        ("Pak-backed militants crossed", "Pak-backed"),
        ("a Pakistan-sponsored group", "Pakistan-sponsored"),
        ("the Kargil intrusion", "intrusion"),
        ("Indian aggression", "aggression"),
        ("infiltration across the Line of Control", "infiltration"),
        ("the soldier's martyrdom", "martyrdom"),
        ("mujahideen in the hills", "mujahideen"),
        ("India carried out a surgical strike", "surgical strike"),
        ("a proxy war", "proxy war"),
        ("a befitting reply", "befitting reply"),
        ("a puppet government", "puppet"),
        ("atrocities in the valley", "atrocities"),
        (
            "Illegally Indian Occupied Jammu and Kashmir",
            "Illegally Indian Occupied Jammu and Kashmir",
        ),
        ("Pakistan-occupied Jammu and Kashmir", "Pakistan-occupied Jammu and Kashmir"),
        ("the terrorist's car", "terrorist"),
        ("2019-02-14-pulwama-terror-attack", "terror-attack"),
        ("PoK's prime minister", "PoK"),
    ],
)
def test_loaded_terms_are_found_across_hyphens_and_apostrophes(text, term):
    assert loaded(text) == [term]


@pytest.mark.parametrize(
    "text",
    [
        "Hizbul Mujahideen says it carried out the attack",
        "a no-war or non-aggression pact",
        "the Pakistani army's statement",
        "the Awami League's puppeteer exhibition",
    ],
)
def test_proper_names_and_neutral_words_pass(text):
    assert loaded(text) == []


@pytest.mark.parametrize(
    ("text", "attributed"),
    [
        ('India calls it "veiled aggression".', True),
        ('The minister says "terrorists" must be stopped.', True),
        ('"Aggression" will be met, Pakistan warned.', True),
        ('The talks covered "terrorism".', False),
        ('India said so. The talks covered "terrorism".', False),
    ],
)
def test_a_quoted_term_needs_an_attribution_in_its_sentence(text, attributed):
    uses = [use for use in LEXICON.uses(text) if use.quoted]
    assert uses and LEXICON.attributed(text, uses[0]) is attributed


def test_ids_names_aliases_places_and_claim_values_are_checked(project):
    records = project.records_dir
    actor = records / "actors" / "india.yaml"
    actor.write_text(
        actor.read_text()
        + "aliases:\n  - {name: Puppet State, kind: alternative-name}\n"
        + "  - {name: Hindustan occupied, kind: partisan-term}\n"
    )
    event = records / "events" / "2019" / "2019-02-19-minister-calls-for-talks.yaml"
    event.write_text(
        event.read_text()
        .replace("place: Islamabad", "place: Martyrs Square")
        .replace("value: received", "value: received the aggression note")
    )
    findings = [
        (f.path.rsplit("/", 1)[-1], f.line, f.rule)
        for f in validate(project).findings
        if f.rule.startswith("lexicon")
    ]
    assert sorted(findings) == [
        ("2019-02-19-minister-calls-for-talks.yaml", 12, "lexicon-loaded-term"),
        ("2019-02-19-minister-calls-for-talks.yaml", 21, "lexicon-loaded-term"),
        ("india.yaml", 9, "lexicon-loaded-term"),
    ]


def test_an_alias_of_kind_partisan_term_and_a_pending_id_pass(project):
    actor = project.records_dir / "actors" / "india.yaml"
    actor.write_text(
        actor.read_text() + "aliases:\n  - {name: Puppet State, kind: partisan-term}\n"
    )
    assert [f for f in validate(project).findings if f.rule.startswith("lexicon")] == []


def test_a_source_issued_by_pakistan_passes_and_every_code_field_is_exempt(project):
    source = project.records_dir / "sources" / "test-wire-2019-02-21-follow-up.yaml"
    source.write_text(source.read_text().replace("origin:", "issuer_country: PAK\norigin:"))
    assert [f for f in validate(project).findings if f.rule.startswith("lexicon")] == []
    # a three-letter country code ("PAK") is no wording: every field holding one is exempt
    codes = {
        name
        for name, prop in json.loads((ROOT / "schemas/records/source.json").read_text())[
            "properties"
        ].items()
        if prop.get("pattern") == "^[A-Z]{3}$"
    }
    assert codes == {"publisher_country", "issuer_country"}
    assert codes <= set(LEXICON.exempt_fields)
