"""`cardlint lsp`: the real server in a subprocess, driven by pygls's language client over stdio.

The cards are Chinese and may hold emoji: LSP counts characters in UTF-16 code units, where a
character outside the BMP takes two, so every position after one is asserted exactly.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from cardlint.lsp.features import diagnostic
from cardlint.lsp.positions import DocumentText
from cardlint.lsp.slots import reference_slot
from cardlint.model import Position, Severity, Violation
from tests.conftest import NO_NETWORK

TIMEOUT = 30.0
EMOJI = "🖼️"  # U+1F5BC (two UTF-16 units) and U+FE0F (one): two code points, three units
ORIGINAL_RELATED = (
    "related_concepts: [contrastive-learning, vision-language, unified-embedding, "
    "vision-transformer, multimodal-models]"
)
RELATED = f'related_concepts: ["{EMOJI}-art", contrastive-learning, gpt4v, vision-language]'


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Client(LanguageClient):
    """Records what the server sends on its own: diagnostics, messages, registrations."""

    def __init__(self) -> None:
        super().__init__("cardlint-tests", "1")
        self.published: list[types.PublishDiagnosticsParams] = []
        self.messages: list[str] = []
        self.registrations: list[types.Registration] = []
        self.returncode: int | None = None

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]  # pygls's client
        def diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published.append(params)

        @self.feature(types.WINDOW_SHOW_MESSAGE)  # type: ignore[untyped-decorator]  # pygls's client
        def message(params: types.ShowMessageParams) -> None:
            self.messages.append(params.message)

        @self.feature(types.CLIENT_REGISTER_CAPABILITY)  # type: ignore[untyped-decorator]  # pygls's client
        def register(params: types.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

    async def server_exit(self, server: asyncio.subprocess.Process) -> None:
        self.returncode = server.returncode

    async def until(self, condition: Callable[[], object], what: str) -> None:
        async def poll() -> None:
            while not condition():
                await asyncio.sleep(0.02)

        try:
            await asyncio.wait_for(poll(), TIMEOUT)
        except asyncio.TimeoutError:
            published = [(p.version, [d.code for d in p.diagnostics]) for p in self.published]
            pytest.fail(f"no {what} within {TIMEOUT} s; published: {published}")

    async def diagnostics(
        self, version: int, wanted: Callable[[list[types.Diagnostic]], bool] = lambda d: True
    ) -> list[types.Diagnostic]:
        """The first diagnostics published for `version` that are `wanted`, after any seen."""
        seen = len(self.published)

        def found() -> types.PublishDiagnosticsParams | None:
            return next(
                (
                    p
                    for p in self.published[seen:]
                    if p.version == version and wanted(list(p.diagnostics))
                ),
                None,
            )

        await self.until(found, f"wanted diagnostics for version {version}")
        params = found()
        assert params is not None
        return sorted(params.diagnostics, key=lambda d: (d.range.start.line, str(d.code)))


def _range(line: int, start: int, end: int) -> types.Range:
    return types.Range(types.Position(line, start), types.Position(line, end))


def _change(
    uri: str, version: int, where: types.Range, text: str
) -> types.DidChangeTextDocumentParams:
    return types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(version, uri),
        [types.TextDocumentContentChangePartial(where, text)],
    )


@pytest.fixture
def lsp_corpus(corpus: Path) -> Path:
    # An id with an emoji in it: planned (known-ids) and exempt from the id pattern (CL104), so
    # the related_concepts line's only problem is `gpt4v`, which comes after an astral character.
    (corpus / "cardlint.toml").write_text(
        f'today = "2026-11-29"\nknown-ids = ["{EMOJI}-art"]\nignore = ["CL104"]\n',
        encoding="utf-8",
    )
    return corpus


def test_the_server_over_stdio(lsp_corpus: Path) -> None:
    asyncio.run(asyncio.wait_for(_session(lsp_corpus), 4 * TIMEOUT))


async def _session(root: Path) -> None:
    card = root / "cards" / "clip.md"
    uri = card.as_uri()
    on_disk = card.read_text(encoding="utf-8")
    assert ORIGINAL_RELATED in on_disk and "## 优势与局限\n" in on_disk
    # Unsaved text: a dangling reference after an emoji, and a required section removed.
    text = on_disk.replace(ORIGINAL_RELATED, RELATED).replace("## 优势与局限\n", "")
    lines = text.split("\n")
    related, references = lines.index(RELATED), lines.index("## 参考资料")

    client = Client()
    environment = {**os.environ, **NO_NETWORK}
    await client.start_io(sys.executable, "-m", "cardlint.lsp", cwd=root, env=environment)
    try:
        await _conversation(client, root, uri, text, related, references)
    finally:
        process = client._server
        if process is not None and process.returncode is None:
            process.kill()
            await process.wait()
    assert client.returncode == 0
    assert client.messages == []


async def _conversation(
    client: Client, root: Path, uri: str, text: str, related: int, references: int
) -> None:
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True
            )
        )
    )
    initialized = await client.initialize_async(
        types.InitializeParams(
            capabilities=capabilities,
            process_id=os.getpid(),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(root.as_uri(), "corpus")],
        )
    )
    assert initialized.capabilities.position_encoding == types.PositionEncodingKind.Utf16
    client.initialized(types.InitializedParams())
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
    )

    # 1. Both problems, at UTF-16 positions: `gpt4v` is code point 51 but UTF-16 unit 52.
    dangling, missing = await client.diagnostics(1)
    assert RELATED.index("gpt4v") == 51 and utf16(RELATED[:51]) == 52
    assert (dangling.code, dangling.range) == ("CL301", _range(related, 52, 57))
    assert dangling.severity == types.DiagnosticSeverity.Error
    assert dangling.source == "cardlint"
    assert dangling.message == (
        "related_concepts: 'gpt4v' is not the id of any card\nhint: did you mean 'gpt-4v'?"
    )
    assert (missing.code, missing.range) == ("CL203", _range(references, 0, len("## 参考资料")))
    assert missing.message.startswith("missing section '优势与局限'")
    await client.until(lambda: client.registrations, "registration")
    # The client is asked to report changes to cards and configuration made outside it.
    assert client.registrations[0].register_options == {
        "watchers": [
            {"globPattern": "**/*.md"},
            {"globPattern": "**/cardlint.toml"},
            {"globPattern": "**/pyproject.toml"},
        ]
    }

    # 2. The unsafe quick fix for the dangling reference, as a UTF-16 edit; applying it leaves
    # only the missing section.
    actions = await _actions(client, uri, dangling)
    assert [a.title for a in actions] == ["CL301: replace with 'gpt-4v' (unsafe)"]
    assert actions[0].is_preferred is False
    assert actions[0].edit is not None and actions[0].edit.changes is not None
    (edit,) = actions[0].edit.changes[uri]
    assert isinstance(edit, types.TextEdit)
    assert (edit.range, edit.new_text) == (_range(related, 52, 57), "gpt-4v")
    client.text_document_did_change(_change(uri, 2, edit.range, edit.new_text))
    (remaining,) = await client.diagnostics(2)
    assert remaining.code == "CL203"

    # 3. The missing section's fix inserts its heading before the next section.
    actions = await _actions(client, uri, remaining)
    assert [a.title for a in actions] == ["CL203: insert `## 优势与局限` (unsafe)"]
    assert actions[0].edit is not None and actions[0].edit.changes is not None
    (insert,) = actions[0].edit.changes[uri]
    assert (insert.range, insert.new_text) == (_range(references, 0, 0), "## 优势与局限\n\n")

    # 4. Completion in a flow list: the ids starting with what is typed, named.
    fixed = RELATED.replace("gpt4v", "gpt-4v")
    typed = fixed.index("vision-language") + len("vi")
    items = await _complete(client, uri, related, utf16(fixed[:typed]))
    assert [(i.label, i.detail) for i in items] == [
        ("vision-language", "视觉-语言模型 / Vision-Language Models"),
        ("vision-transformer", "视觉Transformer / Vision Transformer"),
    ]
    start = utf16(fixed[: fixed.index("vision-language")])
    assert items[0].text_edit == types.TextEdit(
        _range(related, start, start + len("vision-language")), "vision-language"
    )

    # 5. Go to definition: from an id in the list to its card's id line.
    at = utf16(fixed[: fixed.index("contrastive-learning")]) + 3
    found = await client.text_document_definition_async(
        types.DefinitionParams(types.TextDocumentIdentifier(uri), types.Position(related, at))
    )
    assert found == [
        types.Location((root / "cards" / "contrastive-learning.md").as_uri(), _range(1, 0, 0))
    ]

    # 6. Completion in a block list, while the YAML is half typed; the card's own id is left out.
    block = "related_concepts:\n  - gpt-4v\n  - c"
    client.text_document_did_change(_change(uri, 3, _range(related, 0, utf16(fixed)), block))
    items = await _complete(client, uri, related + 2, len("  - c"))
    assert [i.label for i in items] == ["contrastive-learning", "cross-modal-learning"]

    # 7. A card that appears on disk answers a dangling reference once the client says so.
    client.text_document_did_change(_change(uri, 4, _range(related + 2, 4, 5), "new-idea"))
    await client.diagnostics(4, lambda found: any("'new-idea'" in d.message for d in found))
    new_card = root / "cards" / "new-idea.md"
    new_card.write_text("---\nconcept_id: new-idea\n---\n", encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(new_card.as_uri(), types.FileChangeType.Created)]
        )
    )
    after = await client.diagnostics(4, lambda found: all(d.code != "CL301" for d in found))
    assert [d.code for d in after] == ["CL203"]

    await client.shutdown_async(None)
    client.exit(None)
    await client.until(lambda: client.returncode is not None, "exit")


async def _actions(client: Client, uri: str, about: types.Diagnostic) -> list[types.CodeAction]:
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri), about.range, types.CodeActionContext([about])
        )
    )
    return [a for a in found or [] if isinstance(a, types.CodeAction)]


async def _complete(
    client: Client, uri: str, line: int, character: int
) -> list[types.CompletionItem]:
    found = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(uri), types.Position(line, character))
    )
    assert isinstance(found, types.CompletionList)
    return list(found.items)


def test_without_pygls_the_command_says_what_to_install(tmp_path: Path) -> None:
    hide_pygls = (
        "import runpy, sys; sys.modules['pygls'] = None; "
        "runpy.run_module('cardlint.lsp', run_name='__main__')"
    )
    done = subprocess.run(
        [sys.executable, "-c", hide_pygls],
        cwd=tmp_path,
        env={**os.environ, **NO_NETWORK},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "cardlint lsp needs pygls: install cardlint[lsp]\n"


# The pieces, without a client.


def test_positions_count_utf16_units_and_keep_the_bom_and_line_endings() -> None:
    document = DocumentText.of(f"\ufeff# {EMOJI} 标题\r\nx{EMOJI}y\r\n")
    assert document.lines == (f"# {EMOJI} 标题", f"x{EMOJI}y", "")
    assert document.newline == "\r\n"
    # Line 1 carries the BOM the client counts; after the emoji every column is one unit more.
    assert document.to_client(Position(1, 1)) == types.Position(0, 1)
    assert document.to_client(Position(1, 6)) == types.Position(0, 7)
    assert document.to_client(Position(2, 4)) == types.Position(1, 4)
    assert document.to_client(Position(2, 99)) == types.Position(1, 5)
    assert document.from_client(types.Position(1, 4)) == Position(2, 4)
    assert document.from_client(types.Position(1, 2)) == Position(2, 2)  # inside the pair
    assert document.from_client(types.Position(9, 0)) == Position(3, 1)
    utf32 = DocumentText.of(f"x{EMOJI}y", "utf-32")
    assert utf32.to_client(Position(1, 4)) == types.Position(0, 3)
    utf8 = DocumentText.of("\ufeffa中b", "utf-8")  # the BOM is three bytes, 中 three more
    assert utf8.to_client(Position(1, 3)) == types.Position(0, 7)
    assert utf8.from_client(types.Position(0, 7)) == Position(1, 3)


@pytest.mark.parametrize(
    "lines, at, expected",
    [
        (["---", "related_concepts: [clip, gp"], Position(2, 28), ("gp", 26, 28)),
        (["---", "related_concepts: [clip, gp]", "---"], Position(2, 23), ("clip", 20, 24)),
        (["---", "related_concepts: [", "  clip, gp"], Position(3, 11), ("gp", 9, 11)),
        (["---", "related_concepts:", "# note", "  - cl"], Position(4, 7), ("cl", 5, 7)),
        (["---", "related_concepts:", "- 'cl'"], Position(3, 5), ("cl", 4, 6)),
    ],
)
def test_the_slot_is_the_id_around_the_cursor(
    lines: list[str], at: Position, expected: tuple[str, int, int]
) -> None:
    slot = reference_slot(lines, at, ["related_concepts"])
    assert slot is not None
    assert (slot.text, slot.start.column, slot.end.column) == expected


@pytest.mark.parametrize(
    "line, column, expected",
    [
        ("requires: 27", 13, ("27", 11, 13)),  # one id
        ("requires: 2718, 29", 19, ("29", 17, 19)),  # ids in one string
        ('requires: "2718; 29"', 20, ("29", 18, 20)),  # the schema's delimiter, quoted
    ],
)
def test_the_slot_may_be_the_fields_one_id_or_one_of_its_delimited_ids(
    line: str, column: int, expected: tuple[str, int, int]
) -> None:
    slot = reference_slot(["---", line], Position(2, column), ["requires"], ";")
    assert slot is not None
    assert (slot.text, slot.start.column, slot.end.column) == expected


@pytest.mark.parametrize(
    "lines, at",
    [
        (["---", "related_concepts: [clip]"], Position(2, 10)),  # in the key
        (["---", "related_concepts: [clip]", "---"], Position(2, 25)),  # after the list
        (["---", "paper: [clip"], Position(2, 12)),  # not a reference field
        (["---", "related_concepts: [a]", "---", "- cl"], Position(4, 5)),  # in the body
        (["related_concepts: [cl"], Position(1, 22)),  # no front matter
        (["---", "related_concepts: x", "  - cl"], Position(3, 7)),  # not a block list
        (["---", "related_concepts:", "  - cl  # note"], Position(3, 14)),  # in a comment
        (["---", "related_concepts:", "  -"], Position(3, 4)),  # no space after the dash yet
        (["---", "related_concepts: 12  # note"], Position(2, 28)),  # in a comment
        (["---", "related_concepts: {a: b}"], Position(2, 21)),  # a mapping
    ],
)
def test_no_slot_outside_reference_items(lines: list[str], at: Position) -> None:
    assert reference_slot(lines, at, ["related_concepts"]) is None


@pytest.mark.parametrize(
    "line, column, in_yaml, expected",
    [
        ('paper: "CLIP (Radford, 2021)"  # x', 8, True, (7, 29)),
        ("related_concepts: [a, bb, c]", 23, True, (22, 24)),
        ("catgory: vision  # typo", 1, True, (0, 7)),
        ("related_concepts: [a, [b, c]]", 23, True, (22, 28)),
        ("## 为什么重要？  ", 1, False, (0, 9)),
        ("见 [12] 与 2027-01-01", 3, False, (2, 6)),
        ("见 [12] 与 2027-01-01", 10, False, (9, 19)),
        ("中文", 2, False, (1, 2)),
    ],
)
def test_a_diagnostic_spans_the_token_it_points_at(
    line: str, column: int, in_yaml: bool, expected: tuple[int, int]
) -> None:
    found = Violation("c.md", 2, column, "CL999", "x", Severity.WARNING, "m", "h")
    document = DocumentText.of(f"---\n{line}\n---\n")
    shown = diagnostic(found, document, 3 if in_yaml else 0)
    assert shown.range == _range(1, *expected)
    assert shown.severity == types.DiagnosticSeverity.Warning
    assert shown.message == "m\nhint: h"


def test_a_diagnostic_past_the_text_spans_the_line_break() -> None:
    found = Violation("c.md", 2, 3, "CL999", "x", Severity.ERROR, "m")
    shown = diagnostic(found, DocumentText.of("---\nab\n---"), 0)
    assert shown.range == types.Range(types.Position(1, 2), types.Position(2, 0))
    last = diagnostic(found, DocumentText.of("---\nab"), 0)
    assert last.range == _range(1, 2, 2)
