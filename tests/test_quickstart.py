"""The README's quick start, run as written on a fresh clone in a fresh virtual environment
(issue 20): the commands are read from the README, so a quick start that drifts fails here.

Only pip reaches the network (the package indexes); the sample is then run again with every
article reprocessed, without network where ``unshare -n`` can take it away, and must give the
committed outputs. The clone is of the last commit: commit a README change before running this.
About 2 minutes on two loaded cores, most of it pip installing spaCy and the
other dependencies into the new environment.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def quick_start(readme: str) -> list[str]:
    """The quick start's shell commands, in order: the virtual environment's (inline, in the
    prose) and the indented command line after it.

    >>> quick_start("## Quick start\\n\\nfirst (`python3 -m venv .v && . .v/bin/activate`). Then:\\n\\n    pip x && y\\n\\nMore:\\n\\n    z\\n")
    ['python3 -m venv .v && . .v/bin/activate', 'pip x && y']
    """
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    venv = re.search(r"`(python3 -m venv [^`]+)`", section)
    command = re.search(r"^    (\S.*)$", section, re.M)
    assert venv and command, "the README's quick start names its virtual environment and its command"
    return [venv[1], command[1]]


def _offline() -> list[str]:
    """A prefix that runs a command without network, when this machine lets us; else none."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    return []


def test_readme_quick_start_runs_in_a_fresh_virtual_environment(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a checkout to clone")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    commands = quick_start((clone / "README.md").read_text("utf8"))
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if ".venv" not in p)
    script = " && ".join(["set -e", *commands])
    done = subprocess.run(["bash", "-c", script], cwd=clone, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "outputs/ holds 3 articles, 28 records" in done.stderr, done.stderr[-2000:]
    venv_python = str(clone / ".venv" / "bin" / "python3")
    assert (clone / ".venv" / "pyvenv.cfg").is_file(), "the quick start made its virtual environment"
    again = subprocess.run(
        [*_offline(), venv_python, "-m", "pipeline", "run", "--set", "sample", "--force"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0 and "0 up to date, 3 processed" in again.stderr, again.stderr[-3000:]
    changed = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True).stdout
    assert changed == "", f"the quick start changed the clone: {changed}"
