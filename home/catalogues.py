"""Translation catalogues without the system's gettext tools.

`makemessages` needs GNU xgettext, which a fresh machine does not have. This
module extracts the same strings in Python (Babel for the parsing, Django's own
`templatize` for templates), writes each app's `locale/<lang>/LC_MESSAGES/django.po`,
and compiles the `.mo` files with polib. The test suite uses the same
extraction to prove that both catalogues are complete and compiled.

Where a string goes: files under an app (`stories/...`) and templates under
`templates/<app>/` belong to that app's catalogue; everything else (the shared
templates, `config/`) belongs to `home`.
"""

import io
from dataclasses import dataclass, field
from pathlib import Path

import polib
from babel.messages.extract import extract
from django.conf import settings
from django.utils.translation.template import templatize

APPS = ["home", "stories", "events", "campaigns", "search"]
LANGUAGES = [code for code, _name in settings.LANGUAGES]
SOURCE_LANGUAGE = "en"  # msgids are written in English

KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
PLURAL_FORMS = {"id": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}
SKIP_DIRS = {"migrations", "__pycache__", "locale", "tests", "static"}


@dataclass
class Message:
    msgid: str
    msgid_plural: str = ""
    msgctxt: str | None = None
    occurrences: list = field(default_factory=list)

    @property
    def key(self):
        return (self.msgctxt, self.msgid)


def base_dir():
    return Path(settings.BASE_DIR)


def catalogue_app(path: Path) -> str:
    parts = path.relative_to(base_dir()).parts
    if parts[0] in APPS:
        return parts[0]
    if parts[0] == "templates" and len(parts) > 2 and parts[1] in APPS:
        return parts[1]
    return "home"


def _source_files():
    root = base_dir()
    for top in [*APPS, "config"]:
        for path in sorted((root / top).rglob("*.py")):
            if not SKIP_DIRS.intersection(path.relative_to(root).parts[:-1]):
                yield path, "python"
    for top in ["templates", *APPS]:
        for suffix in ("*.html", "*.txt"):
            for path in sorted((root / top).rglob(suffix)):
                if "templates" in path.relative_to(root).parts:
                    yield path, "template"


def extract_messages() -> dict[str, dict[tuple, Message]]:
    """All translatable strings in the project, by the app whose catalogue holds them."""
    found: dict[str, dict[tuple, Message]] = {app: {} for app in APPS}
    root = base_dir()
    for path, kind in _source_files():
        source = path.read_text(encoding="utf-8")
        if kind == "template":
            source = templatize(source, origin=str(path))
        for lineno, message, _comments, context in extract(
            "python", io.BytesIO(source.encode("utf-8")), keywords=KEYWORDS
        ):
            if isinstance(message, tuple):
                msgid, plural = message[0], message[1] or ""
            else:
                msgid, plural = message, ""
            if not msgid:
                continue
            bucket = found[catalogue_app(path)]
            entry = bucket.setdefault((context, msgid), Message(msgid, plural, context))
            entry.occurrences.append((str(path.relative_to(root)), lineno))
    return found


def po_path(app: str, language: str) -> Path:
    return base_dir() / app / "locale" / language / "LC_MESSAGES" / "django.po"


def update_catalogues() -> list[str]:
    """Merge extracted strings into every .po file, then compile every .mo. Returns what needs translating."""
    untranslated = []
    for app, messages in extract_messages().items():
        for language in LANGUAGES:
            path = po_path(app, language)
            old = polib.pofile(str(path)) if path.exists() else polib.POFile()
            previous = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete}
            po = polib.POFile(wrapwidth=0)
            po.metadata = {
                "Project-Id-Version": "pelatihan-palangkaraya",
                "Language": language,
                "MIME-Version": "1.0",
                "Content-Type": "text/plain; charset=UTF-8",
                "Content-Transfer-Encoding": "8bit",
                "Plural-Forms": PLURAL_FORMS[language],
            }
            for key in sorted(messages, key=lambda k: (k[1], k[0] or "")):
                message = messages[key]
                # Files only, no line numbers: a line number changes with every edit above
                # it and would make each branch's catalogue conflict with every other's.
                entry = polib.POEntry(
                    msgid=message.msgid,
                    msgctxt=message.msgctxt,
                    occurrences=[(path, "") for path in sorted({path for path, _line in message.occurrences})],
                )
                old_entry = previous.get(key)
                if message.msgid_plural:
                    entry.msgid_plural = message.msgid_plural
                    forms = old_entry.msgstr_plural if old_entry and old_entry.msgstr_plural else {}
                    if language == SOURCE_LANGUAGE:
                        forms = {0: message.msgid, 1: message.msgid_plural}
                    nplurals = 1 if language == "id" else 2
                    entry.msgstr_plural = {i: forms.get(i, "") for i in range(nplurals)}
                    if not all(entry.msgstr_plural.values()):
                        untranslated.append(f"{path.relative_to(base_dir())}: {message.msgid!r}")
                else:
                    if language == SOURCE_LANGUAGE:
                        entry.msgstr = old_entry.msgstr if old_entry and old_entry.msgstr else message.msgid
                    else:
                        entry.msgstr = old_entry.msgstr if old_entry else ""
                    if not entry.msgstr:
                        untranslated.append(f"{path.relative_to(base_dir())}: {message.msgid!r}")
                po.append(entry)
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
            po.save_as_mofile(str(path.with_suffix(".mo")))
    return untranslated


def compiled_matches(po_file: Path) -> bool:
    """True when the committed .mo holds exactly the translations of its .po."""
    mo_file = po_file.with_suffix(".mo")
    if not mo_file.exists():
        return False

    def table(catalogue):
        rows = {}
        for e in catalogue:
            if e.obsolete or "fuzzy" in e.flags:
                continue
            rows[(e.msgctxt, e.msgid)] = (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        return rows

    return table(polib.pofile(str(po_file))) == table(polib.mofile(str(mo_file)))
