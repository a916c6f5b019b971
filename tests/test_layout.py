"""The house stays easy to carry on (issue 17): no module over 400 lines outside tests and
migrations, so that each file keeps one job its name says (docs/architecture.md)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400
CODE = ["scouting", "locations", "bench", "manage.py"]


def python_modules():
    for top in CODE:
        path = ROOT / top
        for module in [path] if path.is_file() else sorted(path.rglob("*.py")):
            if "migrations" not in module.parts:
                yield module


def test_every_module_has_at_most_400_lines():
    too_long = {
        str(module.relative_to(ROOT)): count
        for module in python_modules()
        if (count := len(module.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}


def test_the_check_reads_the_code():
    # Guards the guard: it must see the app's modules, or it passes on nothing.
    names = {module.name for module in python_modules()}
    assert {"settings.py", "studios.py", "run.py"} <= names
