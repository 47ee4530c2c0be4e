"""Scoring `extract` against hand-made gold annotations:
`python -m indopak.curate.extract.eval DIR`.

DIR holds article files (*.txt) and, beside each, its gold annotation (*.json, same stem).
`DIR/heldout.txt` names (one stem a line, `#` comments) the held-out articles, which are scored
apart from the training half and never read while rules are changed.

`--second SECOND` scores a second, independent annotation of some of the articles (SECOND/*.json,
same stems) against the gold, beside the extractor on the same articles: how far two people
agree is the ceiling the extractor's figures can be read against.

Matching rules:
- actors: each actor once (a gold list naming India as "India" and as "New Delhi" counts
  one actor), by registry id, or by lower-cased name for proposed new actors (a title such as
  "Mr" or "Gen." before the gold's name aside);
- event dates: same date value and overlapping evidence in the article, one to one;
- events: as event dates, and the same event type (a gold event without a type takes any);
- treaties: by registry id;
- positions: quotes overlapping by at least half of the shorter one and the speaker right
  (the same person, or, when the gold names no person, no person and the same actor; a gold
  name stands for the registry id the gold's actor list gives it, so "New Delhi" is India,
  also with a title before it or by surname alone);
- stances, of matched positions: `given` is the share with a stance, `right` the share of
  those equal to the gold stance (a stance where the gold has none counts as wrong);
- verbatim rate: share of predicted quotes that occur exactly in the article.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indopak.curate.extract.article import ArticleError, read_article
from indopak.curate.extract.pipeline import extract
from indopak.curate.extract.registry import Registry
from indopak.schema.project import Project

MIN_OVERLAP = 0.5
HELDOUT = "heldout.txt"


@dataclass
class Score:
    tp_pred: int = 0  # predictions matched
    pred: int = 0
    tp_gold: int = 0  # gold items matched
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, matched: int, pred: int, gold: int) -> None:
        self.tp_pred += matched
        self.tp_gold += matched
        self.pred += pred
        self.gold += gold


@dataclass
class Ratio:
    hits: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 1.0


# Words of address and rank a gold annotation may write before a name ("Mr T. N. Kaul").
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "gen", "general", "sardar", "pandit", "begum"}


def _same_actor(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Same registry id, or the same name or a mention of it (an actor the registry has since
    gained), a title before the gold's name aside."""
    if pred.get("id") and gold.get("id"):
        return pred["id"] == gold["id"]
    # a gold actor the registry did not hold when annotated matches a recorded one the
    # article names the same way ("SAARC")
    names = [pred.get("name"), *(pred.get("mentions") or [])]
    return _bare_name(gold.get("name")) in {_bare_name(n) for n in names}


def distinct_actors(actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per actor: a gold list may name one actor twice ("India" and "New Delhi"),
    and the extractor lists each actor once."""
    seen: set[str] = set()
    out = []
    for actor in actors:
        key = actor.get("id") or "name:" + _bare_name(actor.get("name"))
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out


def _bare_name(name: Any) -> str:
    words = str(name or "").lower().split()
    while len(words) > 1 and words[0].rstrip(".") in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _span(text: str, words: str | None, start: int) -> tuple[int, int] | None:
    if not words:
        return None
    at = text.find(words, start)
    if at == -1:
        at = text.find(words)
    return None if at == -1 else (at, at + len(words))


def _quote_span(text: str, position: dict[str, Any], start: int) -> tuple[int, int] | None:
    """Where a position's quote is: inside its evidence sentence when it gives one (words a
    headline repeats are found where they were said), else their first place in the body."""
    sentence = _span(text, position.get("evidence"), start)
    quote = position.get("quote")
    if sentence is not None and quote:
        at = text.find(quote, sentence[0], sentence[1])
        if at != -1:
            return at, at + len(quote)
    return _span(text, quote, start)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(shared, 0) / max(1, min(a[1] - a[0], b[1] - b[0]))


def _pairs(pred: Sequence[Any], gold: Sequence[Any], same: Callable[[Any, Any], bool]) -> list:
    """A greedy one-to-one matching of predictions to gold items, as (pred, gold) pairs."""
    used: set[int] = set()
    out = []
    for p in pred:
        for i, g in enumerate(gold):
            if i not in used and same(p, g):
                used.add(i)
                out.append((p, g))
                break
    return out


def _lower(value: Any) -> str | None:
    return value.lower() if isinstance(value, str) else None


def _same_speaker(
    pred: dict[str, Any], gold: dict[str, Any], ids: dict[str, str | None] | None = None
) -> bool:
    """The same person, or, when the gold names none, no person and the same actor. A gold
    name counts as the registry id the gold's own actor list gives it ("New Delhi" is
    `india`), so the registry's spelling of a name is not a wrong speaker."""
    ids = ids or {}

    def same(role: str) -> bool:
        want = _lower(gold.get(role))
        if _lower(pred.get(role)) == want:
            return True
        known = _gold_id(want or "", ids)
        return known is not None and pred.get(f"{role}_id") == known

    if gold.get("speaker"):
        return same("speaker")
    return not pred.get("speaker") and same("actor")


def _gold_id(name: str, ids: dict[str, str | None]) -> str | None:
    """The id the gold's actor list gives a name, also written with a title before it ("Mr
    Zulfikar Ali Bhutto", "President Ayub Khan") or by surname alone ("Mr Shastri")."""
    words = name.split()
    for cut in range(len(words)):
        known = ids.get(" ".join(words[cut:]))
        if known:
            return known
    by_surname = {i for n, i in ids.items() if i and words and n.split()[-1:] == words[-1:]}
    return by_surname.pop() if len(by_surname) == 1 else None


@dataclass
class Report:
    actors: Score = field(default_factory=Score)
    dates: Score = field(default_factory=Score)
    events: Score = field(default_factory=Score)
    treaties: Score = field(default_factory=Score)
    positions: Score = field(default_factory=Score)
    stance_given: Ratio = field(default_factory=Ratio)
    stance_right: Ratio = field(default_factory=Ratio)
    issue_right: Ratio = field(default_factory=Ratio)
    quotes: int = 0
    verbatim: int = 0
    articles: int = 0


def heldout_stems(folder: Path) -> set[str]:
    path = folder / HELDOUT
    if not path.is_file():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def evaluate(
    folder: Path, project: Project, stems: set[str] | None = None, second: Path | None = None
) -> Report:
    """Score the articles of `folder` (only those named in `stems`, when given): the
    extractor's drafts, or with `second` the annotation of the same stem there."""
    registry = Registry.load(project)
    report = Report()
    for gold_path in sorted(folder.glob("*.json")):
        if stems is not None and gold_path.stem not in stems:
            continue
        article = read_article(gold_path.with_suffix(".txt"))
        gold = _annotation(gold_path)
        result = (
            extract(article, registry) if second is None else _annotation(second / gold_path.name)
        )
        _score(report, article.text, article.body_start, gold, result)
    return report


# the lists an annotation holds, and the fields of their items the scorer reads (text or null)
ANNOTATED = {
    "actors": ("name", "id"),
    "events": ("date", "event_type", "evidence"),
    "treaties": ("name", "id"),
    "positions": (
        "actor",
        "actor_id",
        "speaker",
        "speaker_id",
        "quote",
        "evidence",
        "stance",
        "issue",
    ),
}


def _annotation(path: Path) -> dict[str, Any]:
    """An annotation file, refused with its name when it is not JSON of the output's shape."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a JSON object")
    for key, fields in ANNOTATED.items():
        items = data.get(key)
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ValueError(f"{path}: {key!r} is not a list of objects")
        for number, item in enumerate(items, 1):
            for name in fields:
                if not isinstance(item.get(name), str | None):
                    raise ValueError(f"{path}: {key} item {number}: {name!r} is not text")
    return data


def _score(
    report: Report, text: str, body: int, gold: dict[str, Any], result: dict[str, Any]
) -> None:
    report.articles += 1
    gold_actors = distinct_actors(gold["actors"])
    report.actors.add(
        len(_pairs(result["actors"], gold_actors, _same_actor)),
        len(result["actors"]),
        len(gold_actors),
    )
    pred_treaties = {t.get("id") or t.get("name") for t in result["treaties"]}
    gold_treaties = {t.get("id") for t in gold["treaties"]}
    report.treaties.add(len(pred_treaties & gold_treaties), len(pred_treaties), len(gold_treaties))

    def located(events: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Any]]:
        return [(e, _span(text, e.get("evidence"), body)) for e in events]

    pred_events, gold_events = located(result["events"]), located(gold["events"])

    def same_date(p: tuple, g: tuple) -> bool:
        return (
            p[0].get("date") == g[0].get("date")
            and p[1] is not None
            and g[1] is not None
            and _overlap(p[1], g[1]) > 0
        )

    def same_event(p: tuple, g: tuple) -> bool:
        wanted = g[0].get("event_type")
        return same_date(p, g) and (wanted is None or p[0].get("event_type") == wanted)

    report.dates.add(
        len(_pairs(pred_events, gold_events, same_date)), len(pred_events), len(gold_events)
    )
    report.events.add(
        len(_pairs(pred_events, gold_events, same_event)), len(pred_events), len(gold_events)
    )

    def quoted(positions: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Any]]:
        return [(p, _quote_span(text, p, body)) for p in positions]

    ids = {str(a.get("name", "")).lower(): a.get("id") for a in gold["actors"]}

    def same_position(p: tuple, g: tuple) -> bool:
        return (
            p[1] is not None
            and g[1] is not None
            and _overlap(p[1], g[1]) >= MIN_OVERLAP
            and _same_speaker(p[0], g[0], ids)
        )

    pred_quotes, gold_quotes = quoted(result["positions"]), quoted(gold["positions"])
    pairs = _pairs(pred_quotes, gold_quotes, same_position)
    report.positions.add(len(pairs), len(pred_quotes), len(gold_quotes))
    for (pred, _), (want, _) in pairs:
        report.stance_given.total += 1
        if pred.get("stance"):
            report.stance_given.hits += 1
            report.stance_right.total += 1
            report.stance_right.hits += pred["stance"] == want.get("stance")
        if pred.get("issue"):
            report.issue_right.total += 1
            report.issue_right.hits += pred["issue"] == want.get("issue")
    report.quotes += len(pred_quotes)
    report.verbatim += sum(1 for p in result["positions"] if p.get("quote") and p["quote"] in text)


def render(report: Report, label: str = "extract") -> str:
    lines = [
        f"{label} on {report.articles} article(s)",
        f"{'':18}{'precision':>10}{'recall':>8}{'F1':>7}   matched/predicted/gold",
    ]
    for name, score in (
        ("actors", report.actors),
        ("event dates", report.dates),
        ("events date+type", report.events),
        ("treaties", report.treaties),
        ("positions", report.positions),
    ):
        lines.append(
            f"{name:18}{score.precision:>10.3f}{score.recall:>8.3f}{score.f1:>7.3f}"
            f"   {score.tp_pred}/{score.pred}/{score.gold}"
        )
    for name, ratio in (
        ("stance given", report.stance_given),
        ("stance right", report.stance_right),
        ("issue right", report.issue_right),
    ):
        lines.append(f"{name:18}{ratio.rate:>10.3f}   {ratio.hits}/{ratio.total}")
    rate = report.verbatim / report.quotes if report.quotes else 1.0
    lines.append(f"{'verbatim quotes':18}{rate:>10.3f}   {report.verbatim}/{report.quotes}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m indopak.curate.extract.eval",
        description="score indopak extract on a development set, train and held-out halves apart",
    )
    parser.add_argument("folder", type=Path, help="folder of *.txt articles and *.json gold")
    parser.add_argument(
        "--second", type=Path, help="folder of a second annotation (*.json) of some articles"
    )
    args = parser.parse_args(argv)
    for folder in filter(None, (args.folder, args.second)):
        if not folder.is_dir() or not any(folder.glob("*.json")):
            print(f"eval: no annotations (*.json) in {folder}", file=sys.stderr)
            return 2
    try:
        project = Project.find()
        every = {p.stem for p in args.folder.glob("*.json")}
        if args.second:
            seconds = {p.stem for p in args.second.glob("*.json")}
            both = every & seconds
            if seconds - both:
                lacking = ", ".join(sorted(seconds - both))
                print(f"eval: {args.folder} has no gold for {lacking}", file=sys.stderr)
                return 2
            runs = [
                ("second annotation, scored against the gold,", both, args.second),
                ("extract", both, None),
            ]
        else:
            held = heldout_stems(args.folder)
            runs = [
                ("extract (train)", every - held, None),
                ("extract (held-out)", every & held, None),
            ]
            if not held:
                runs = [("extract", every, None)]
        blocks = [
            render(evaluate(args.folder, project, stems, second), name)
            for name, stems, second in runs
        ]
    except (ArticleError, OSError, KeyError, ValueError) as exc:
        print(f"eval: {exc}", file=sys.stderr)
        return 2
    print("\n\n".join(blocks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
