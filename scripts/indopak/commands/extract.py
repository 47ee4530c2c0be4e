"""indopak extract: propose draft records (actors, events, treaties, positions) from an article."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from indopak.commands._common import EXIT_OK, UsageError
from indopak.schema.project import Project


def cmd_extract(args: argparse.Namespace) -> int:
    from indopak.curate.extract import extract
    from indopak.curate.extract.article import ArticleError, read_article
    from indopak.curate.extract.drafts import drafts
    from indopak.curate.extract.registry import Registry

    project = Project.find()
    try:
        article = read_article(Path(args.article))
    except ArticleError as exc:
        raise UsageError(str(exc)) from None
    out_dir = Path(args.out).resolve() if args.out else None
    if out_dir is not None:
        records = project.records_dir.resolve()
        if out_dir == records or records in out_dir.parents:
            raise UsageError("--out must be outside data/records/: drafts are reviewed first")
        if out_dir.exists() and not out_dir.is_dir():
            raise UsageError(f"--out {args.out} is a file, not a folder")
    registry = Registry.load(project)
    result = extract(article, registry, url=args.url or _sidecar_url(Path(args.article)))
    if args.format == "json":
        text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
        if out_dir is None:
            sys.stdout.write(text)
        else:
            out_dir.mkdir(parents=True, exist_ok=True)
            target = out_dir / f"{Path(args.article).stem}.json"
            target.write_text(text, encoding="utf-8")
            print(target)
        return EXIT_OK
    files = drafts(project, article, result, Path(args.article).name, registry)
    if out_dir is None:
        sys.stdout.write(
            "\n---\n".join(f"# {path.as_posix()}\n{text}" for path, text in files.items())
        )
        return EXIT_OK
    for rel, text in files.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(target)
    print(f"{len(files)} draft record(s) written under {out_dir}", file=sys.stderr)
    return EXIT_OK


def _sidecar_url(article: Path) -> str | None:
    """The url of a metadata file beside the article (seeds/NAME.yaml), if there is one."""
    meta = article.with_suffix(".yaml")
    try:
        if not meta.is_file() or meta.stat().st_size > 64 * 1024:
            return None
        data = yaml.safe_load(meta.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    url = data.get("url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "extract", help="propose draft records from a dated article (seeds/ format)"
    )
    parser.add_argument("article", help="text file: ' date YYYY-MM-DD headline', then the body")
    parser.add_argument(
        "--format",
        choices=("json", "yaml"),
        default="json",
        help="json: one object on stdout; yaml: draft record files",
    )
    parser.add_argument("--out", help="folder for the output (outside data/records/)")
    parser.add_argument(
        "--url",
        help="the article's address, to link it to a recorded source "
        "(default: the url of ARTICLE.yaml beside it, if any)",
    )
    parser.set_defaults(run=cmd_extract)
