"""Renditions that never take a page down.

Wagtail's {% image %} tag already shows a "not found" image when an original file is
missing from storage; code that asks for a rendition itself (share images, JSON-LD)
gets None instead of a 500, and the missing file is logged for an editor to replace.
"""

import logging

from wagtail.images.models import SourceImageIOError

logger = logging.getLogger(__name__)


def rendition_or_none(image, spec):
    if image is None:
        return None
    try:
        return image.get_rendition(spec)
    except SourceImageIOError:
        logger.warning("Original file of image %s (%r) is missing; page served without it", image.pk, image.title)
        return None
