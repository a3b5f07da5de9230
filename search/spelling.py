"""Spelling suggestions for a search that found nothing: "anyamn" → "anyaman".

The words are those of the titles of the live pages of the search's language. On
PostgreSQL with pg_trgm (search/migrations/0001) the database picks the most similar
word by trigram similarity, one query per word searched; elsewhere (SQLite, or no
pg_trgm) difflib does the same over the titles' words, read in one query and cached.
"""

import difflib
import re

from django.core.cache import cache
from django.db import connection
from wagtail.models import Page

MIN_LENGTH = 3
TRIGRAM_THRESHOLD = 0.3
FALLBACK_CUTOFF = 0.75
VOCABULARY_SECONDS = 600

_trigram = {}


def suggest(query, locale):
    """`query` with each word replaced by the closest word of the language's titles; None if none is close."""
    words = query.lower().split()
    vocabulary = _vocabulary(locale)
    close = _closest_trigram if _has_trigram() else _closest_difflib
    corrected = [
        word if word in vocabulary or word.isdigit() else close(word, locale, vocabulary) or word for word in words
    ]
    return " ".join(corrected) if corrected != words else None


def _vocabulary(locale):
    key = f"search-vocabulary:{locale.pk}"
    words = cache.get(key)
    if words is None:
        titles = Page.objects.live().public().filter(locale=locale).values_list("title", flat=True)
        words = sorted({w for title in titles for w in re.findall(r"\w+", title.lower()) if len(w) >= MIN_LENGTH})
        cache.set(key, words, VOCABULARY_SECONDS)
    return set(words)


def _has_trigram():
    alias = connection.alias
    if alias not in _trigram:
        found = False
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
                found = cursor.fetchone() is not None
        _trigram[alias] = found
    return _trigram[alias]


def _closest_trigram(word, locale, _vocabulary):
    sql = """
        SELECT w FROM (
            SELECT DISTINCT regexp_split_to_table(lower(title), '[^[:alnum:]]+') AS w
            FROM wagtailcore_page WHERE locale_id = %s AND live
        ) AS words
        WHERE length(w) >= %s AND similarity(w, %s) >= %s
        ORDER BY similarity(w, %s) DESC, w
        LIMIT 1
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [locale.pk, MIN_LENGTH, word, TRIGRAM_THRESHOLD, word])
        row = cursor.fetchone()
    return row[0] if row else None


def _closest_difflib(word, _locale, vocabulary):
    found = difflib.get_close_matches(word, sorted(vocabulary), n=1, cutoff=FALLBACK_CUTOFF)
    return found[0] if found else None
