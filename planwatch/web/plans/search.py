"""Full-text search of the plan with jieba: words are stored segmented and matched with `contains`."""

from __future__ import annotations

import logging
import re
from collections import Counter

import jieba
from django.utils.html import escape

jieba.setLogLevel(logging.WARNING)
_WORD = re.compile(r"[\w\u4e00-\u9fff]+")
# A query is a phrase, not a document: past these, the database's expression tree overflows (1,100 words → 500).
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 20


def segment(text: str) -> str:
    """The words of a text, space-separated, padded so that a word can be matched as ` word `."""
    words = [w for w in jieba.cut_for_search(text) if _WORD.fullmatch(w)]
    return " " + " ".join(words) + " "


def query_words(query: str) -> list[str]:
    return [w for w in jieba.lcut(query.strip()) if _WORD.fullmatch(w)]


def search_tasks(queryset, query: str):
    """Tasks holding every word of the query, or the query verbatim."""
    from django.db.models import Q

    query = query.strip()[:MAX_QUERY_CHARS]
    words = list(dict.fromkeys(query_words(query)))[:MAX_QUERY_WORDS]
    if not words:
        return queryset.none()
    by_words = Q()
    for word in words:
        by_words &= Q(search_words__contains=f" {word} ")
    return queryset.filter(by_words | Q(text__contains=query) | Q(title__contains=query))


def vocabulary(segmented_texts) -> Counter:
    """How often each word of two or more characters occurs in the plan's segmented text (`Task.search_words`)."""
    counts: Counter = Counter()
    for text in segmented_texts:
        counts.update(w for w in text.split() if len(w) >= 2)
    return counts


def related_words(words_of_plan: Counter, query: str, limit: int = 8) -> list[str]:
    """Words of the plan to try when nothing was found: the query's own words that occur, then words sharing
    its characters (most shared first, then the most frequent)."""
    query = query.strip()
    words = [w for w in query_words(query) if len(w) >= 2]
    found = [w for w in words if w in words_of_plan and w != query]
    characters = {c for c in query if "\u4e00" <= c <= "\u9fff" or c.isalnum()}
    scored = []
    for word, count in words_of_plan.items():
        shared = len(characters & set(word))
        if shared and word not in found and word != query:
            scored.append((-shared, -count, word))
    return (found + [word for _, _, word in sorted(scored)])[:limit]


def highlight(html: str, query: str) -> str:
    """Wrap the query and its words in `<mark class="hit">` where they occur in text, never inside a tag."""
    words = {query.strip(), *(w for w in query_words(query) if len(w) >= 2 or len(query.strip()) == 1)}
    words = sorted((escape(w) for w in words if w), key=len, reverse=True)
    if not words:
        return html
    pattern = re.compile("|".join(re.escape(w) for w in words))
    parts = re.split(r"(<[^>]+>)", html)
    return "".join(
        part
        if part.startswith("<")
        else pattern.sub(lambda m: f'<mark class="hit">{m.group(0)}</mark>', part)
        for part in parts
    )
