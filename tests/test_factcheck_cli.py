"""`factbot factcheck` and the store's self-check, as a publishing pipeline and CI run them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bot.cli import main

ROOT = Path(__file__).resolve().parent.parent
GAO = "Eight French soldiers were killed in the July 2018 attack in Gao."
RES_2100 = "Resolution 2100 created MINUSMA on 25 April 2013."


def factcheck(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the real `factbot factcheck` in a subprocess from the repository root."""
    env = {**os.environ, "FACTBOT_FACTS_DIR": str(ROOT / "facts")}
    return subprocess.run(
        [sys.executable, "-m", "bot", "factcheck", *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )  # fmt: skip


def test_the_gao_error_exits_1_naming_the_gao_record_and_its_value():
    done = factcheck(GAO, "--json", "--today", "2026-11-29")
    assert done.returncode == 1
    claims = json.loads(done.stdout)["claims"]
    eight = claims[0]
    assert eight["verdict"] == "contradicted"
    assert eight["record_id"] == "gao-attack-2018-toll"
    assert eight["store_value"] == "no French soldier was killed"
    assert (eight["text"], eight["start"], eight["end"]) == ("Eight", 0, 5)
    assert set(eight) >= {"text", "start", "end", "verdict", "record_id", "store_value", "note"}


def test_resolution_2100_exits_0_with_a_supported_claim():
    done = factcheck(RES_2100)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "✓ supported: “25 April 2013”" in done.stdout
    assert done.stdout.strip().endswith("1 claim: 1 supported")


def test_draft_from_standard_input_and_from_a_file(tmp_path):
    assert factcheck("-", stdin=GAO).returncode == 1
    draft = tmp_path / "draft.md"
    draft.write_text(RES_2100, encoding="utf-8")
    done = factcheck("--file", str(draft), "--json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["claims"][0]["verdict"] == "supported"


def test_no_draft_or_an_unreadable_file_is_one_clear_line(capsys, tmp_path):
    assert main(["factcheck"]) == 2
    assert main(["factcheck", "--file", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert "give the draft" in err and "cannot read" in err and "Traceback" not in err


def test_a_draft_with_nothing_to_check_passes(capsys):
    assert main(["factcheck", "--facts", str(ROOT / "facts"), "Peacekeeping matters."]) == 0
    assert "No checkable claims" in capsys.readouterr().out


def check(facts: Path, capsys) -> tuple[int, str]:
    code = main(["check", "--facts", str(facts), "--schedules", str(ROOT / "schedules")])
    return code, capsys.readouterr().out


def test_check_passes_on_the_shipped_store(capsys):
    code, out = check(ROOT / "facts", capsys)
    assert code == 0
    assert " F040 " not in out and " F041 " not in out


def test_check_fails_when_a_talking_point_states_a_number_its_facts_do_not_carry(tmp_path, capsys):
    copy = tmp_path / "facts"
    shutil.copytree(ROOT / "facts", copy)
    points = copy / "minusma" / "talking-points.yaml"
    text = points.read_text(encoding="utf-8")
    assert "more than 700 were injured" in text
    points.write_text(text.replace("more than 700 were injured", "more than 900 were injured"))
    code, out = check(copy, capsys)
    assert code == 1
    (line,) = [x for x in out.splitlines() if " F040 " in x]
    assert "talking-points.yaml:" in line and "“900”" in line and "minusma-final-toll-2023" in line


def test_json_offsets_are_code_points_with_utf16_beside_them():
    # Issue 8: an emoji before a claim puts Python's and JavaScript's offsets apart.
    draft = "👍🏽 " + RES_2100
    done = factcheck(draft, "--json", "--today", "2026-11-29")
    claims = json.loads(done.stdout)["claims"]
    assert claims and all(draft[c["start"] : c["end"]] == c["text"] for c in claims)
    as_utf16 = draft.encode("utf-16-le")
    for c in claims:
        span = as_utf16[2 * c["start_utf16"] : 2 * c["end_utf16"]].decode("utf-16-le")
        assert span == c["text"] and c["start_utf16"] == c["start"] + 2


def test_an_endless_source_is_refused_not_read_forever(tmp_path, capsys):
    assert main(["factcheck", "--file", "/dev/zero"]) == 2
    big = tmp_path / "big.txt"
    big.write_bytes(b"MINUSMA. " * (2**20 // 9 + 1))
    assert main(["factcheck", "--file", str(big)]) == 2
    err = capsys.readouterr().err
    assert err.count("is over 1 MiB; check it in parts") == 2
    done = factcheck("-", stdin="x" * (2**20 + 1))
    assert done.returncode == 2 and "standard input is over 1 MiB" in done.stderr


def test_a_utf16_draft_is_read_and_a_latin1_one_refused(tmp_path, capsys):
    """Word's and Notepad's "Unicode" (UTF-16 with a byte-order mark) was read as garbage and
    passed with exit 0; a Latin-1 file passed too. Now: read, or refused with a reason."""
    assert main(["factcheck", "--today", "2026-11-29", GAO]) == 1
    expected = capsys.readouterr().out
    utf16 = tmp_path / "draft-utf16.txt"
    utf16.write_bytes(GAO.encode("utf-16"))  # with its byte-order mark
    assert main(["factcheck", "--today", "2026-11-29", "--file", str(utf16)]) == 1
    assert capsys.readouterr().out == expected
    latin1 = tmp_path / "draft-latin1.txt"
    latin1.write_bytes("Soumaïla Cissé won 76.16% of the vote.".encode("latin-1"))
    assert main(["factcheck", "--file", str(latin1)]) == 2
    assert "is not UTF-8 text" in capsys.readouterr().err
