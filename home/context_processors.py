from .cache import TIMEOUT, content_version


def fragment_cache(request):
    """Keys for `{% cache fragment_timeout name ... fragment_version %}` around content-only fragments.

    Rendered HTML is cached rather than objects, so image renditions made during
    the first render are part of what is cached. Previews never read or write it.
    """
    if getattr(request, "is_preview", False):
        return {"fragment_timeout": 0, "fragment_version": "preview"}
    return {"fragment_timeout": TIMEOUT, "fragment_version": content_version()}
