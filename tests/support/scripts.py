"""Load a benchmark script (bench/ is a folder of scripts, not a package) as a module for a test."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_bench_script(name: str, *, module_name: str | None = None, modules=sys.modules):
    """bench/<name>.py as a module, registered in `modules` first (dataclasses look their module up there).

    Pass pytest's `monkeypatch` view of sys.modules through `modules` to have the registration undone.
    """
    spec = importlib.util.spec_from_file_location(module_name or f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
