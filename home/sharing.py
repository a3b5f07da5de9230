"""Sharing without third-party scripts: plain links to each network, and QR codes made on the server."""

from urllib.parse import quote, urlencode

import segno


def _query(params):
    # %20 rather than +, and every reserved character encoded: an "&" in a title cannot end the parameter.
    return urlencode(params, quote_via=quote)


def share_links(url, title, message=None):
    """Links to each network's own share page, keyed by network, in the order pages list them.

    `message` is the text WhatsApp sends; by default the title and the address.
    """
    links = {
        "whatsapp": ("WhatsApp", "https://wa.me/?" + _query({"text": message or f"{title} {url}"})),
        "facebook": ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + _query({"u": url})),
        "x": ("X", "https://x.com/intent/post?" + _query({"text": title, "url": url})),
        "telegram": ("Telegram", "https://t.me/share/url?" + _query({"url": url, "text": title})),
    }
    return {network: {"network": network, "label": label, "url": link} for network, (label, link) in links.items()}


def qr_code(url):
    """A QR code of `url` (error correction M: still reads on a creased or sun-faded poster)."""
    return segno.make(url, error="m", micro=False)
