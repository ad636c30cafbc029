"""The one place user Markdown becomes HTML: rendered, then sanitised with an allow-list."""

from __future__ import annotations

import functools
import re

import markdown as md
import nh3
import streamlit as st

TAGS = {"p", "br", "strong", "em", "b", "i", "u", "s", "del", "blockquote", "code", "pre",
        "ul", "ol", "li", "h3", "h4", "h5", "h6", "hr", "a", "table", "thead", "tbody", "tr",
        "th", "td"}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def to_html(text: str) -> str:
    """Markdown → safe HTML: tags outside the allow-list (script, iframe, style…) and
    unsafe link schemes (javascript:) are removed; links get rel=noopener nofollow."""
    html = md.markdown(text or "", extensions=["extra", "sane_lists", "nl2br"],
                       output_format="html")
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https",
                     "mailto"}, link_rel="noopener noreferrer nofollow")


def render(text: str) -> None:
    st.markdown(to_html(text), unsafe_allow_html=True)


@functools.lru_cache(maxsize=4096)
def excerpt(text: str, length: int = 220) -> str:
    """Plain first characters of a Markdown text, for cards (no markup at all)."""
    plain = nh3.clean(md.markdown(text or ""), tags=set()).replace("\n", " ").strip()
    return plain if len(plain) <= length else plain[: length - 1].rsplit(" ", 1)[0] + " …"


def escape(text: str) -> str:
    """User text shown literally inside app Markdown (titles, names): no markup applies."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~])", r"\\\1", text or "")


def highlight(text: str, terms: list[str], limit: int = 40) -> str:
    """About `limit` words of `text` around its first match, as safe Markdown, the words
    that match a search term (folded, as the search compares them) in bold."""
    from db.search import stem
    from db.validation import fold

    words = excerpt(text, 100_000).split(" ")

    def hit(word: str) -> bool:
        core = re.sub(r"[^a-z0-9]", "", fold(word))
        return bool(core) and any(stem(core).startswith(t) or core.startswith(t)
                                  for t in terms)

    first = next((i for i, word in enumerate(words) if hit(word)), 0)
    start = max(0, first - 8)
    shown = [f"**{escape(w)}**" if hit(w) else escape(w) for w in words[start:start + limit]]
    return ("… " if start else "") + " ".join(shown) + (
        " …" if start + limit < len(words) else "")
