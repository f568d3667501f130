"""CI runs every test: a skip for want of ``../shared`` fails there, and only there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent

NEEDS_SHARED = '''
from pathlib import Path

import conftest
import pytest


def test_through_the_fixture(request):
    conftest.SHARED = Path("/nonexistent/shared")  # as in a clone without the team's data
    request.getfixturevalue("shared_dir")


def test_a_skip_of_its_own():
    pytest.skip("../shared/models is not here")


def test_another_reason_to_skip():
    pytest.skip("desktop-file-validate is not installed")
'''


def run_pytest(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess:
    (tmp_path / "test_needs_shared.py").write_text(NEEDS_SHARED, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "conftest", "-q", "-rA", "-p", "no:cacheprovider",
         "-o", "addopts=", "-W", "ignore::pytest.PytestAssertRewriteWarning", str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_in_ci_a_skip_for_want_of_shared_data_fails(tmp_path):
    result = run_pytest(tmp_path, "true")
    assert result.returncode == 1, result.stdout
    assert "2 failed, 1 skipped" in result.stdout, result.stdout
    assert "skipped in CI, where nothing may be" in result.stdout


def test_outside_ci_it_stays_a_skip_with_its_reason(tmp_path):
    result = run_pytest(tmp_path, None)
    assert result.returncode == 0, result.stdout
    assert "3 skipped" in result.stdout and "shared data is not beside the repository" in result.stdout


@pytest.mark.parametrize(("value", "ci"), [("true", True), ("1", True), ("yes", True), ("", False),
                                           ("0", False), ("false", False), ("False", False), (None, False)])
def test_what_counts_as_ci(monkeypatch, value, ci):
    import conftest

    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    assert conftest.in_ci() is ci
