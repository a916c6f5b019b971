"""The benchmark's verdicts (bench/targets.py): issue 17's first-visit targets and issue 6's
repeat-visit ones, on hand-made figures (the benchmark itself needs wrk and minutes)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import options  # noqa: E402
import targets  # noqa: E402


def figures(rps, p50, *, errors=0, p95=None):
    return {
        "rps": rps,
        "p50": p50,
        "p95": p95 if p95 is not None else p50 * 2,
        "p99": p50 * 3,
        "errors": errors,
        "requests": int(rps * 10),
        "bytes": 1000,
    }


def size(first, rows=None, locations=100_000):
    urls = {name: f"/{name}/" for name in {*first, *(rows or {})}}
    return {
        "first": first,
        "rows": rows or {},
        "probe": {
            "urls": urls,
            "probe": {name: {"queries": 0, "queries_uncached": 7, "status": 200} for name in urls},
            "filtered": ["q_en", "near"],
            "detail": ["location_detail"],
            "locations": locations,
        },
    }


def result(table, name):
    return next(row for row in table if row["name"] == name)["result"]


def test_first_visits_pass_at_the_targets():
    big = size({"healthz": figures(1000, 5), "q_en": figures(120, 60)})
    small = size({"healthz": figures(1000, 5), "q_en": figures(130, 60 / 1.3)}, locations=10_000)
    table, all_pass = targets.evaluate_first(big, small)
    assert all_pass
    assert result(table, "q_en") == "PASS"
    assert table[0]["name"] == "healthz"


@pytest.mark.parametrize(
    ("page", "small_page", "reason"),
    [
        (figures(119, 60), figures(130, 60), "0.119 < 0.12× healthz"),
        (figures(500, 60), figures(600, 40), "p50 grew 1.50× > 1.3×"),
        (figures(500, 60, errors=2), figures(600, 60), "2 errors"),
        (figures(500, 60), figures(600, 60, errors=1), "1 errors"),
    ],
)
def test_a_first_visit_target_missed_fails_with_its_reason(page, small_page, reason):
    big = size({"healthz": figures(1000, 5), "near": page})
    small = size({"healthz": figures(1000, 5), "near": small_page}, locations=10_000)
    table, all_pass = targets.evaluate_first(big, small)
    assert not all_pass
    assert result(table, "near").startswith("FAIL")
    assert reason in result(table, "near")


def test_untargeted_pages_are_info_and_never_fail_the_run():
    big = size({"healthz": figures(1000, 5), "deep_page": figures(10, 500)})
    table, all_pass = targets.evaluate_first(big, None)
    assert all_pass
    assert result(table, "deep_page") == "info"


def test_errors_on_healthz_fail_the_run():
    big = size({"healthz": figures(1000, 5, errors=3), "location_detail": figures(500, 20)})
    table, all_pass = targets.evaluate_first(big, None)
    assert not all_pass
    assert result(table, "healthz") == "FAIL: 3 errors"


def test_repeat_visits_check_ratio_p95_and_geojson_limit():
    rows = {
        "healthz": figures(1000, 5),
        "home": figures(900, 9, p95=20),
        "list": figures(150, 9, p95=20),
        "studio_detail": figures(900, 9, p95=100),
        "geojson": figures(500, 10, p95=1500),
    }
    table, all_pass = targets.evaluate_repeat(size({"healthz": figures(1000, 5)}, rows))
    assert not all_pass
    assert result(table, "home") == "PASS"
    assert result(table, "list") == "FAIL: 0.150 < 0.20× healthz"
    assert result(table, "studio_detail") == "FAIL: p95 ≥ 100 ms"
    assert result(table, "geojson") == "PASS"


def test_each_catalogue_size_has_its_own_database(monkeypatch):
    monkeypatch.setattr(options, "DB_PREFIX", "rokehan_bench")
    assert options.database_name(100_000) == "rokehan_bench"
    assert options.database_name(2_000) == "rokehan_bench_2000"


def test_the_report_shows_each_verdict_and_the_overall_one(monkeypatch):
    import report

    monkeypatch.setattr(report, "machine", lambda: "a test machine")
    first = {"healthz": figures(1000, 5), "q_en": figures(50, 60), "deep_page": figures(10, 9)}
    first["healthz"]["rps_first_last"] = (990, 1010)
    big = size(first)
    big["probe"] |= {"published": 90_000, "studios": 2000}
    small = size({"healthz": figures(1000, 5), "q_en": figures(60, 50)}, locations=10_000)
    first_table, first_pass = targets.evaluate_first(big, small)
    text = report.markdown(
        {
            "started": "2026-12-03 12:00 UTC",
            "load": (1.0, 2.0),
            "big": big,
            "small": small,
            "first_table": first_table,
            "first_pass": first_pass,
            "repeat_table": [],
            "repeat_pass": True,
        }
    )
    q_en = next(line for line in text.splitlines() if line.startswith("| keyword (English)"))
    assert "| 0.05 |" in q_en
    assert "| 50.0 | 1.20× | FAIL: 0.050 < 0.12× healthz |" in q_en
    assert "| deep page `/deep_page/` |" in text and "| info |" in text
    assert "First-visit targets (issue 17) met: **no**." in text
    assert "Repeat-visit targets" not in text
