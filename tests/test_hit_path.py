"""The cheap parts of a page-cache hit (issue 20): a policy header built once, a Redis client reused.

Both were found by profiling a hit in-process (README, "Benchmarks"); these tests hold the
behaviour they must keep: a view's own policy and a changed setting still win, and the
Redis cache still reads, writes and fails soft with one client per connection pool.
"""

import pytest
from csp.decorators import csp_update
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from home.security import SitePolicyMiddleware

from .redis_support import cache_settings, delete_keys, redis_or_skip


def _policy(path="/", view=None):
    request = RequestFactory().get(path)
    middleware = SitePolicyMiddleware(view or (lambda request: HttpResponse("ok")))
    return middleware(request)["Content-Security-Policy"]


def test_the_policy_is_built_once_yet_a_views_own_and_a_changed_setting_still_win(settings):
    public, admin = _policy("/"), _policy("/admin/")
    assert public == _policy("/tentang/") and admin != public
    assert "'unsafe-inline'" in admin and "'unsafe-inline'" not in public

    @csp_update({"img-src": ["https://maps.example.org"]})
    def own(request):
        return HttpResponse("ok")

    assert "https://maps.example.org" in _policy("/", own)
    assert "https://maps.example.org" not in _policy("/")
    changed = {**settings.CONTENT_SECURITY_POLICY}
    changed["DIRECTIVES"] = {**changed["DIRECTIVES"], "img-src": ["'self'", "https://tiles.example.org"]}
    with override_settings(CONTENT_SECURITY_POLICY=changed):
        assert "https://tiles.example.org" in _policy("/")
    assert "https://tiles.example.org" not in _policy("/")


@pytest.fixture
def redis_cache(settings):
    redis_or_skip()
    settings.CACHES = {**settings.CACHES, "reuse": cache_settings()}
    yield caches["reuse"]
    delete_keys(settings.CACHES["reuse"]["KEY_PREFIX"])


def test_the_redis_cache_keeps_one_client_per_pool_and_still_reads_and_writes(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client
    redis_cache.set("hit-path", {"a": 1})
    assert redis_cache.get("hit-path") == {"a": 1}
    assert redis_cache.get_many(["hit-path", "none"]) == {"hit-path": {"a": 1}}
    assert redis_cache._cache.get_client() is client
