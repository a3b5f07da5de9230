"""Sharing without third-party scripts: plain links to each network, and QR codes made on the server."""

from urllib.parse import quote, urlencode

import segno
from django.utils.translation import gettext as _


def share_links(url, title, summary=""):
    """(network, label, link) for each way to share a page; the texts are in the active language."""
    message = _("%(title)s. %(summary)s Read more and register your interest: %(url)s") % {
        "title": title,
        "summary": summary,
        "url": url,
    }
    whatsapp = "https://wa.me/?" + urlencode({"text": message}, quote_via=quote)
    return [
        {"network": "whatsapp", "label": "WhatsApp", "url": whatsapp},
        {
            "network": "facebook",
            "label": "Facebook",
            "url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}, quote_via=quote),
        },
        {
            "network": "x",
            "label": "X",
            "url": "https://x.com/intent/post?" + urlencode({"text": title, "url": url}, quote_via=quote),
        },
        {
            "network": "telegram",
            "label": "Telegram",
            "url": "https://t.me/share/url?" + urlencode({"url": url, "text": title}, quote_via=quote),
        },
    ]


def qr_code(url):
    """A QR code of `url` (error correction M: still reads on a creased or sun-faded poster)."""
    return segno.make(url, error="m", micro=False)
