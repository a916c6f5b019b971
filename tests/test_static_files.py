"""Production's static files storage (scouting.storage)."""

import pytest

from scouting.storage import StaticFilesStorage


def test_each_static_url_is_looked_up_once_and_a_missing_name_still_fails(tmp_path):
    made = StaticFilesStorage(location=tmp_path, base_url="/static/")
    made.hashed_files = {"css/site.css": "css/site.0123abcd.css"}
    made.save_manifest()

    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")  # reads the manifest
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    storage.hashed_files.clear()  # what a second lookup would read
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    for _ in range(2):  # never remembered as found
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")
