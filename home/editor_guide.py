"""The editor guide (docs/editor-guide.<language>.md), shown inside the admin in the user's admin language.

The guides use a small, fixed part of Markdown (headings, paragraphs, lists,
bold, inline code, links); this renders exactly that, escaping everything else,
so no Markdown library is needed.
"""

import re

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

GUIDE_DIR = settings.BASE_DIR / "docs"
GUIDE_LANGUAGES = ("id", "en")

_INLINE = [
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*([^*]+)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"\[([^\]]+)\]\(((?:https?://|/|#)[^)\s]*)\)"), r'<a href="\2">\1</a>'),
]


def _inline(text):
    html = escape(text)
    for pattern, replacement in _INLINE:
        html = pattern.sub(replacement, html)
    return html


def render_markdown(text):
    """Headings (#, ##, ###), paragraphs, "-" and "1." lists, **bold**, `code`, [links](url)."""
    out, paragraph, list_tag = [], [], None

    def flush_paragraph():
        if paragraph:
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    def close_list():
        nonlocal list_tag
        if list_tag:
            out.append(f"</{list_tag}>")
            list_tag = None

    for raw in text.splitlines():
        line = raw.strip()
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        bullet = re.match(r"^[-*]\s+(.*)$", line)
        number = re.match(r"^\d+\.\s+(.*)$", line)
        if not line:
            flush_paragraph()
            close_list()
        elif heading:
            flush_paragraph()
            close_list()
            level = len(heading.group(1)) + 1  # the admin page's own title is the h1
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif bullet or number:
            flush_paragraph()
            tag = "ul" if bullet else "ol"
            if list_tag != tag:
                close_list()
                out.append(f"<{tag}>")
                list_tag = tag
            out.append(f"<li>{_inline((bullet or number).group(1))}</li>")
        elif list_tag and raw.startswith("  "):
            # A continuation line of the last list item.
            out[-1] = out[-1][: -len("</li>")] + " " + _inline(line) + "</li>"
        else:
            close_list()
            paragraph.append(line)
    flush_paragraph()
    close_list()
    return mark_safe("\n".join(out))


def guide_path(language):
    return GUIDE_DIR / f"editor-guide.{language}.md"


def editor_guide(request):
    """The guide in the admin's language (Indonesian unless the user chose English); ?lang= picks the other."""
    language = request.GET.get("lang") or (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language not in GUIDE_LANGUAGES:
        raise Http404
    try:
        text = guide_path(language).read_text(encoding="utf-8")
    except FileNotFoundError as missing:
        raise Http404 from missing
    other = "en" if language == "id" else "id"
    return TemplateResponse(
        request,
        "home/admin/editor_guide.html",
        {
            "page_title": _("Editor guide"),
            "header_title": _("Editor guide"),
            "guide": render_markdown(text),
            "other_language": other,
            "other_language_name": dict(settings.LANGUAGES)[other],
        },
    )
