"""Reading a docker line: ``$( … )`` substitution, shell-like splitting, flags before the image."""

from __future__ import annotations

import pytest
from IPython.core.error import UsageError

from dockerwidgets.commandline import split, substitute
from dockerwidgets.commands.create import _run
from dockerwidgets.magic import expand
from dockerwidgets.results import IdList, as_words


def fake_docker(inner: str) -> list[str]:
    assert inner.startswith("docker ")
    return {"docker ps -a -q": ["aaa", "bbb"], "docker ps -q": []}.get(inner, [inner.upper()])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("stop $(docker ps -a -q)", "stop aaa bbb"),
        ("stop $(docker ps -q)", "stop "),
        ("echo '$(docker ps -a -q)'", "echo '$(docker ps -a -q)'"),
        ('echo "$(docker ps -a -q)"', 'echo "aaa bbb"'),
        ("rm $(docker ps -a -q) $(docker ps -a -q)", "rm aaa bbb aaa bbb"),
    ],
)
def test_substitute(line, expected):
    assert substitute(line, fake_docker) == expected


def test_a_paren_inside_quotes_does_not_close_the_substitution():
    seen = []
    substitute("x $(docker inspect 'a)b')", lambda inner: seen.append(inner) or [])
    assert seen == ["docker inspect 'a)b'"]


def test_substitute_nested():
    seen = []

    def evaluate(inner: str) -> list[str]:
        seen.append(inner)
        return ["id1"] if inner == "docker ps -q" else ["done"]

    assert substitute("rm $(docker stop $(docker ps -q))", evaluate) == "rm done"
    assert seen == ["docker ps -q", "docker stop id1"]


def test_unclosed_substitution_is_one_line():
    with pytest.raises(UsageError, match=r"a \$\( has no closing \)"):
        substitute("stop $(docker ps -q", fake_docker)


def test_split_like_a_shell():
    assert split("""run -e 'A=two words' -e B="x y" busybox sh -c 'echo "$HOME"'""") == [
        "run", "-e", "A=two words", "-e", "B=x y", "busybox", "sh", "-c", 'echo "$HOME"',
    ]  # fmt: skip


def test_flags_stop_at_the_image():
    ns, command = _run.parse_interspersed(["-d", "--name", "x", "-p80:80", "-it", "busybox", "ls", "-la", "--name"])
    assert (ns.detach, ns.name, ns.publish, ns.interactive, ns.tty, ns.image) == (
        True,
        "x",
        ["80:80"],
        True,
        True,
        "busybox",
    )
    assert command == ["ls", "-la", "--name"]
    ns, command = _run.parse_interspersed(["--name=y", "-e", "A=1", "--", "busybox", "-x"])
    assert (ns.name, ns.env, ns.image, command) == ("y", ["A=1"], "busybox", ["-x"])


def test_an_unknown_flag_before_the_image_is_reported():
    with pytest.raises(UsageError, match="unknown flag: --nope"):
        _run.parse_interspersed(["--nope", "busybox"])
    with pytest.raises(UsageError, match="unknown shorthand flag: 'z' in -dz"):
        _run.parse_interspersed(["-dz", "busybox"])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("inspect -f '{{.Id}}' $name", "inspect -f '{{.Id}}' web"),
        ("create --name {name.upper()} busybox", "create --name WEB busybox"),
        ("inspect -f '{{json .Config}}' {name}", "inspect -f '{{json .Config}}' web"),
        ("stop $(docker ps -q)", "stop $(docker ps -q)"),
        ("run busybox sh -c 'echo $$HOME'", "run busybox sh -c 'echo $$HOME'"),
        ("{undefined_name}", "{undefined_name}"),
    ],
)
def test_ipython_expansion_skips_go_templates(line, expected):
    assert expand(line, {"name": "web"}) == expected


def test_results_as_words():
    assert as_words(IdList(["a", "b"])) == ["a", "b"]
    assert as_words(None) == []
    assert as_words("x\ny") == ["x", "y"]


def test_a_comment_ends_the_line_as_in_a_shell():
    from dockerwidgets.commandline import split

    assert split("pull -q centos:7  # the image") == ["pull", "-q", "centos:7"]
    assert split("inspect -f '{{.Name}} # not a comment' web") == ["inspect", "-f", "{{.Name}} # not a comment", "web"]
