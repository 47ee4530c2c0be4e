"""Rule-based extraction of draft records from a dated news article.

`extract(article, registry)` returns the JSON-shaped result described in issue 9: actors found
through the registry's names and aliases (plus proposed new actors), dated events, treaties
and positions, each carrying the exact words it was read from. No models: rules, small
gazetteers and the registry in data/records/.
"""

from __future__ import annotations

from indopak.curate.extract.pipeline import extract

__all__ = ["extract"]
