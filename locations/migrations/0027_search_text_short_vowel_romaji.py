"""Add the short-vowel spelling of each place's romaji to its `search_text`.

pykakasi (the admin's and the importer's suggested reading) spells long vowels as the kana do:
道頓堀 → Doutonbori, 両国 → Ryougoku. A visitor types Hepburn without macrons ("Dotonbori",
"Ryogoku"), which is not inside the stored text, so `Location.build_search_text` now ends with
`short_vowels(name_romaji)` when it differs.
Only rows whose romaji has a long vowel change, and only by that last part, so this appends it
instead of rebuilding every row (`search_grams` holds non-ASCII pieces only: unchanged).
"""

from django.db import migrations
from django.db.models import Q

from locations.search import short_vowels

BATCH = 2000


def add_short_vowels(apps, schema_editor):
    Location = apps.get_model("locations", "Location")
    candidates = Location.objects.filter(
        Q(name_romaji__icontains="ou")
        | Q(name_romaji__icontains="oo")
        | Q(name_romaji__icontains="uu")
    ).only("pk", "name_romaji", "search_text")
    changed = []
    for location in candidates.iterator(chunk_size=BATCH):
        part = short_vowels(location.name_romaji)
        if part and not location.search_text.endswith(f" | {part}"):
            location.search_text = f"{location.search_text} | {part}"
            changed.append(location)
    Location.objects.bulk_update(changed, ["search_text"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("locations", "0026_keyword_page_cover_index")]

    # Reversing leaves the extra part: it only widens what a search finds.
    operations = [migrations.RunPython(add_short_vowels, migrations.RunPython.noop)]
