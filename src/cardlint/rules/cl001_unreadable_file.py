from cardlint.rules import Rule, RuleDoc
from cardlint.rules._checks import loader_problems

RULE = Rule(
    code="CL001",
    name="unreadable-file",
    summary="The file cannot be read as a UTF-8 text card.",
    doc=RuleDoc(
        what="Files that cannot be read or decoded: not UTF-8 (UTF-16, Latin-1 bytes, NUL bytes), "
        "not a regular file (a FIFO, device or socket), or larger than the size limit.",
        why="Nothing else can be checked in a card that cannot be read, and a file that is not "
        "UTF-8 text shows up garbled in editors, diffs and the published site.",
        example="A card saved as UTF-16 by an editor: `cards/clip.md:1:1: CL001 file is "
        "UTF-16-encoded; cards must be UTF-8`.",
        fix="Save the card as UTF-8 (with or without a BOM). Remove NUL bytes. Replace special "
        "files with regular ones. Split cards over the size limit, or raise `max-file-size`.",
    ),
    check=loader_problems("unreadable-file"),
)
