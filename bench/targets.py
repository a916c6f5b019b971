"""The targets and their checks: issue 17's first visits (the headline table) and issue 6's
repeat visits. Each row says PASS or FAIL with the reasons."""

# Issue 17, first visits (a new URL and a new connection per request), at the big catalogue:
FIRST_MIN_RATIO = 0.12  # × /healthz measured the same way in the same run
FIRST_MAX_GROWTH = 1.3  # p50 at the big catalogue ÷ p50 at the small one

# Issue 6, repeat visits (the visitors' cache serves them):
REPEAT_MIN_RATIO = 0.20
REPEAT_MAX_P95_MS = 100
REPEAT_MAX_GEOJSON_MS = 2000

LABELS = {
    "healthz": "/healthz",
    "home": "home",
    "list": "location list",
    "region_tag": "region + tag",
    "pref_category": "prefecture + category",
    "region_category_q": "region + category + keyword",
    "q_en": "keyword (English)",
    "q_ja2": "keyword (2-char Japanese)",
    "q_ja4": "keyword (4-char Japanese)",
    "near": "near + radius, by distance",
    "near_category": "near + radius + category",
    "deep_page": "deep page",
    "studio_size": "studio size filter",
    "studio_region_size": "studio region + size",
    "location_detail": "location detail",
    "studio_detail": "studio detail",
    "geojson": "GeoJSON, all Japan",
}


def _row(name: str, figures: dict, healthz_rps: float, probe: dict, key: str) -> dict:
    queries = probe["probe"].get(name, {})
    return {
        "name": name,
        "label": LABELS.get(name, name),
        "url": probe["urls"][name],
        **{k: figures[k] for k in ("rps", "p50", "p95", "p99", "errors", "requests")},
        "ratio": figures["rps"] / healthz_rps if healthz_rps else 0.0,
        "queries": queries.get(key, queries.get("queries")),
        "status": queries.get("status"),
        "single": figures.get("single"),
    }


def _verdict(row: dict, checks: list[str], targeted: bool) -> bool:
    row["result"] = ("FAIL: " + "; ".join(checks) if checks else "PASS") if targeted else "info"
    return not checks


def evaluate_first(big: dict, small: dict | None) -> tuple[list[dict], bool]:
    """First visits against issue 17: filtered searches and detail pages at the big catalogue
    ≥ 0.12 × /healthz, zero errors (either size), p50 growth ≤ 1.3× (when a small size ran)."""
    probe = big["probe"]
    targeted = set(probe["filtered"]) | set(probe["detail"])
    healthz = big["first"]["healthz"]["rps"]
    table, all_pass = [], True
    others = sorted((n for n in big["first"] if n != "healthz"), key=list(LABELS).index)
    for name in ["healthz", *others]:
        row = _row(name, big["first"][name], healthz, probe, "queries_uncached")
        base = small["first"].get(name) if small else None
        row["small_p50"] = base["p50"] if base else None
        row["small_errors"] = base["errors"] if base else 0
        row["growth"] = row["p50"] / base["p50"] if base and base["p50"] else None
        checks = []
        if not row["requests"]:
            checks.append("no answer within the run")
        if row["errors"] or row["small_errors"]:
            checks.append(f"{row['errors'] + row['small_errors']} errors")
        if name != "healthz" and row["ratio"] < FIRST_MIN_RATIO:
            checks.append(f"{row['ratio']:.3f} < {FIRST_MIN_RATIO:.2f}× healthz")
        if name != "healthz" and row["growth"] and row["growth"] > FIRST_MAX_GROWTH:
            checks.append(f"p50 grew {row['growth']:.2f}× > {FIRST_MAX_GROWTH}×")
        judged = name in targeted or name == "healthz"
        met = _verdict(row, checks, judged)
        all_pass = all_pass and (met or not judged)
        table.append(row)
    return table, all_pass


def evaluate_repeat(big: dict) -> tuple[list[dict], bool]:
    """Repeat visits against issue 6: every page ≥ 0.20 × /healthz, p95 < 100 ms (GeoJSON
    < 2 s), zero errors."""
    rows, probe = big["rows"], big["probe"]
    healthz = rows["healthz"]["rps"] if rows else 0.0
    table, all_pass = [], True
    for name in (n for n in LABELS if n in rows):
        row = _row(name, rows[name], healthz, probe, "queries")
        limit = REPEAT_MAX_GEOJSON_MS if name == "geojson" else REPEAT_MAX_P95_MS
        checks = [f"{row['errors']} errors"] if row["errors"] else []
        if row["p95"] >= limit:
            checks.append(f"p95 ≥ {limit} ms")
        if name != "healthz" and row["ratio"] < REPEAT_MIN_RATIO:
            checks.append(f"{row['ratio']:.3f} < {REPEAT_MIN_RATIO:.2f}× healthz")
        all_pass = _verdict(row, checks, True) and all_pass
        table.append(row)
    return table, all_pass
