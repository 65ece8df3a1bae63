"""Replies say "as of September 2018", show a fact's note, list the primary source first, and give
a plain text to paste (no mrkdwn markers) with its citation. Facts come from the real loader."""

from __future__ import annotations

import datetime as dt
import json

from bot.cli import main
from bot.facts.load import load_store
from bot.search.index import SearchIndex
from bot.slack.blocks import render_fact, render_shared_fact
from bot.slack.plaintext import blocks_to_text
from tests.test_source_quality import FACT

TODAY = dt.date(2018, 10, 1)


def rendered(tmp_path):
    """The private reply and the shared post of the month-precision fact, from its YAML."""
    (tmp_path / "f.yaml").write_text(FACT)
    store = load_store(tmp_path, today=TODAY).store
    matches = SearchIndex.build(store).search("ceiling", limit=1)
    fact = matches[0].record
    return render_fact(store, matches, 0, "ceiling", TODAY), render_shared_fact(
        store, fact, "U0USER01", TODAY
    )


def test_month_precision_reads_as_the_month(tmp_path):
    for blocks, text in rendered(tmp_path):
        shown = blocks_to_text(blocks)
        assert "As of September 2018" in shown and "30 Sep 2018" not in shown
        assert "as of September 2018" in text


def test_note_sits_under_the_statement(tmp_path):
    (blocks, _), _ = rendered(tmp_path)
    texts = [
        b.get("text", {}).get("text") or b.get("elements", [{}])[0].get("text") for b in blocks
    ]
    statement = texts.index("The ceiling was *13,289* military.")
    assert texts[statement + 1] == "Confirmed by resolution 2423."


def test_primary_source_first(tmp_path):
    (blocks, _), _ = rendered(tmp_path)
    line = next(t for t in blocks_to_text(blocks).splitlines() if "Sources:" in t)
    assert line.strip().startswith(
        "Sources: Resolution 2423 (2018) (https://undocs.org/S/RES/2423(2018))"
    )
    assert line.index("Wire report") < line.index("Encyclopaedia entry")


def test_fallback_is_plain_text_with_the_citation(tmp_path):
    for _, text in rendered(tmp_path):
        assert "*" not in text and "_" not in text
        assert text.startswith("The ceiling was 13,289 military. (as of September 2018).")
        assert text.endswith(
            "Source: Resolution 2423 (2018) (UN Security Council, 28 Jun 2018) "
            "https://undocs.org/S/RES/2423(2018)"
        )


def test_search_json_gives_the_precision_kind_and_note(tmp_path, capsys):
    (tmp_path / "f.yaml").write_text(FACT)
    assert main(["search", "--json", "--facts", str(tmp_path), "ceiling"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert (result["as_of"], result["as_of_precision"]) == ("2018-09", "month")
    assert result["note"] == "Confirmed by resolution 2423."
    assert result["sources"][0] == {
        "title": "Resolution 2423 (2018)",
        "url": "https://undocs.org/S/RES/2423(2018)",
        "kind": "primary",
        "symbol": "S/RES/2423 (2018)",
    }


def test_console_copy_prints_the_plain_text(tmp_path, capsys):
    (tmp_path / "f.yaml").write_text(FACT)
    args = ["console", "--facts", str(tmp_path), "--command", "/fact ceiling", "--command", "copy"]
    assert main(args) == 0
    copied = capsys.readouterr().out.split("> copy\n", 1)[1]
    # Past its review date by now: the warning sits above the text, never inside what is pasted.
    warning, pasted = copied.split("\n")[:2]
    assert warning.startswith("⚠️ *Past its review date*")
    assert pasted.startswith("The ceiling was 13,289 military. (as of September 2018).")
    assert "https://undocs.org/S/RES/2423(2018)" in copied
