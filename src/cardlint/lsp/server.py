"""The language server: pygls handlers over the lint results of the open documents."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls import uris
from pygls.capabilities import get_capability
from pygls.exceptions import FeatureNotificationError
from pygls.lsp.server import LanguageServer

from cardlint import __version__
from cardlint.errors import UsageError
from cardlint.lsp import features
from cardlint.lsp.positions import UTF16, DocumentText
from cardlint.lsp.projects import Linted, Project, Projects
from cardlint.lsp.slots import Slot, reference_slot
from cardlint.model import Position
from cardlint.schema.card_schema import CardSchema

DEBOUNCE = 0.3
"""Seconds without a change before a document is linted: not on every keystroke."""
CONFIG_FILES = frozenset({"cardlint.toml", "pyproject.toml"})
WATCHED = ("**/*.md", *(f"**/{name}" for name in sorted(CONFIG_FILES)))


@dataclass(frozen=True)
class Open:
    """An open document's last lint: valid while the client's version is the same."""

    version: int | None
    project: Project
    document: DocumentText
    linted: Linted


class CardServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("cardlint", __version__)
        self.projects = Projects()
        self.results: dict[str, Open] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.shown: set[str] = set()
        self.shut_down = False

    def publish_later(self, uri: str) -> None:
        self.cancel(uri)
        later = asyncio.get_running_loop().call_later(DEBOUNCE, self.publish_from_timer, uri)
        self.pending[uri] = later

    def publish_from_timer(self, uri: str) -> None:
        """`publish`, reporting an error to the client as pygls does for handlers: a timer's
        error would otherwise reach only the server's log."""
        try:
            self.publish(uri)
        except Exception as error:
            self.report_server_error(error, FeatureNotificationError)

    def publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if uri not in self.workspace.text_documents:
            return  # closed before its turn came
        current = self.lint(uri)
        found = features.diagnostics(current.linted, current.document) if current else []
        version = self.workspace.get_text_document(uri).version
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, found, version))

    def cancel(self, uri: str) -> None:
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()

    def lint(self, uri: str) -> Open | None:
        """The document's lint for its current text; None when it is not a card of a project."""
        path = uris.to_fs_path(uri)
        if path is None:
            return None  # an unsaved buffer: it belongs to no project yet
        document = self.workspace.get_text_document(uri)
        last = self.results.get(uri)
        if last is not None and last.version == document.version:
            return last
        try:
            project = self.projects.of(Path(path), self.folders())
        except UsageError as error:
            self.show(str(error))
            return None
        own = project.card_path(Path(path))
        if own is None:
            return None
        text = document.source
        encoding = self.workspace.position_encoding or UTF16
        current = Open(
            document.version, project, DocumentText.of(text, encoding), project.lint(own, text)
        )
        self.results[uri] = current
        return current

    def on_disk(self, take: Callable[[], None]) -> None:
        """Take changes on disk into the projects, then lint every open document again:
        a card's cross-card results depend on the others."""
        try:
            take()
        except UsageError as error:
            self.show(str(error))
        self.results.clear()
        for uri in list(self.workspace.text_documents):
            self.cancel(uri)
            self.publish(uri)

    def files_changed(self, changes: list[types.FileEvent]) -> None:
        for change in changes:
            path = uris.to_fs_path(change.uri)
            if path is None:
                continue
            if Path(path).name in CONFIG_FILES:
                self.projects.forget()
                self.shown.clear()  # a configuration error may be back, or new
            elif change.type == types.FileChangeType.Deleted:
                self.projects.removed(Path(path))
            else:
                self.projects.changed(Path(path), self.folders())

    def slot(self, uri: str, position: types.Position) -> tuple[Open, Slot, Position] | None:
        """The reference-field item at `position`, with the document's lint."""
        current = self.lint(uri)
        if current is None:
            return None
        at = current.document.from_client(position)
        ext = self.schema_of(current).extension
        delimiters = "".join(r.delimiter or "" for r in ext.reference_fields)
        found = reference_slot(current.document.lines, at, ext.reference_names, delimiters)
        return (current, found, at) if found is not None else None

    def schema_of(self, current: Open) -> CardSchema:
        """The schema of the open card's type."""
        return current.linted.index.schema_of(current.linted.card.file, current.project.job.schema)

    def show(self, message: str) -> None:
        """Show a configuration or schema error once, not on every keystroke."""
        if message not in self.shown:
            self.shown.add(message)
            self.window_show_message(
                types.ShowMessageParams(types.MessageType.Error, f"cardlint: {message}")
            )

    def folders(self) -> list[Path]:
        found = [uris.to_fs_path(f.uri) for f in self.workspace.folders.values()]
        found.append(self.workspace.root_path)
        return [Path(f) for f in found if f]


def create_server() -> CardServer:
    server = CardServer()

    @server.feature(types.INITIALIZED)
    def initialized(params: types.InitializedParams) -> None:
        watch = "workspace.did_change_watched_files.dynamic_registration"
        if not get_capability(server.client_capabilities, watch, False):
            return  # saves of open cards still refresh the index
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=p) for p in WATCHED]
        )
        registration = types.Registration(
            "cardlint-files", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options
        )
        server.client_register_capability(types.RegistrationParams([registration]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        server.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        server.publish_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        path = uris.to_fs_path(params.text_document.uri)
        if path is not None:
            server.on_disk(lambda: server.projects.changed(Path(path), server.folders()))

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        server.cancel(uri)
        server.results.pop(uri, None)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        server.on_disk(lambda: server.files_changed(list(params.changes)))

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["[", ",", " "])
    )
    def completion(params: types.CompletionParams) -> types.CompletionList | None:
        found = server.slot(params.text_document.uri, params.position)
        if found is None:
            return None
        current, slot, at = found
        index = current.linted.index
        own = index.by_path.get(current.linted.card.file)
        fields = server.schema_of(current).extension.reference_fields
        kinds = next((f.types for f in fields if f.field == slot.field), None)
        items = features.completion_items(
            slot, at, index, own.id if own else None, current.document, kinds
        )
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(params: types.DefinitionParams) -> list[types.Location] | None:
        found = server.slot(params.text_document.uri, params.position)
        if found is None or not found[1].text:
            return None
        return features.definitions(found[1], found[0].linted.index) or None

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        only = params.context.only
        if only and not any(types.CodeActionKind.QuickFix.startswith(k) for k in only):
            return None
        current = server.lint(params.text_document.uri)
        if current is None:
            return None
        return features.quick_fixes(
            params.text_document.uri, current.linted, current.document, params.range
        )

    @server.feature(types.SHUTDOWN)
    def shutdown(params: None) -> None:
        server.shut_down = True

    return server


def serve() -> None:
    """Serve one client over standard input and output until it says exit."""
    server = create_server()
    server.start_io()
    # LSP: exit status 0 only when the client asked for shutdown before exit.
    sys.exit(0 if server.shut_down else 1)
