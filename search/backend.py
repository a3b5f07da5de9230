"""Wagtail's database search backend, with PostgreSQL's stemming chosen by each object's language.

Wagtail 8 delegates search to django-modelsearch. Its PostgreSQL backend keeps ONE
index table (one row per object) and takes ONE text search configuration
(`SEARCH_CONFIG`) for building every row's tsvector and every query's tsquery. A
second backend per language cannot help: every backend with auto-update writes the
same row of the same table, so the last one to index a page decides its stemming.

So this backend keeps the single table and varies the configuration per row: an
object with a locale (pages, translatable snippets) is indexed with the
configuration of its language (`SEARCH_CONFIGS`, for example Indonesian ->
`indonesian`, PostgreSQL's Snowball stemmer), anything else with `SEARCH_CONFIG`.
A query made through `for_language(code)` is stemmed with that language's
configuration (the public search, which also filters on that locale); a query
without a language (the admin) matches the union of every configuration, so it
finds objects of any language.

On SQLite (and MySQL) the stock database backend is returned unchanged: FTS5 there
matches whole words without stemming.
"""

import copy
from collections import defaultdict
from functools import cache, reduce
from operator import or_

from django.db import connection
from wagtail.search.backends.database import SearchBackend as database_backend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    backend = database_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        backend.query_compiler_class = _sqlite_compiler_class()
    return backend


# FTS5 columns are (autocomplete, body, title). The stock SQLite backend ranks with an
# unweighted bm25(), so a word in the title counts no more than one in the body;
# PostgreSQL weighs the title (weight A) well above the body (D). Weighing the columns
# makes SQLite rank like PostgreSQL does.
SQLITE_COLUMN_WEIGHTS = (0.0, 1.0, 10.0)


@cache
def _sqlite_compiler_class():
    from django.db.models import FloatField, Func
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry, SQLiteSearchQueryCompiler
    from modelsearch.query import Not, Phrase, PlainText

    class WeightedBM25(Func):
        output_field = FloatField()

        def as_sql(self, compiler, connection, **extra):
            weights = ", ".join(str(weight) for weight in SQLITE_COLUMN_WEIGHTS)
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []

    class WeightedSQLiteCompiler(SQLiteSearchQueryCompiler):
        def build_tsrank(self, vector, query, config=None, boost=1.0):
            if isinstance(query, (Phrase, PlainText, Not)):
                rank = WeightedBM25()
                return rank * boost if boost != 1.0 else rank
            return super().build_tsrank(vector, query, config=config, boost=boost)

    return WeightedSQLiteCompiler


@cache
def _postgres_backend_class():
    # Imported lazily: it needs django.contrib.postgres, which SQLite-only installs may lack.
    from django.contrib.postgres.search import SearchRank
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
    from modelsearch.query import Not, Phrase, PlainText

    class LocalizedIndex(PostgresIndex):
        def add_items(self, model, objs):
            groups = defaultdict(list)
            languages = self.backend.locale_languages()
            for obj in objs:
                language = languages.get(getattr(obj, "locale_id", None))
                groups[self.backend.config_for_language(language)].append(obj)
            for config, group in groups.items():
                # A copy of the backend per configuration: the stock indexer reads `backend.config`.
                PostgresIndex(self.backend.with_config(config)).add_items(model, group)

    class LocalizedQueryCompiler(PostgresSearchQueryCompiler):
        def build_tsrank(self, vector, query, config=None, boost=1.0):
            # Cover density (ts_rank_cd) instead of ts_rank: it counts every occurrence and how
            # close they are, so the page that is about the words outranks one that names them
            # once in a short title. Weights (title A, body D) and the title norm apply as before.
            if isinstance(query, (Phrase, PlainText, Not)):
                rank = SearchRank(
                    vector, self.build_tsquery(query, config=config), weights=self.sql_weights, cover_density=True
                )
                return rank * boost if boost != 1.0 else rank
            return super().build_tsrank(vector, query, config=config, boost=boost)

        def build_tsquery(self, query, config=None):
            if isinstance(config, tuple):
                # No language chosen: match a row whatever configuration indexed it.
                return reduce(or_, (super(LocalizedQueryCompiler, self).build_tsquery(query, c) for c in config))
            return super().build_tsquery(query, config=config)

    class LocalizedPostgresSearchBackend(PostgresSearchBackend):
        query_compiler_class = LocalizedQueryCompiler
        index_class = LocalizedIndex

        def __init__(self, params):
            super().__init__(params)
            self.default_config = params.get("SEARCH_CONFIG") or "simple"
            self.language_configs = dict(params.get("SEARCH_CONFIGS", {}))
            # Queries without a language: every configuration any row can have been indexed with.
            self.config = tuple(dict.fromkeys([*self.language_configs.values(), self.default_config]))

        def config_for_language(self, language_code):
            return self.language_configs.get(language_code, self.default_config)

        def with_config(self, config):
            clone = copy.copy(self)
            clone.config = config
            return clone

        def for_language(self, language_code):
            """This backend, stemming queries the way `language_code`'s objects were indexed."""
            return self.with_config(self.config_for_language(language_code))

        @staticmethod
        def locale_languages():
            from wagtail.models import Locale

            return dict(Locale.objects.values_list("pk", "language_code"))

    return LocalizedPostgresSearchBackend


def backend_for_language(language_code):
    """The default search backend, set to stem queries in `language_code` where it can."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    for_language = getattr(backend, "for_language", None)
    return for_language(language_code) if for_language else backend
