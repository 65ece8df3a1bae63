"""Fresh virtual environments for the packaging tests, offline.

A new venv gets no pip and no packages of its own: what it installs comes from files we built,
with the current interpreter's pip (`pip --python`), and its dependencies are this test run's
own site-packages, appended to its path by a .pth file. A .pth line only adds a directory, so
this project's editable install (a finder registered by another .pth in there) stays inactive.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path


def fresh_venv(where: Path) -> Path:
    """A venv at `where` that sees this run's dependencies but not this project; its python."""
    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt").create(where)
    python = where / ("Scripts" if os.name == "nt" else "bin") / "python"
    purelib = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib.strip()) / "zz_test_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n")
    return python


def pip_install_offline(python: Path, *requirements: str) -> None:
    """Install built files into `python`'s venv: no index, no network, no dependencies."""
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-index",
            "--no-deps",
            "--no-cache-dir",
            *requirements,
        ]
    )


def run(argv: list[str], cwd: Path | None = None, timeout: float = 120) -> str:
    """Run `argv` with a clean environment; its stdout, or AssertionError with its output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTBOT_", "PYTHON"))}
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{argv} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def command(python: Path, name: str) -> str:
    """A console script installed into `python`'s venv."""
    return str(python.parent / name)
