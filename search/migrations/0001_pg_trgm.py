"""PostgreSQL's pg_trgm, for the search's spelling suggestions (search.spelling).

Created where the database lets us; where it does not (no privilege), the suggestions
use the simple fallback the site uses on SQLite, so nothing fails.
"""

from django.db import migrations, transaction


def create_extension(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # noqa: BLE001 - no privilege: the fallback is used
        pass


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_extension, migrations.RunPython.noop)]
