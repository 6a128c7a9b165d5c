"""dockerwidgets.cliformat, the CLI's --format kinds; its tabwriter against cases of Go's own tabwriter_test.go."""

from __future__ import annotations

import pytest

from dockerwidgets.cliformat import failed_while_running, final_template, is_table, write_rows
from dockerwidgets.gotemplate import FormatterContext, TemplateError
from dockerwidgets.tabwriter import tabwrite


@pytest.mark.parametrize(
    ("name", "min_width", "padding", "pad_char", "source", "expected"),
    [
        ("1a", 8, 1, ".", "", ""),
        ("2", 8, 1, ".", "\n\n\n", "\n\n\n"),
        ("3", 8, 1, ".", "a\nb\nc", "a\nb\nc"),
        ("5", 8, 1, ".", "*\t*", "*.......*"),
        ("5b", 8, 1, ".", "*\t*\n", "*.......*\n"),
        ("6", 8, 1, ".", "\t\n", "........\n"),
        ("7a", 8, 1, ".", "a) foo", "a) foo"),
        ("7b", 8, 1, " ", "b) foo\tbar", "b) foo  bar"),
        ("7d", 8, 1, ".", "d) foo\tbar\n", "d) foo..bar\n"),
        ("7e", 8, 1, ".", "e) foo\tbar\t\n", "e) foo..bar.....\n"),
        ("8", 8, 1, "*", "Hello, world!\n", "Hello, world!\n"),
        ("9a", 1, 0, ".", "1\t2\t3\t4\n11\t222\t3333\t44444\n", "1.2..3...4\n11222333344444\n"),
        ("10a", 5, 0, ".", "1\t2\t3\t4\n", "1....2....3....4\n"),
        ("10b", 5, 0, ".", "1\t2\t3\t4\t\n", "1....2....3....4....\n"),
        ("12b", 2, 0, " ", "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n", "a  b  c\naa bbbcccc\naaabbbb\n"),
        (
            "13b",
            4,
            3,
            ".",
            "4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n"
            "1\t1\t999999999\t0000000000\n",
            "4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n"
            "666666...666666...666666......4444\n1........1........999999999...0000000000\n",
        ),
        ("15a", 4, 0, ".", "a\t\tb", "a.......b"),
    ],
)
def test_tabwriter_aligns_as_go_does(name, min_width, padding, pad_char, source, expected):
    """Go's cases (its pad character made a space, as the CLI's), but for an unterminated last line's empty cell."""
    assert tabwrite(source, min_width, padding) == expected.replace(pad_char, " "), name


def test_wide_characters_take_two_cells_as_in_the_clis_fork_of_tabwriter():
    # Go's case "11", counted in display cells (Go's own tabwriter counts runes)
    source = "本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n"
    assert tabwrite(source, 8, 1) == "本      b       c\naa      本本本  cccc    ddddd\naaa     bbbb\n"


def test_the_clis_table_settings_pad_three_with_a_minimum_of_ten():
    assert tabwrite("TYPE\tTOTAL\nLocal Volumes\t2\n") == "TYPE            TOTAL\nLocal Volumes   2\n"


@pytest.mark.parametrize(
    ("format", "template", "table"),
    [
        ("table {{.A}}\\t{{.B}}", "{{.A}}\t{{.B}}", True),
        ("table", "", True),
        ("json", "{{json .}}", False),
        ("  {{.A}}\\n{{.B}}  ", "{{.A}}\n{{.B}}", False),
    ],
)
def test_formats_become_the_template_the_cli_runs(format, template, table):
    assert final_template(format) == template
    assert is_table(format) is table


ROWS = [FormatterContext("*t", {"B": "1", "A": "x"}), FormatterContext("*t", {"A": "longer", "B": "2>2"})]


def test_a_table_format_heads_its_rows_with_the_headers_and_aligns_them():
    text = write_rows("table {{.A}}\\t{{upper .B}}", ROWS, {"A": "AYE", "B": "BEE"})
    assert text == "AYE       BEE\nx         1\nlonger    2>2\n"


def test_a_custom_format_is_one_line_per_row_and_json_one_object_per_row():
    assert write_rows("{{.A}}={{.B}}", ROWS, {}) == "x=1\nlonger=2>2\n"
    # a formatter context marshals as json.Marshal of a map: keys sorted, < > & escaped
    assert write_rows("json", ROWS, {}) == '{"A":"x","B":"1"}\n{"A":"longer","B":"2\\u003e2"}\n'


def test_a_field_the_row_lacks_is_the_clis_error():
    with pytest.raises(TemplateError) as caught:
        write_rows("{{.C}}", ROWS, {})
    assert str(caught.value) == (
        'template parsing error: template: :1:2: executing "" at <.C>: can\'t evaluate field C in type *t'
    )
    assert failed_while_running(caught.value)


def test_a_template_that_does_not_parse_says_so():
    with pytest.raises(TemplateError) as caught:
        write_rows("{{.A", ROWS, {})
    assert str(caught.value) == "template parsing error: template: :1: unclosed action"
    assert not failed_while_running(caught.value)
