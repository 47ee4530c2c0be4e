"""The text of a fetched page, and the normalised form in which quotes are looked up.

The article text comes from trafilatura, a maintained main-content extractor: it drops
menus, footers, cookie banners and related-article lists that would otherwise let a
quote "match" text that is not the article. A quote it does not find there is also looked
up in the page's whole visible text (trafilatura's `html2txt`), since captions, standfirsts
and headlines are sometimes left out of the article body; the ledger says which one held it.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})

# Typographic variants that writers and publishers swap freely, mapped to one form.
_SAME = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4\u0060", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        # invisible characters that break words apart in some pages' markup
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
    }
)
_SPACES = re.compile(r"\s+")
# an omission in a quote: "...", "…" (NFKC makes it "...") or "[...]"
_OMISSION = re.compile(r"\s*\[?\.\.\.\]?\s*")


def normalise(text: str) -> str:
    """NFKC, case folded, one form of quotation mark and dash, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_SAME).casefold()
    # spaces around a dash vary ("1947 - 48", "1947-48") as well
    text = re.sub(r"\s*-\s*", "-", text)
    return _SPACES.sub(" ", text).strip()


def digest(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def contains(normalised_text: str, quote: str) -> bool:
    """Whether the quote occurs in the (normalised) text; the parts of a quote with an
    omission ("...") must occur in order."""
    start = 0
    for part in _OMISSION.split(normalise(quote)):
        if not part:
            continue
        found = normalised_text.find(part, start)
        if found < 0:
            return False
        start = found + len(part)
    return True


@dataclass(frozen=True)
class PageText:
    article: str  # normalised article text
    page: str  # normalised visible text of the whole page


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def charset(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"').lower()
    return None


def _decode(body: bytes, content_type: str) -> str | bytes:
    """The body as text when the header names a known charset; else the bytes, which
    trafilatura decodes from the page's own declaration or by detection."""
    name = charset(content_type)
    if name:
        try:
            return body.decode(name, errors="replace")
        except LookupError:
            pass
    return body


def page_text(body: bytes, content_type: str) -> PageText | None:
    """Article and page text of a body of one of the accepted media types, else None."""
    kind = media_type(content_type)
    if kind in TEXT_TYPES:
        text = _decode(body, content_type)
        plain = normalise(text if isinstance(text, str) else text.decode("utf-8", "replace"))
        return PageText(plain, plain)
    if kind not in HTML_TYPES:
        return None
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    content = _decode(body, content_type)
    article = trafilatura.extract(
        content, favor_recall=True, include_comments=False, include_tables=True
    )
    whole = trafilatura.html2txt(content)
    return PageText(normalise(article or ""), normalise(whole or ""))
