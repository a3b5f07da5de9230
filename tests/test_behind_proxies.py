"""Behind a load balancer (and a CDN): each visitor gets their own rate-limit bucket, and no header buys another.

The proxies are simulated the way they reach Django: REMOTE_ADDR is the nearest
proxy, and each proxy appends the address it saw to X-Forwarded-For.
"""

import pytest
from django.test import Client, RequestFactory

from home.client import client_address
from tests.test_public_form_flow import forms  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

LOAD_BALANCER = "10.0.0.2"
CDN_EDGE = "172.16.5.5"


def behind_load_balancer(client_ip, forged=""):
    """What gunicorn sees behind one load balancer: the client's own header (forged or not) plus the LB's hop."""
    chain = f"{forged}, {client_ip}" if forged else client_ip
    return {"REMOTE_ADDR": LOAD_BALANCER, "HTTP_X_FORWARDED_FOR": chain}


def behind_cdn_and_load_balancer(client_ip, forged=""):
    chain = ", ".join(part for part in (forged, client_ip, CDN_EDGE) if part)
    return {"REMOTE_ADDR": LOAD_BALANCER, "HTTP_X_FORWARDED_FOR": chain}


def send(form, headers, number):
    return Client().post(form.url["id"], {**form.data, "whatsapp": f"0812 3456 {number:04d}"}, **headers)


@pytest.mark.parametrize(("count", "via"), [(1, behind_load_balancer), (2, behind_cdn_and_load_balancer)])
def test_two_visitors_behind_the_proxies_have_separate_buckets_and_forging_gains_nothing(forms, settings, count, via):  # noqa: F811
    settings.TRUSTED_PROXY_COUNT = count
    settings.PUBLIC_FORM_RATE = "2/h"
    form = forms["sign-up"]
    alice, budi = "203.0.113.9", "198.51.100.7"
    assert send(form, via(alice), 1).status_code == 302
    assert send(form, via(alice), 2).status_code == 302
    assert send(form, via(alice), 3).status_code == 429  # Alice's bucket is full...
    assert send(form, via(budi), 4).status_code == 302  # ...Budi's is his own, though both come through one LB
    # Alice writes any address she likes into X-Forwarded-For: the proxies append the one they saw.
    for forged in ("192.0.2.44", "192.0.2.44, 192.0.2.45", "not-an-address", budi):
        assert send(form, via(alice, forged=forged), 5).status_code == 429, forged
    assert form.rows.count() == 3


def test_with_no_proxy_the_header_is_ignored_entirely(forms, settings):  # noqa: F811
    settings.TRUSTED_PROXY_COUNT = 0
    settings.PUBLIC_FORM_RATE = "1/h"
    form = forms["sign-up"]
    visitor = {"REMOTE_ADDR": "203.0.113.9"}
    assert send(form, visitor, 1).status_code == 302
    for forged in ("192.0.2.44", "198.51.100.7, 192.0.2.45"):
        assert send(form, {**visitor, "HTTP_X_FORWARDED_FOR": forged}, 2).status_code == 429


@pytest.mark.parametrize(
    ("count", "header", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.2"),
        (1, "192.0.2.1, 203.0.113.9", "203.0.113.9"),
        (2, "192.0.2.1, 203.0.113.9, 172.16.5.5", "203.0.113.9"),
        # Fewer hops than proxies configured (someone reached the LB directly): the leftmost is all there is.
        (2, "203.0.113.9", "203.0.113.9"),
        (1, "garbage", "10.0.0.2"),
    ],
)
def test_client_address_counts_hops_from_the_right(settings, count, header, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=header)
    assert client_address(request) == expected
