import bisect
import re
from collections.abc import Iterator

from cardlint.load.card import Card
from cardlint.load.markdown import Body
from cardlint.model import Finding, Position
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import quote

_FENCE_LINE = re.compile(r"( *)(`{3,}|~{3,})(.*)")


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    body = card.body
    if body is None:
        return
    for line in body.unclosed_fences:
        run = _FENCE_LINE.match(card.line_text(line))
        opening = run.group(2) if run else "```"
        reopened = body.code_blocks[-1][0]  # the block that runs to the end
        if line == reopened:
            message = "code fence is never closed; it runs to the end of the card"
            hint = _near_miss(card, line, opening)
            hint = hint or f"close the fence with a line {quote(opening)} where the code ends"
        else:
            # Left open in mid-card: each later fence then pairs with the wrong one.
            closer = _block_end(body, line) - 1
            flipped = f"and from line {reopened} on the card reads as code"
            if all(not card.line_text(n).strip() for n in range(line + 1, closer)):
                message = f"this fence and the one on line {closer} make an empty code block, "
                hint = "remove this fence line, or close the block it opens"
            else:
                message = f"code fence is never closed: the fence on line {closer} closes it, "
                hint = f"add a line {quote(opening)} where this code ends"
            message += flipped
        yield Finding(Position(line, 1), message, hint)


def _block_end(body: Body, line: int) -> int:
    """The line after the code block that starts on `line`."""
    return body.code_blocks[bisect.bisect_left(body.code_blocks, (line, 0))][1]


def _near_miss(card: Card, line: int, opening: str) -> str | None:
    """A hint about the first line after the fence that looks like its closer but is not.

    A fence with an info string inside the block opens an example of a fenced block (a
    shorter run shown inside a longer one): its own closer is no near miss."""
    inner = ""
    for number in range(line + 1, card.last_line + 1):
        m = _FENCE_LINE.match(card.line_text(number))
        if m is None:
            continue
        indent, run, rest = m.groups()
        bare = not rest.strip(" \t")
        if inner:
            if bare and run[0] == inner[0] and len(run) >= len(inner):
                inner = ""
        elif not bare:
            inner = run
        elif run[0] != opening[0]:
            kind, wanted = _name(run), _name(opening)
            return f"line {number} uses {kind}: a fence opened with {wanted} closes with them too"
        elif len(run) < len(opening):
            return f"line {number} has {len(run)} {_name(run)}: make it {quote(opening)}, as opened"
        elif len(indent) >= 4:
            return f"line {number} is indented 4 spaces or more; a closing fence, 3 at most"
    return None


def _name(run: str) -> str:
    return "backticks" if run[0] == "`" else "tildes"


RULE = Rule(
    code="CL207",
    name="unclosed-fence",
    summary="A fenced code block is never closed.",
    doc=RuleDoc(
        what="A ``` or ~~~ fence with no closing fence: CommonMark then treats the rest of the "
        "card as code. A fence left open in mid-card makes the next block's opening fence close "
        "it and that block's closing fence open a block that runs to the end; the fence "
        "reported is then the one missing its closer, judged by the section headings that "
        "read as code after it.",
        why="Every heading after the fence disappears into the code block, so sections seem "
        "missing and the page renders as one grey box.",
        example="````markdown\n```\n输入: 文本\n\n## 为什么重要？\n````",
        fix="Add the closing fence (the same character, at least as many times) where the code "
        "ends; the hint names a line that looks like a closing fence but is not one.",
    ),
    check=check,
)
