"""Rewriting a heading in place, and what to say about one that misses its section."""

from __future__ import annotations

from typing import NamedTuple

from cardlint.facts.near_miss import Closeness, NearMiss
from cardlint.load.card import Card
from cardlint.load.markdown import Heading, plain_text
from cardlint.model import Edit, Finding, Fix, Position
from cardlint.text import quote


class Rewrite(NamedTuple):
    edits: tuple[Edit, ...]
    lossless: bool
    """False when the heading's own markup (emphasis, code, a comment) goes with the rewrite."""


def rewrite(card: Card, heading: Heading, text: str, level: int) -> Rewrite | None:
    """Edits that make `heading` read `text` as an H`level`, or None where none can: a
    heading over several lines, a level a setext heading cannot take, or a text that would
    not read as itself."""
    if card.source is None or plain_text(text) != text or "\n" in text or "\r" in text:
        return None
    number = heading.line
    line = card.source.lines[number - 1]
    atx = atx_text(line)
    if atx is not None:
        start, written = atx
        lossless = text == heading.text or written == heading.text
        indent = len(line) - len(line.lstrip(" "))
        run = Position(number, indent + 1 + heading.level)
        if text == heading.text:  # the level alone: the text keeps its markup
            return Rewrite((Edit(Position(number, indent + 1), run, "#" * level),), True)
        end = Position(number, start + 1 + len(written))
        marker = "#" * level + line[indent + heading.level : start]
        return Rewrite((Edit(Position(number, indent + 1), end, marker + text),), lossless)
    if line.strip() != heading.text or level > 2:
        return None  # over several lines or with markup, or a level setext cannot take
    edits = []
    if text != heading.text:
        start = len(line) - len(line.lstrip(" "))
        end = Position(number, len(line.rstrip()) + 1)
        edits.append(Edit(Position(number, start + 1), end, text))
    if level != heading.level:
        underline = card.line_text(number + 1)
        rule = ("=" if level == 1 else "-") * max(3, len(underline.strip()))
        edits.append(Edit(Position(number + 1, 1), Position(number + 1, len(underline) + 1), rule))
    return Rewrite(tuple(edits), True)


def atx_text(line: str) -> tuple[int, str] | None:
    """Where an ATX heading line's text starts, and the text: the line less its opening run
    of `#`, an optional closing run and the blanks around them. Scanned, not matched: a
    pattern for it backtracks quadratically on a long run of blanks."""
    rest = line.lstrip(" ")
    level = len(rest) - len(rest.lstrip("#"))
    if (
        len(line) - len(rest) > 3
        or not 1 <= level <= 6
        or rest[level : level + 1] not in (" ", "\t")
    ):
        return None
    text = rest[level:].lstrip(" \t")
    start = len(line) - len(text)
    text = text.rstrip(" \t")
    unclosed = text.rstrip("#")
    if unclosed != text and unclosed[-1:] in ("", " ", "\t"):
        text = unclosed.rstrip(" \t")
    return (start, text) if text else None  # nothing but a closing run: nothing to rewrite


def near_miss_finding(card: Card, near: NearMiss) -> Finding:
    """The one finding for a heading that misses its required section: at the heading, with
    the heading it should be."""
    heading = near.heading
    complete = near.template.complete(card.data)
    # A heading right but for its level keeps its text: CL208 judges its form.
    wanted = heading.text if near.closeness is Closeness.SAME else near.template.render(card.data)
    marker = "#" * near.level
    if heading.level == near.level:
        message = f"heading {quote(heading.text)} should read {quote(wanted)}"
    else:
        written = "#" * heading.level + " " + heading.text
        message = f"heading {quote(written)} should read {quote(f'{marker} {wanted}')}"
    hint = f"write the required section's heading as `{marker} {wanted}`"
    if near.suspects:
        names = " and ".join(near.suspects)
        hint += f"; or, if the heading names the concept rightly, correct {names}"
    edit = rewrite(card, heading, wanted, near.level) if complete else None
    fix = None
    if edit is not None:
        safe = edit.lossless and near.closeness <= Closeness.FORM
        fix = Fix(f"write the heading as '{marker} {wanted}'", edit.edits, safe)
    return Finding(Position(heading.line, heading.column), message, hint, fix)
