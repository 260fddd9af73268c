"""The installed package must contain every module and data file (tests run from an editable
install, which would hide a package missing from pyproject.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "reader").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert "reader.resources" in listed and config["package-dir"]["reader.resources"] == "resources"


def test_shipped_data_is_covered_by_package_data() -> None:
    import fnmatch

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = config["package-data"]["reader.resources"]
    for path in (ROOT / "resources").rglob("*"):
        if path.is_file() and path.name != "__init__.py" and "__pycache__" not in path.parts:
            relative = path.relative_to(ROOT / "resources").as_posix()
            assert any(fnmatch.fnmatch(relative, p) for p in patterns), relative
