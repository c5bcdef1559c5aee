"""The Neovim set-ups of docs/editors.md, as written there, in the real `nvim --headless`.

Each `lua` block of the Neovim section is run when the installed Neovim is at least the
release the paragraph before it names, against the real `cardlint lsp`, on a small corpus
with a dangling reference; the diagnostics Neovim then holds are read back. The form for
Neovim 0.7 runs on every Neovim there is (Debian 12 ships 0.7.2; `.ci/run` installs it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NO_NETWORK, REPO, cardlint_command, run_cli
from tests.small_corpus import write_small_corpus

EDITORS = REPO / "docs" / "editors.md"

# Opens the card as a user would, waits for the server's diagnostics (or for its end, should
# it stop) and writes them down.
PROBE = """
vim.cmd("filetype on")
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("CARDLINT_CARD")))
local seen = false
vim.wait(60000, function()
  local client = vim.lsp.get_client_by_id(1)  -- the first client started: the snippet's
  seen = seen or client ~= nil
  return #vim.diagnostic.get(0) > 0 or (seen and client == nil)
end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(found, { lnum = d.lnum, col = d.col, code = d.code, source = d.source,
                        severity = d.severity, message = d.message })
end
vim.fn.writefile({ vim.fn.json_encode(found) }, os.getenv("CARDLINT_OUT"))
vim.cmd("qall!")
"""


@dataclass(frozen=True)
class Snippet:
    since: tuple[int, int]
    """The Neovim release the documentation says the snippet needs."""
    lua: str


def neovim_snippets() -> list[Snippet]:
    text = EDITORS.read_text(encoding="utf-8")
    section = text[text.index("\n## Neovim\n") :]
    section = section[: section.index("\n## ", 1)]
    snippets = []
    for lead, lua in re.findall(r"((?:(?!```).)*?)```lua\n(.*?)```", section, flags=re.S):
        paragraph = lead.strip().split("\n\n")[-1]
        release = re.match(r"Neovim (\d+)\.(\d+)", paragraph)
        assert release is not None, f"no Neovim release named before:\n{lua}"
        snippets.append(Snippet((int(release[1]), int(release[2])), lua))
    return snippets


def _installed_neovim() -> tuple[int, int] | None:
    if shutil.which("nvim") is None:
        return None
    first = subprocess.run(
        ["nvim", "--version"], capture_output=True, text=True, check=True, timeout=30
    ).stdout.splitlines()[0]
    found = re.match(r"NVIM v(\d+)\.(\d+)", first)
    assert found is not None, first
    return int(found[1]), int(found[2])


def test_the_neovim_section_has_a_form_for_0_7_as_debian_12_ships() -> None:
    by_release = {s.since: s.lua for s in neovim_snippets()}
    assert (0, 7) in by_release
    old = by_release[(0, 7)]
    assert "vim.lsp.start_client(" in old and "vim.lsp.buf_attach_client(" in old
    assert 'nvim_create_autocmd("FileType"' in old and 'pattern = "markdown"' in old
    # What 0.7 lacks must not be in its form.
    assert not re.search(r"vim\.lsp\.start\(|vim\.fs\.|vim\.lsp\.config|vim\.uv\.", old)


@pytest.mark.slow
@pytest.mark.parametrize(
    "snippet", neovim_snippets(), ids=lambda s: "neovim-{}.{}".format(*s.since)
)
def test_the_documented_neovim_form_shows_a_dangling_reference(
    snippet: Snippet, tmp_path: Path
) -> None:
    installed = _installed_neovim()
    if installed is None:
        pytest.skip("nvim is not installed (apt-get install neovim)")
    if installed < snippet.since:
        pytest.skip("needs Neovim {}.{}".format(*snippet.since))
    pytest.importorskip("pygls", reason="cardlint lsp needs the lsp extra")
    script = cardlint_command()
    if len(script) != 1:
        pytest.skip("no `cardlint` script to put on the PATH the snippet runs it from")
    corpus = write_small_corpus(tmp_path / "corpus")
    card = corpus / "cards" / "a.md"
    checked = run_cli("check", "--format", "json", "cards/a.md", cwd=corpus).json()
    expected = [(v["line"] - 1, v["column"] - 1, v["code"]) for v in checked["violations"]]
    assert [code for *_, code in expected] == ["CL301"]

    found = _diagnostics_in_neovim(snippet.lua, card, Path(script[0]).parent, tmp_path)

    assert [(d["lnum"], d["col"], d["code"]) for d in found] == expected
    [diagnostic] = found
    assert diagnostic["source"] == "cardlint"
    assert diagnostic["severity"] == 1  # vim.diagnostic.severity.ERROR
    assert "ghost" in diagnostic["message"]


def _diagnostics_in_neovim(lua: str, card: Path, bin_dir: Path, tmp: Path) -> list[Any]:
    (tmp / "init.lua").write_text(lua, encoding="utf-8")
    (tmp / "probe.lua").write_text(PROBE, encoding="utf-8")
    out = tmp / "diagnostics.json"
    home = tmp / "home"
    env = {
        **os.environ,
        **NO_NETWORK,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),
        "CARDLINT_CARD": str(card),
        "CARDLINT_OUT": str(out),
        # Neither the user's configuration nor their plugins: the snippet alone.
        **{f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("CONFIG", "DATA", "STATE")},
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    command = ["nvim", "--headless", "-n", "-i", "NONE", "-u", str(tmp / "init.lua")]
    done = subprocess.run(
        [*command, "-c", f"luafile {tmp / 'probe.lua'}"],
        cwd=card.parent.parent,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    logs = "".join(p.read_text(errors="replace") for p in home.rglob("lsp.log"))
    assert out.is_file(), f"nvim exited {done.returncode}: {done.stderr}\n{logs}"
    found = json.loads(out.read_text(encoding="utf-8"))
    assert found, f"no diagnostic: {done.stderr}\n{logs}"
    assert isinstance(found, list)
    return found
