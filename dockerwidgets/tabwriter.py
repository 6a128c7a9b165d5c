"""Go's ``text/tabwriter`` as docker/cli's formatter uses it: the alignment of ``--format 'table …'`` output.

The CLI writes a table template's header and rows into ``tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)``:
tab-terminated cells in contiguous lines form a column (elastic tabstops), padded with
spaces to the widest cell plus 3, at least 10 wide; the last cell of a line is not aligned.
Widths count display cells (East Asian wide characters are 2), as the CLI's fork does.
"""

from __future__ import annotations

from .humanize import display_width

MIN_WIDTH = 10
PADDING = 3


def tabwrite(text: str, min_width: int = MIN_WIDTH, padding: int = PADDING) -> str:
    """*text* with its tab-terminated cells aligned, as the CLI's tabwriter flushes it."""
    lines = [line.split("\t") for line in text.split("\n")]
    cell_widths = [[display_width(cell) for cell in line] for line in lines]
    out: list[str] = []

    def write_lines(first: int, end: int, widths: list[int]) -> None:
        for index in range(first, end):
            for column, cell in enumerate(lines[index]):
                out.append(cell)
                if column < len(widths):
                    out.append(" " * (widths[column] - cell_widths[index][column]))
            if index + 1 < len(lines):
                out.append("\n")

    def format_block(first: int, end: int, widths: list[int]) -> None:
        column = len(widths)
        this = first
        while this < end:
            if column >= len(lines[this]) - 1:
                this += 1
                continue
            write_lines(first, this, widths)  # lines before the block
            first = this
            width = min_width
            while this < end and column < len(lines[this]) - 1:
                width = max(width, cell_widths[this][column] + padding)
                this += 1
            format_block(first, this, [*widths, width])
            first = this
        write_lines(first, end, widths)

    format_block(0, len(lines), [])
    return "".join(out)
