"""Who is asking: the one reading of a visitor's address, for every limit that counts per client.

The public forms' rate limit (django-ratelimit, ``RATELIMIT_IP_META_KEY``) and the
admin's login lockout (django-axes, ``AXES_CLIENT_IP_CALLABLE``) both call
``client_address``, so behind a proxy they count the same visitor, and neither
can be fooled by an address the visitor wrote into a header.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    """The visitor's address, trusting exactly DJANGO_TRUSTED_PROXY_COUNT proxies in front of us.

    Each proxy appends the address it saw to X-Forwarded-For, so the client is the
    entry that many places from the right; anything further left was sent by the
    client itself and could be forged. With no proxy, REMOTE_ADDR is the client.
    An entry that is no address at all (a misconfigured or bypassed proxy) is not
    trusted either: the socket's address is used, as with no proxy.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count and forwarded:
        hops = [part.strip() for part in forwarded.split(",") if part.strip()]
        if hops:
            candidate = hops[-min(count, len(hops))]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR")
