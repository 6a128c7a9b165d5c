"""The terminal model: demultiplexing, scrollback, carriage returns, escapes, detach keys."""

from __future__ import annotations

import struct

import pytest

from dockerwidgets.terminal import Demultiplexer, Screen, parse_detach_keys


def frame(kind: int, payload: bytes) -> bytes:
    return struct.pack(">BxxxL", kind, len(payload)) + payload


def test_demultiplexer_across_arbitrary_reads():
    data = frame(1, b"hello ") + frame(2, b"oops\n") + frame(1, b"world\n" * 1000)
    for step in (1, 3, 7, 8, 9, 4096):
        demux = Demultiplexer()
        frames = []
        for start in range(0, len(data), step):
            frames += demux.feed(data[start : start + step])
        assert frames == [("stdout", b"hello "), ("stderr", b"oops\n"), ("stdout", b"world\n" * 1000)]
        assert demux.pending == 0


def test_screen_lines_and_streams():
    screen = Screen()
    screen.feed("stdout", "one\ntw")
    screen.feed("stderr", "o!\n")
    screen.feed("stdout", "three")
    assert screen.text == "one\ntwo!\nthree"
    assert screen.outputs() == (
        {"output_type": "stream", "name": "stdout", "text": "one\ntw"},
        {"output_type": "stream", "name": "stderr", "text": "o!\n"},
        {"output_type": "stream", "name": "stdout", "text": "three"},
    )


def test_carriage_return_redraws_the_line_even_across_reads():
    screen = Screen()
    screen.feed("stdout", "progress 10%\rprogress 50%")
    assert screen.text == "progress 50%"
    screen.feed("stdout", "\r")
    screen.feed("stdout", "progress 100%\r\ndone\r\n")
    assert screen.text == "progress 100%\ndone\n"
    screen.feed("stdout", "a\r")
    screen.feed("stdout", "\nb")
    assert screen.text == "progress 100%\ndone\na\nb"


def test_scrollback_is_bounded_whatever_the_chunk():
    screen = Screen(scrollback=5)
    screen.feed("stdout", "".join(f"line {i}\n" for i in range(100_000)))
    assert screen.text == "".join(f"line {i}\n" for i in range(99_995, 100_000))
    assert screen.line_count <= 5
    for i in range(20):
        screen.feed("stdout", f"more {i}\n")
    assert screen.text.splitlines() == [f"more {i}" for i in range(15, 20)]


def test_a_line_of_both_streams_scrolls_away_whole():
    screen = Screen(scrollback=2)
    screen.feed("stdout", "a")
    screen.feed("stderr", "b\n")
    screen.feed("stdout", "c\nd\n")
    assert screen.text == "c\nd\n"
    screen.feed("stdout", "e")
    assert screen.text == "d\ne"
    assert screen.outputs() == ({"output_type": "stream", "name": "stdout", "text": "d\ne"},)


def test_escapes_colour_kept_others_dropped_even_when_split():
    screen = Screen()
    screen.feed("stdout", "/ # \x1b[6n")
    assert screen.text == "/ # "
    screen.feed("stdout", "\x1b[1;3")
    screen.feed("stdout", "2mred\x1b[0m \x1b]0;title\x07ok\x1b[K")
    assert screen.outputs()[-1]["text"] == "/ # \x1b[1;32mred\x1b[0m ok"
    assert screen.text == "/ # red ok"


def test_backspace_erases():
    screen = Screen()
    screen.feed("stdout", "lsx")
    screen.feed("stdout", "\b \b\n")
    assert screen.text == "ls\n"


@pytest.mark.parametrize(
    ("spec", "keys"),
    [("ctrl-p,ctrl-q", b"\x10\x11"), ("ctrl-a,x", b"\x01x"), ("ctrl-@,ctrl-_", b"\x00\x1f"), ("ctrl-\\", b"\x1c")],
)
def test_detach_keys(spec, keys):
    assert parse_detach_keys(spec) == keys


@pytest.mark.parametrize("spec", ["ctrl-1", "abc", ""])
def test_bad_detach_keys(spec):
    with pytest.raises(ValueError, match="Unknown character"):
        parse_detach_keys(spec)


def test_detach_keys_as_the_cli_checks_them():
    from IPython.core.error import UsageError

    from dockerwidgets.ops.streams import detach_keys_or_fail

    assert detach_keys_or_fail(None) == ("ctrl-p,ctrl-q", b"\x10\x11")
    assert detach_keys_or_fail("ctrl-a,x") == ("ctrl-a,x", b"\x01x")
    with pytest.raises(UsageError) as caught:
        detach_keys_or_fail("ctrl-1")
    assert type(caught.value) is UsageError
    assert str(caught.value) == "Invalid detach keys (ctrl-1) provided: Unknown character: 'ctrl-1'"
