"""Scoring `extract` against hand-made gold annotations: `python -m indopak.extract.eval DIR`.

DIR holds article files (*.txt) and, beside each, its gold annotation (*.json, same stem).
Matching rules:
- actors: by registry id, or by lower-cased name for proposed new actors;
- event dates: same date value and overlapping evidence in the article, one to one;
- treaties: by registry id;
- positions: quotes overlapping by at least half of the shorter one, one to one;
- verbatim rate: share of predicted quotes that occur exactly in the article.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..project import Project
from .article import ArticleError, read_article
from .pipeline import extract
from .registry import Registry

MIN_OVERLAP = 0.5


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


def _same_actor(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Same registry id, or the same name (a proposed actor the registry has since gained)."""
    if pred.get("id") and gold.get("id"):
        return pred["id"] == gold["id"]
    return str(pred.get("name", "")).lower() == str(gold.get("name", "")).lower()


def _span(text: str, words: str | None, start: int) -> tuple[int, int] | None:
    if not words:
        return None
    at = text.find(words, start)
    if at == -1:
        at = text.find(words)
    return None if at == -1 else (at, at + len(words))


def _dated(
    text: str, body: int, events: list[dict[str, Any]]
) -> list[tuple[str, tuple[int, int] | None]]:
    return [(e["date"], _span(text, e["evidence"], body)) for e in events]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(shared, 0) / max(1, min(a[1] - a[0], b[1] - b[0]))


def _match(pred: Sequence[Any], gold: Sequence[Any], same: Callable[[Any, Any], bool]) -> int:
    """Size of a greedy one-to-one matching of predictions to gold items."""
    used: set[int] = set()
    count = 0
    for p in pred:
        for i, g in enumerate(gold):
            if i not in used and same(p, g):
                used.add(i)
                count += 1
                break
    return count


@dataclass
class Report:
    actors: Score
    dates: Score
    treaties: Score
    positions: Score
    quotes: int
    verbatim: int
    articles: int


def evaluate(folder: Path, project: Project) -> Report:
    registry = Registry.load(project)
    scores = {name: Score() for name in ("actors", "dates", "treaties", "positions")}
    quotes = verbatim = articles = 0
    for gold_path in sorted(folder.glob("*.json")):
        article = read_article(gold_path.with_suffix(".txt"))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        result = extract(article, registry)
        text, body = article.text, article.body_start
        articles += 1

        scores["actors"].add(
            _match(result["actors"], gold["actors"], _same_actor),
            len(result["actors"]),
            len(gold["actors"]),
        )

        pred_treaties = {t["id"] or t["name"] for t in result["treaties"]}
        gold_treaties = {t["id"] for t in gold["treaties"]}
        scores["treaties"].add(
            len(pred_treaties & gold_treaties), len(pred_treaties), len(gold_treaties)
        )

        pred_events = _dated(text, body, result["events"])
        gold_events = _dated(text, body, gold["events"])
        scores["dates"].add(
            _match(
                pred_events,
                gold_events,
                lambda p, g: (
                    p[0] == g[0]
                    and p[1] is not None
                    and g[1] is not None
                    and _overlap(p[1], g[1]) > 0
                ),
            ),
            len(pred_events),
            len(gold_events),
        )

        pred_quotes = [_span(text, p["quote"], body) for p in result["positions"]]
        gold_quotes = [_span(text, p["quote"], body) for p in gold["positions"]]
        quotes += len(pred_quotes)
        verbatim += sum(1 for p in result["positions"] if p["quote"] and p["quote"] in text)
        scores["positions"].add(
            _match(
                pred_quotes,
                gold_quotes,
                lambda p, g: p is not None and g is not None and _overlap(p, g) >= MIN_OVERLAP,
            ),
            len(pred_quotes),
            len(gold_quotes),
        )
    return Report(
        scores["actors"],
        scores["dates"],
        scores["treaties"],
        scores["positions"],
        quotes,
        verbatim,
        articles,
    )


def render(report: Report) -> str:
    lines = [
        f"extract on {report.articles} article(s)",
        f"{'':16}{'precision':>10}{'recall':>8}{'F1':>7}   matched/predicted/gold",
    ]
    for label, score in (
        ("actors", report.actors),
        ("event dates", report.dates),
        ("treaties", report.treaties),
        ("positions", report.positions),
    ):
        lines.append(
            f"{label:16}{score.precision:>10.3f}{score.recall:>8.3f}{score.f1:>7.3f}"
            f"   {score.tp_pred}/{score.pred}/{score.gold}"
        )
    rate = report.verbatim / report.quotes if report.quotes else 1.0
    lines.append(f"{'verbatim quotes':16}{rate:>10.3f}   {report.verbatim}/{report.quotes}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m indopak.extract.eval",
        description="score indopak extract on a development set",
    )
    parser.add_argument("folder", type=Path, help="folder of *.txt articles and *.json gold")
    args = parser.parse_args(argv)
    if not args.folder.is_dir() or not any(args.folder.glob("*.json")):
        print(f"eval: no gold annotations (*.json) in {args.folder}", file=sys.stderr)
        return 2
    try:
        report = evaluate(args.folder, Project.find())
    except (ArticleError, OSError, KeyError, json.JSONDecodeError) as exc:
        print(f"eval: {exc}", file=sys.stderr)
        return 2
    print(render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
