"""A plain (non-editable) install carries the shipped story and assets, so the game runs from any folder."""

import subprocess
import sys
import zipfile

from .helpers import ROOT


def test_wheel_carries_story_and_assets(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("socialscore-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "story").rglob("*.yaml")}
    assert shipped and {f"game/_data/{p}" for p in shipped} <= set(names)
    assert any(n.startswith("game/_data/assets/fonts/") for n in names)
    assert "game/engine/loader.py" in names and not any(n.startswith("tests/") for n in names)
