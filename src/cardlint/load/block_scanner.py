"""A line-oriented CommonMark block scanner that reads a card body as markdown-it-py does.

It reports what cardlint's rules use: top-level headings, the first line of each top-level
content block, top-level fences and HTML comments left open, and the line range of every
code block at any depth. It follows the block phase of markdown-it-py's commonmark preset,
quirks included (its nesting limit, its choices on lazy lines and on which list items
interrupt what), so that what counts as a heading does not change with the parser;
tests/test_markdown_scanner.py keeps the markdown-it code this replaced as its oracle.

Two layers. At the top level a line is its own view, so headings, paragraphs, fences, breaks
and lists whose items are each a paragraph of text are read straight from the lines (such a
list by one regular expression). The rest (quotes, HTML, reference definitions, indented
code, other lists) goes to the full machinery, which works as markdown-it does: each line
has a view (its text from where its content starts inside the open containers) and an
indent in columns, rewritten in place while a container is open and restored after it.
"""

from __future__ import annotations

import re
from itertools import repeat
from operator import sub

MAX_DEPTH = 20
"""markdown-it's maxNesting: content nested this deep is skipped, and a list item that
reaches it swallows the rest of its parent."""

TRIM = (
    "\t\n\x0b\x0c\r \xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)
"""What markdown-it trims from heading text and reference labels (JavaScript's trim, less
U+FEFF)."""

# What can start a block that interrupts a paragraph: a fast reject for ordinary prose lines.
_STARTERS = frozenset("`~>*-_+0123456789<#")
_SPECIAL = _STARTERS | {"["}  # what may start anything but a paragraph
_PARAGRAPH, _QUOTE, _LIST = 0, 1, 2  # whose end is being tested; each allows other starters
_FENCE = re.compile(r"`{3,}|~{3,}")
_MARKER = re.compile(r"(?:[*+-]|([0-9]{1,9})[.)])(?=[ \t]|\Z)")
_ATX = re.compile(r"#{1,6}(?=[ \t]|\Z)")
_BLOCK_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    "noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|tr|track|ul"
)
_ATTRIBUTE = (
    r"\s+[a-zA-Z_:][a-zA-Z0-9:._-]*"
    r"""(?:\s*=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*"))?"""
)
# The seven HTML block kinds of the spec, tried in order; kinds 6 and 7 end at a blank line.
_HTML_KINDS = (
    (re.compile(r"<(?ai:script|pre|style|textarea)(?=[\s>]|\Z)"), 1),
    (re.compile(r"<!--"), 2),
    (re.compile(r"<\?"), 3),
    (re.compile(r"<![A-Za-z]"), 4),
    (re.compile(r"<!\[CDATA\["), 5),
    (re.compile(rf"</?(?ai:{_BLOCK_NAMES})(?=[\s>]|/>|\Z)"), 6),
    (
        re.compile(
            rf"(?:<[A-Za-z][A-Za-z0-9-]*(?:{_ATTRIBUTE})*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)\s*\Z"
        ),
        7,
    ),
)
_RAW_END = re.compile(r"</(?ai:script|pre|style|textarea)>")
_HTML_END = {2: "-->", 3: "?>", 4: ">", 5: "]]>"}
_LABEL_SPECIAL = re.compile(r"[\[\]\\\n]")

# A run of list items that are each a paragraph of text, read in one go at the top level.
# Text here is what can start no block but a paragraph: a plain first character, or
# emphasis, code or digits that cannot be a break, fence or list marker.
_TEXT = r"\*{1,2}[^ \t\n*]|_{1,2}[^ \t\n_]|`[^`\n]|[0-9]{1,9}[^0-9.)\n]"
_LEAD = rf"(?:[^ \t\n`~>*\-_+0-9<#\[]|{_TEXT})"  # starts a paragraph
_CONT = rf"(?:[^ \t\n`~>*\-_+0-9<#=]|{_TEXT})"  # goes on with one, whatever its indent
_ITEM_TEXT = rf"{_LEAD}[^\n]*(?:\n|\Z)(?:[ \t]*{_CONT}[^\n]*(?:\n|\Z))*"
_LIST_RUN = re.compile(
    rf"""(?P<indent>\ {{0,3}})(?P<mark1>[*+-]|[0-9]{{1,9}}(?P<delim>[.)]))(?P<pad1>\ {{1,4}})
    {_ITEM_TEXT}
    (?:(?:[ \t]*\n)*(?P=indent)(?P<mark2>(?(delim)[0-9]{{1,9}}(?P=delim)|(?P=mark1)))
       (?P<pad2>\ {{1,4}}){_ITEM_TEXT})*""",
    re.VERBOSE,
)
_BLANKS = re.compile(r"(?:[ \t]*\n)+")
_CHECK = _STARTERS | {"=", " ", "\t"}  # what a paragraph line must start with to end it


class Scan:
    """The block structure of `text`; line numbers are 0-based."""

    def __init__(self, text: str, lines: list[str] | None = None) -> None:
        """`lines`: `text` split at each LF, when the caller has them already."""
        self.headings: list[tuple[int, str, int, int]] = []  # level, inline text, line, column
        self.content: list[int] = []
        self.fences: list[tuple[int, int, str]] = []  # top-level: start, end, opening run
        self.open_comments: list[int] = []  # top-level HTML comments with no `-->`
        self.code: list[tuple[int, int]] = []
        self.text = text
        self.raw = raw = text.split("\n") if lines is None else lines
        # markdown-it ignores a final line of blanks that has no newline after it.
        self.count = len(raw) - (not raw[-1].strip(" \t"))
        # A line's view is its text from where its content starts inside the open
        # containers; ind is how many columns that content is indented (markdown-it's
        # sCount, -1 on a quote's lazy line); both are rewritten while a container is open.
        # They are built only when a block needs more than the fast top-level patterns.
        self.views: list[str] = []
        self.ind: list[int] = []
        self.bs: list[int] = []  # column where a quote moved the view to, for tab stops
        self._known = (0, 0)  # a line and its offset in the text
        self.blk = 0  # the indent that content of the current list item must reach
        self.list_ind = -1  # the blk of the innermost list, -1 outside lists
        self.line_max = self.count  # how far paragraphs may run; a quote may lower it
        self._top()

    def _top(self) -> None:
        """Read the top-level blocks. There every view is the line itself, so the common
        blocks are read straight from the text; the rest go to the full machinery."""
        raw, count = self.raw, self.count
        line = 0
        while line < count:
            v = raw[line]
            if not v:
                line += 1
                continue
            c, ind = v[0], 0
            if c == " " or c == "\t":
                s, v = v, v.lstrip(" \t")
                if not v:
                    line += 1
                    continue
                ind = _columns(s[: len(s) - len(v)], 0, 0)
                if ind >= 4:
                    line = self._fallback(line)
                    continue
                c = v[0]
            if c not in _SPECIAL:
                line = self._top_paragraph(line, ind)
            elif (
                c == "#"
                and (level := len(v) - len(v.lstrip("#"))) <= 6
                and (v[level : level + 1] in ("", " ", "\t"))
            ):
                rest = v[level:]
                # Most headings have no closing sequence and no trailing blanks.
                text = rest.strip(TRIM) if rest[-1:] not in "# \t" else _atx_text(rest)
                self.headings.append((level, text, line, ind + 1))
                line += 1
            elif c in "`~" and (m := _FENCE.match(v)) and not (c == "`" and "`" in v[m.end() :]):
                line = self._top_fence(line, m.group())
            elif c in "*-_" and _is_hr(v):
                line += 1
            elif c in "*-+0123456789" and _MARKER.match(v):
                line = self._top_list(line)
            elif c in ">[" or (c == "<" and _html_kind(v)):
                line = self._fallback(line)
            else:
                line = self._top_paragraph(line, ind)

    def _top_paragraph(self, start: int, indent: int) -> int:
        """The paragraph, or setext heading, that starts on top-level line `start`."""
        raw, count = self.raw, self.count
        line = start + 1
        while line < count:
            v = raw[line]
            if not v:
                break
            c = v[0]
            if c in _CHECK:
                ind = 0
                if c == " " or c == "\t":
                    s, v = v, v.lstrip(" \t")
                    if not v:
                        break
                    ind = _columns(s[: len(s) - len(v)], 0, 0)
                    c = v[0]
                if ind <= 3 and (c in _STARTERS or c == "="):
                    if c in "=-" and not v.rstrip(" \t").strip(c):
                        text = "\n".join(raw[start:line]).strip(TRIM)
                        self.headings.append((1 if c == "=" else 2, text, start, indent + 1))
                        return line + 1
                    if self._interrupts(v, ind, _PARAGRAPH):
                        break
            line += 1
        self.content.append(start)
        return line

    def _top_fence(self, start: int, run: str) -> int:
        """The top-level fence that `run` opens on line `start`."""
        raw, count, marker = self.raw, self.count, run[0]
        line = start + 1
        while line < count:
            t = raw[line]
            if marker in t[:4]:  # a closing fence is indented by three spaces at most
                t = t.lstrip(" ")
                if len(raw[line]) - len(t) < 4 and t.startswith(run):
                    t = t.rstrip(" \t")
                    if not t.strip(marker):
                        line += 1
                        break
            line += 1
        self.code.append((start, line))
        self.content.append(start)
        self.fences.append((start, line, run))
        return line

    def _top_list(self, start: int) -> int:
        """The top-level list that starts on line `start`. A run of items that are each a
        paragraph of text is read by one pattern when what follows it plainly ends the list
        (rather than going on with an item or adding one the pattern did not take)."""
        text, count = self.text, self.count
        pos = self._offset(start)
        m = _LIST_RUN.match(text, pos)
        if m is None:
            return self._fallback(start)
        end = count if m.end() >= len(text) else start + text.count("\n", pos, m.end())
        if end < count:
            blanks = _BLANKS.match(text, m.end())
            if blanks is None:
                return self._fallback(start)  # a line other than text right after an item
            line = end + text.count("\n", m.end(), blanks.end())
            if line < count:
                s = self.raw[line]
                v = s.lstrip(" \t")
                ind = _columns(s[: len(s) - len(v)], 0, 0)
                if ind >= 2:  # an item's content is indented by two columns at least
                    last = "2" if m.group("pad2") is not None else "1"
                    blk = len(m.group("indent")) + len(m.group("mark" + last))
                    if ind >= blk + len(m.group("pad" + last)):
                        return self._fallback(start)  # more of the last item
                item = _MARKER.match(v) if ind < 4 else None
                if item and item.group()[-1] == m.group("mark1")[-1] and not _is_hr(v):
                    return self._fallback(start)  # another item
        self.content.append(start)
        return end

    def _offset(self, line: int) -> int:
        """Where `line` starts in the text; asked for in increasing order, mostly."""
        if line < self._known[0]:
            self._known = (0, 0)
        known, pos = self._known
        pos += sum(map(len, self.raw[known:line])) + line - known
        self._known = (line, pos)
        return min(pos, len(self.text))

    def _fallback(self, line: int) -> int:
        """Read the block at top-level `line` with the full machinery."""
        if not self.views:
            lines = self.raw[: self.count]
            self.views = views = list(map(str.lstrip, lines, repeat(" \t", self.count)))
            self.ind = ind = list(map(sub, map(len, lines), map(len, views)))
            if "\t" in self.text:
                for i, s in enumerate(lines):
                    if "\t" in s[: ind[i]]:
                        ind[i] = _columns(s[: ind[i]], 0, 0)
            views.append("")  # a blank sentinel spares bounds checks one line past the end
            ind.append(0)
            self.bs = [0] * (self.count + 1)
        return self._block(line, self.count, 0)

    def _tokenize(self, line: int, hi: int, depth: int) -> int:
        """Read the blocks of lines [line, hi) at `depth`; return where reading stopped."""
        views, ind, blk, line_max = self.views, self.ind, self.blk, self.line_max
        while line < hi:
            while line < line_max and not views[line]:
                line += 1
            if line >= hi or ind[line] < blk:
                return line
            if depth >= MAX_DEPTH:
                return hi
            if views[line][0] in _SPECIAL or ind[line] - blk >= 4:
                line = self._block(line, hi, depth)
            else:
                line = self._paragraph(line, hi, depth)
            if line < hi and not views[line]:
                line += 1
        return line

    def _block(self, line: int, hi: int, depth: int) -> int:
        """Read the block that starts on `line`; return the line after it."""
        v = self.views[line]
        c = v[0]
        if self.ind[line] - self.blk >= 4:
            return self._code(line, hi, depth)
        if c == "#" and (m := _ATX.match(v)):
            if depth == 0:
                self.headings.append((m.end(), _atx_text(v[m.end() :]), line, self.ind[line] + 1))
            return line + 1
        if c in "`~" and (end := self._fence(line, hi, depth)):
            return end
        if c == ">":
            return self._quote(line, hi, depth)
        if c in "*-_" and _is_hr(v):
            return line + 1
        if c in "*-+0123456789" and (end := self._list(line, hi, depth)):
            return end
        if c == "[" and (after := self._reference(line)):
            return after
        if c == "<" and (end := self._html(line, hi, depth)):
            return end
        return self._paragraph(line, hi, depth)

    def _code(self, start: int, hi: int, depth: int) -> int:
        """Indented code: it ends before the blank lines that follow its last line."""
        views, ind, blk = self.views, self.ind, self.blk
        last = line = start + 1
        while line < hi:
            if views[line]:
                if ind[line] - blk < 4:
                    break
                last = line + 1
            line += 1
        self.code.append((start, last))
        if depth == 0:
            self.content.append(start)
        return last

    def _fence(self, start: int, hi: int, depth: int) -> int:
        """A fence, or 0 if line `start` opens none."""
        v = self.views[start]
        m = _FENCE.match(v)
        if m is None or (v[0] == "`" and "`" in v[m.end() :]):
            return 0
        views, ind, blk = self.views, self.ind, self.blk
        run, marker, line = m.end(), v[0], start + 1
        while line < hi:
            t = views[line]
            if not t:
                if line == len(self.raw) - 1:
                    break  # markdown-it stops at the very end of the text here
            elif ind[line] < blk:
                break  # a list item's fence ends where the item does
            elif t[0] == marker and ind[line] - blk < 4:
                t = t.rstrip(" \t")
                if len(t) >= run and not t.strip(marker):
                    line += 1  # the closing fence
                    break
            line += 1
        self.code.append((start, line))
        if depth == 0:
            self.content.append(start)
            self.fences.append((start, line, v[:run]))
        return line

    def _quote(self, start: int, hi: int, depth: int) -> int:
        """A block quote: its lines are found first, then read as a document of their own."""
        views, ind = self.views, self.ind
        saved: list[tuple[int, str, int, int]] = []
        empty = self._enter_quote(start, saved)
        old_max, line = self.line_max, start + 1
        while line < hi:
            t = views[line]
            if not t:
                break
            if t[0] == ">" and ind[line] >= self.blk:
                empty = self._enter_quote(line, saved)
            elif empty:
                break
            elif self._interrupts(t, ind[line], _QUOTE):
                # The quote's paragraphs must not run on past the block that ended it.
                self.line_max = line
                break
            else:
                saved.append((line, t, ind[line], self.bs[line]))
                ind[line] = -1  # a lazy continuation line, as markdown-it marks it
            line += 1
        if depth == 0:
            self.content.append(start)
        old_blk, self.blk = self.blk, 0
        end = self._tokenize(start, line, depth + 1)
        self.blk, self.line_max = old_blk, old_max
        for i, view, indent, bs in saved:
            views[i], ind[i], self.bs[i] = view, indent, bs
        return end

    def _enter_quote(self, i: int, saved: list[tuple[int, str, int, int]]) -> bool:
        """Move line `i`'s view past its `>`; tell whether nothing follows it."""
        v, indent, bs = self.views[i], self.ind[i], self.bs[i]
        saved.append((i, v, indent, bs))
        pos, col, shift, space = 1, indent + 1, 0, 0
        initial = col
        if v[1:2] in (" ", "\t"):
            space = 1
            # The optional space after `>` may be one column of a tab.
            if v[1] == " " or (bs + col) % 4 == 3:
                pos, initial, col = 2, initial + 1, col + 1
            else:
                shift = 1
        rest = v[pos:]
        content = rest.lstrip(" \t")
        col = _columns(rest[: len(rest) - len(content)], col, bs + shift)
        self.views[i], self.ind[i], self.bs[i] = content, col - initial, indent + 1 + space
        return not content

    def _list(self, start: int, hi: int, depth: int) -> int:
        """A list, or 0 if line `start` begins none; each item is read up to where its
        content stops being indented enough (or lazy), then the next marker is looked for."""
        m = self._marker(self.views[start], self.ind[start])
        if m is None:
            return 0
        views, ind, outer_blk, outer_list = self.views, self.ind, self.blk, self.list_ind
        kind = m.group()[-1]
        if depth == 0:
            self.content.append(start)
        line = start
        self.list_ind = outer_blk
        while True:
            v, after = views[line], m.end()
            col = initial = ind[line] + after
            rest = v[after:]
            content = rest.lstrip(" \t")
            col = _columns(rest[: len(rest) - len(content)], col, self.bs[line])
            pad = col - initial if content else 1
            self.blk = blk = initial + (pad if pad <= 4 else 1)
            views[line], ind[line] = content, col
            if not content and not views[line + 1]:
                end = min(line + 2, hi)  # an empty item then a blank line ends the list
            elif content and content[0] not in _SPECIAL and col - blk < 4 and depth + 2 < MAX_DEPTH:
                # Most items are a line of text: skip straight to its paragraph.
                end = self._paragraph(line, hi, depth + 2)
                if end < hi and (not views[end] or ind[end] >= blk):
                    end = self._tokenize(end, hi, depth + 2)
            else:
                end = self._tokenize(line, hi, depth + 2)
            views[line], ind[line] = v, initial - after
            self.blk = outer_blk
            line = end
            if line >= hi:
                break
            t = views[line]
            if not t or ind[line] < outer_blk or ind[line] - outer_blk >= 4:
                break
            c = t[0]
            if c in "`~>" and self._interrupts(t, ind[line], _LIST):
                break
            if c in "*-_" and _is_hr(t):
                break
            m = _MARKER.match(t)
            if m is None or m.group()[-1] != kind:
                break
        self.list_ind = outer_list
        return line

    def _marker(self, v: str, ind: int, interrupting: bool = False) -> re.Match[str] | None:
        """The marker of a list item that may start on a line (view `v`, indent `ind`)."""
        if self.list_ind >= 0 and ind - self.list_ind >= 4 and ind < self.blk:
            return None  # too deep for a sibling item, too shallow for a child: continuation
        m = _MARKER.match(v)
        if m is not None and interrupting and ind >= self.blk:
            # Only a non-empty item, and an ordered one only from 1, interrupts a paragraph.
            if m.group(1) is not None and int(m.group(1)) != 1:
                return None
            if not v[m.end() :].strip(" \t"):
                return None
        return m

    def _reference(self, start: int) -> int | None:
        """The line after the link reference definition at `start`, or None.

        markdown-it joins the definition's lines as it reads on; this walks them one at a
        time (`t` is the current line with its newline), so that a label or title left
        open over many lines costs no more than reading them."""
        t, line = self._joined(start), start + 1

        def next_line() -> bool:
            nonlocal t, line
            extra = self._continuation(line)
            if extra is not None:
                t, line = extra, line + 1
            return extra is not None

        # The label: up to the first unescaped "]", without "[", and not only blanks.
        pos = first = 1
        blank = True
        while (m := _LABEL_SPECIAL.search(t, pos)) is not None and t[m.start()] != "]":
            pos = m.start()
            if t[pos] == "[":
                return None
            if t[pos] == "\\" and not t.startswith("\n", pos + 1):
                pos += 2
                continue
            blank = blank and not t[first:].strip(TRIM)
            if not next_line():
                return None
            pos = first = 0
        if m is None:
            return None
        pos = m.start()
        if not t.startswith(":", pos + 1) or (blank and not t[first:pos].strip(TRIM)):
            return None
        pos = _skip_blanks(t, pos + 2)
        while t.startswith("\n", pos):
            if not next_line():
                return None
            pos = _skip_blanks(t, 0)
        dest = _destination(t, pos)
        if dest is None or not _valid_destination(dest[1]):
            return None
        dest_t, dest_end, dest_line = t, dest[0], line
        # An optional title, after at least one blank, may run over several lines.
        pos = _skip_blanks(t, dest_end)
        apart = pos > dest_end
        while t.startswith("\n", pos):
            apart = next_line()
            pos = _skip_blanks(t, 0) if apart else len(t)
        title_end, title_text = -1, False
        if apart and pos < len(t) and t[pos] in "\"'(":
            close, scan = ")" if t[pos] == "(" else t[pos], pos + 1
            while True:
                if scan >= len(t):
                    if not next_line():
                        break
                    scan, title_text = 0, True
                    continue
                if t[scan] == close:
                    title_end, title_text = scan + 1, title_text or scan > pos + 1
                    break
                if t[scan] == "(" and close == ")":
                    break
                scan += 2 if t[scan] == "\\" and scan + 1 < len(t) else 1
        if title_end >= 0:
            pos = _skip_blanks(t, title_end)
            if _ends_line(t, pos) or not title_text:
                return line if _ends_line(t, pos) else None
        # No title, or something after it: the definition may still end at its destination.
        pos = _skip_blanks(dest_t, dest_end)
        return dest_line if _ends_line(dest_t, pos) else None

    def _joined(self, i: int) -> str:
        """Line `i`'s view with the newline after it, if there is one."""
        return self.views[i] + ("\n" if i < len(self.raw) - 1 else "")

    def _continuation(self, i: int) -> str | None:
        """Line `i` if a reference definition may run on into it (markdown-it's getNextLine)."""
        if i >= self.line_max or not self.views[i]:
            return None
        lazy = self.ind[i] - self.blk >= 4 or self.ind[i] < 0
        if not lazy and self._interrupts(self.views[i], self.ind[i], _QUOTE):
            return None
        return self._joined(i)

    def _html(self, start: int, hi: int, depth: int) -> int:
        """An HTML block, or 0 if line `start` begins none."""
        v = self.views[start]
        kind = _html_kind(v)
        if not kind:
            return 0
        line = start + 1
        ended = _html_ends(kind, v)
        if not ended:
            while line < hi:
                t = self.views[line]
                if (kind >= 6 or t) and self.ind[line] < self.blk:
                    break
                if kind >= 6 and not t:
                    break
                line += 1
                if kind < 6 and _html_ends(kind, t):
                    ended = True
                    break
        if depth == 0:
            if kind == 2 and not ended:  # at the top level it runs to the end of the text
                self.open_comments.append(start)
            if not _only_comment("\n".join(self.raw[start:line])):
                self.content.append(start)
        return line

    def _paragraph(self, start: int, hi: int, depth: int) -> int:
        """A paragraph, or a setext heading if an underline ends it (markdown-it's lheading)."""
        views, ind, blk = self.views, self.ind, self.blk
        line, line_max = start + 1, self.line_max
        while line < line_max:
            t = views[line]
            if not t:
                break
            c = t[0]
            if (c in _STARTERS or c == "=") and ind[line] - blk <= 3:
                if c in "=-" and ind[line] >= blk and line < hi and not t.rstrip(" \t").strip(c):
                    if depth == 0:
                        text = "\n".join(self.raw[start:line]).strip(TRIM)
                        level = 1 if c == "=" else 2
                        self.headings.append((level, text, start, ind[start] + 1))
                    return line + 1
                if ind[line] >= 0 and self._interrupts(t, ind[line], _PARAGRAPH):
                    break
            line += 1
        if depth == 0:
            self.content.append(start)
        return line

    def _interrupts(self, v: str, ind: int, ending: int) -> bool:
        """Whether a line (view `v`, indent `ind`) starts a block that ends the paragraph,
        quote or list before it."""
        if not v or ind - self.blk >= 4:
            return False
        c = v[0]
        if c in "`~":
            m = _FENCE.match(v)
            return m is not None and not (c == "`" and "`" in v[m.end() :])
        if c == ">" or (c in "*-_" and _is_hr(v)):
            return True
        if ending == _LIST:
            return False
        if c in "*-+0123456789":
            return self._marker(v, ind, ending == _PARAGRAPH) is not None
        if c == "<":
            return _html_kind(v) not in (0, 7)
        return c == "#" and _ATX.match(v) is not None


def _columns(blanks: str, col: int, base: int) -> int:
    """The column after `blanks` (spaces and tabs) starting at `col`; tab stops are 4 apart."""
    if "\t" not in blanks:
        return col + len(blanks)
    for ch in blanks:
        col += 4 - (col + base) % 4 if ch == "\t" else 1
    return col


def _is_hr(v: str) -> bool:
    """A thematic break: three or more of one of `*-_`, and blanks."""
    return v.count(v[0]) >= 3 and not v.replace(v[0], "").strip(" \t")


def _atx_text(rest: str) -> str:
    """An ATX heading's text from what follows its opening `#`s."""
    rest = rest.rstrip(" \t")
    body = rest.rstrip("#")
    if body[-1:] in (" ", "\t"):
        rest = body  # a closing sequence counts only after a space
    return rest.strip(TRIM)


def _html_kind(text: str) -> int:
    for pattern, kind in _HTML_KINDS:
        if pattern.match(text):
            return kind
    return 0


def _html_ends(kind: int, text: str) -> bool:
    if kind == 1:
        return _RAW_END.search(text) is not None
    return kind < 6 and _HTML_END[kind] in text


def _only_comment(text: str) -> bool:
    """An HTML block of nothing but a comment says nothing a reader sees."""
    text = text.strip()
    return len(text) >= 7 and text.startswith("<!--") and text.endswith("-->")


def _destination(buf: str, pos: int) -> tuple[int, str] | None:
    """The end and text of a link destination at `pos` (markdown-it's rules)."""
    if buf.startswith("<", pos):
        scan = pos + 1
        while scan < len(buf):
            ch = buf[scan]
            if ch in "\n<":
                return None
            if ch == ">":
                return scan + 1, buf[pos + 1 : scan]
            scan += 2 if ch == "\\" and scan + 1 < len(buf) else 1
        return None
    scan, depth = pos, 0
    while scan < len(buf):
        ch = buf[scan]
        if ch == " " or ch < " " or ch == "\x7f":
            break
        if ch == "\\" and scan + 1 < len(buf):
            if buf[scan + 1] == " ":
                break
            scan += 2
            continue
        if ch == "(":
            depth += 1
            if depth > 32:
                return None
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        scan += 1
    if scan == pos or depth:
        return None
    return scan, buf[pos:scan]


def _valid_destination(destination: str) -> bool:
    # markdown-it's own link checks, loaded only by the rare card with a link definition.
    from markdown_it.common.normalize_url import normalizeLink, validateLink
    from markdown_it.common.utils import unescapeAll

    return bool(validateLink(normalizeLink(unescapeAll(destination))))


def _skip_blanks(buf: str, pos: int) -> int:
    while pos < len(buf) and buf[pos] in " \t":
        pos += 1
    return pos


def _ends_line(buf: str, pos: int) -> bool:
    return pos >= len(buf) or buf[pos] == "\n"
