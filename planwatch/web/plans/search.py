"""Full-text search of the plan with jieba: words are stored segmented and matched with `contains`."""

from __future__ import annotations

import logging
import re

import jieba

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
