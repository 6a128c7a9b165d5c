"""Tests for dockerwidgets.gotemplate.

The CLI_OK / CLI_ERRORS tables were produced by the docker CLI 28.2.2 itself
(`docker context inspect default -f TEMPLATE`, which needs no daemon) and are
rendered here against the same context data.
"""

from __future__ import annotations

from typing import Any

import pytest

from dockerwidgets.gotemplate import MISSING, TemplateError, go_json, go_sprint, render

CONTEXT: dict[str, Any] = {
    "Endpoints": {"docker": {"Host": "unix:///var/run/docker.sock", "SkipTLSVerify": False}},
    "Metadata": {},
    "Name": "default",
    "Storage": {"MetadataPath": "<IN MEMORY>", "TLSPath": "<IN MEMORY>"},
    "TLSMaterial": {},
}

CLI_OK: list[tuple[str, str]] = [
    ('{{json "a<b>&"}}', '"a<b>&"'),
    (
        '{{json 1.5}} {{json 1e21}} {{json 1e20}} {{json 0.0000001}} {{json "\\t\\n\\u0001"}}',
        '1.5 1e+21 100000000000000000000 1e-7 "\\t\\n\\u0001"',
    ),
    (
        "{{1e6}} {{1234567.0}} {{123456.0}} {{0.0001}} {{0.00001}} {{1.0}} {{-0.5}} {{0x1F}} {{017}} {{1_000}} {{'a'}}",
        "1e+06 1.234567e+06 123456 0.0001 1e-05 1 -0.5 31 15 1000 97",
    ),
    ('{{split "a,b,c" ","}} {{split "abc" ""}} {{split "" ","}}', "[a b c] [a b c] []"),
    ('{{join (split "a,b" ",") "-"}}', "a-b"),
    ('{{title "hello wORLD foo_bar x-y"}} {{upper "straße"}} {{lower "ÀB"}}', "Hello WORLD Foo_bar X-Y STRAßE àb"),
    (
        '[{{pad "x" 2 3}}] [{{pad "" 2 3}}] {{truncate "abcdef" 3}} {{truncate "ab" 3}} {{truncate "abc" 3}}',
        "[  x   ] [] abc ab abc",
    ),
    ('{{len "héllo"}} {{len (split "a,b" ",")}}', "6 2"),
    ('{{index "abc" 1}} {{index (split "a,b" ",") 1}}', "98 b"),
    ('{{println "a" 1 2 "b"}}{{print "a" 1 2 "b" 3}}', "a 1 2 b\na1 2b3"),
    (
        '{{printf "%s|%d|%q|%v|%5d|%-4s|%x|%t|%.2f" "s" 3 "q" 1.5 42 "ab" 255 true 3.14159}}',
        's|3|"q"|1.5|   42|ab  |ff|true|3.14',
    ),
    ('{{printf "%d"}} {{printf "%d" 1 2}}', "%!d(MISSING) 1%!(EXTRA int=2)"),
    (
        '{{if eq 1 1}}y{{end}} {{if eq "a" "b" "a"}}y{{end}} {{if ne 1 2}}y{{end}} {{lt 1 2}} {{le 2 2}} '
        "{{gt 1 2}} {{ge 1 2}}",
        "y y y true true false false",
    ),
    ('{{and 1 0 2}} {{and 1 2}} {{or 0 "" "x"}} {{or 0 ""}} {{not 0}} {{not "a"}}', "0 2 x  true false"),
    ('{{range split "a,b" ","}}[{{.}}]{{end}}', "[a][b]"),
    ('{{range $i, $v := split "a,b" ","}}{{$i}}={{$v}} {{end}}', "0=a 1=b "),
    ('{{range $v := split "a,b" ","}}{{$v}}{{end}}', "ab"),
    ("{{range 3}}{{.}}{{end}}", "012"),
    ('{{range split "" ","}}x{{else}}e{{end}}', "x"),
    ('{{range (split "a,b,c" ",")}}{{if eq . "b"}}{{break}}{{end}}{{.}}{{end}}', "a"),
    ('{{range (split "a,b,c" ",")}}{{if eq . "b"}}{{continue}}{{end}}{{.}}{{end}}', "ac"),
    ('{{with "x"}}{{.}}{{end}} {{with ""}}{{.}}{{else}}none{{end}}', "x none"),
    ('{{with ""}}a{{else with "z"}}{{.}}{{end}}', "z"),
    ("{{if 0}}a{{else if 1}}b{{else}}c{{end}}", "b"),
    ("{{$x := 1}}{{$x}}{{$x = 2}}{{$x}}", "12"),
    ("{{$x := 1}}{{if true}}{{$x = 3}}{{end}}{{$x}}", "3"),
    ('a  {{- "b" -}}  c', "abc"),
    ("a {{- /* comment */ -}} b", "ab"),
    ("multi`}}", "multi`}}"),
    ("{{(1)}}", "1"),
    ('{{"x" | printf "%s-%s" "y"}}', "y-x"),
    ('{{printf "%v" nil}}', "<nil>"),
    ("{{-3}} {{+4}} {{.5}}", "-3 4 0.5"),
    ("}}", "}}"),
    ('{{slice "abcdef" 1 3}}', "bc"),
    ('{{printf "%T" 1}}', "int"),
    ('{{slice "abcdef" 1 3}} {{slice "abcdef" 2}} {{slice (split "a,b,c" ",") 1}}', "bc cdef [b c]"),
    ('{{printf "%T %T %T" 1 "a" 1.5}}', "int string float64"),
    ("{{index .Name 0}}", "100"),
    ('{{.Name | printf "%s!"}}', "default!"),
    ('{{if and .Name (eq .Name "default")}}yes{{end}}', "yes"),
    ("{{range $k, $v := .Endpoints}}{{$k}}:{{$v.Host}}{{end}}", "docker:unix:///var/run/docker.sock"),
    ("{{with .Endpoints.docker}}{{.Host}}{{end}}", "unix:///var/run/docker.sock"),
    ("{{.Name}} {{ .Name }} {{- .Name}}", "default defaultdefault"),
    (
        "{{len .Name}} {{upper .Name}} {{title .Name}} {{truncate .Name 3}} {{pad .Name 1 1}}|",
        "7 DEFAULT Default def  default |",
    ),
    ('{{$n := .Name}}{{range split "a,b" ","}}{{$n}}{{.}}{{end}}', "defaultadefaultb"),
    ('{{range $i, $e := split "x,y" ","}}{{$.Name}}{{$i}}{{end}}', "default0default1"),
    ('{{print 1 2}} {{print "a" "b"}} {{print 1 "a" 2}} {{print true false}} {{println}}', "1 2 ab 1a2 true false \n"),
    ('{{printf "%5.1f|%-5s|%05d|%x" 3.14159 "ab" 42 "hi"}}', "  3.1|ab   |00042|6869"),
    ('{{eq .Name "default" "x"}} {{ne .Name "x"}}', "true true"),
    ('{{or .Name "x"}} {{and "" .Name}}', "default "),
    (
        "{{\"\\x41\\101\\u0042\"}} {{'\\n'}} {{0x10}} {{0b11}} {{0o17}} {{1e3}} {{-1.5e-7}}",
        "AAB 10 16 3 15 1000 -1.5e-07",
    ),
    ("{{json 1e300}} {{1e300}} {{json 100000000000000000000.0}}", "1e+300 1e+300 100000000000000000000"),
    ('{{json (split "a\\"b<" ",")}}', '["a\\"b<"]'),
    ("{{/* a */}}{{- /* b */ -}}  x", "x"),
    ("{{if .Name}}{{else}}{{end}}done", "done"),
    ('{{$x := 1}}{{range split "a,b" ","}}{{$x = 2}}{{end}}{{$x}}', "2"),
    ("{{.Name|upper|lower}}", "default"),
    ('{{"x" | upper | printf "%s-%s" "y"}}', "y-X"),
]

CLI_ERRORS: list[tuple[str, str]] = [
    ("{{.Foo}", "template parsing error: template: :1: bad character U+007D '}'"),
    ("{{end}}", "template parsing error: template: :1: unexpected {{end}}"),
    ("{{if 1}}", "template parsing error: template: :1: unexpected EOF"),
    ("{{nofunc 1}}", 'template parsing error: template: :1: function "nofunc" not defined'),
    ("{{}}", "template parsing error: template: :1: missing value for command"),
    ("{{ }}", "template parsing error: template: :1: missing value for command"),
    ("{{|}}", 'template parsing error: template: :1: unexpected "|" in command'),
    (
        '{{index (split "a,b" ",") 5}}',
        'template parsing error: template: :1:2: executing "" at <index (split "a,b" ",") 5>: error '
        "calling index: index out of range: 5",
    ),
    (
        "{{index 3 1}}",
        'template parsing error: template: :1:2: executing "" at <index 3 1>: error calling index: '
        "can't index item of type int",
    ),
    (
        '{{eq 1 "a"}}',
        'template parsing error: template: :1:2: executing "" at <eq 1 "a">: error calling eq: '
        "incompatible types for comparison",
    ),
    (
        "{{lt true false}}",
        'template parsing error: template: :1:2: executing "" at <lt true false>: error calling lt: '
        "invalid type for comparison",
    ),
    (
        '{{range "abc"}}{{.}}{{end}}',
        'template parsing error: template: :1:8: executing "" at <"abc">: range can\'t iterate over abc',
    ),
    (
        "{{range 1.5}}{{.}}{{end}}",
        'template parsing error: template: :1:8: executing "" at <1.5>: range can\'t iterate over 1.5',
    ),
    ("{{break}}", "template parsing error: template: :1: {{break}} outside {{range}}"),
    ("{{$x}}", 'template parsing error: template: :1: undefined variable "$x"'),
    ('a  {{-"b"-}}  c', 'template parsing error: template: :1: illegal number syntax: "-"'),
    ("{{/* unclosed }}", "template parsing error: template: :1: unclosed comment"),
    ("{{/* x */ }}", "template parsing error: template: :1: comment ends before closing delimiter"),
    ('{{"unterminated}}', "template parsing error: template: :1: unterminated quoted string"),
    ("{{`raw", "template parsing error: template: :1: unterminated raw quoted string"),
    ('{{"a\\qb"}}', "template parsing error: template: :1: invalid syntax"),
    ("{{(1}}", "template parsing error: template: :1: unclosed left paren"),
    ("{{1)}}", "template parsing error: template: :1: unexpected right paren"),
    ("{{1 | 2}}", "template parsing error: template: :1: non executable command in pipeline stage 2"),
    ("{{nil}}", 'template parsing error: template: :1:2: executing "" at <nil>: nil is not a command'),
    ("{{3 4}}", 'template parsing error: template: :1:2: executing "" at <3>: can\'t give argument to non-function 3'),
    ("{{upper 3}}", 'template parsing error: template: :1:8: executing "" at <3>: expected string; found 3'),
    (
        "{{upper}}",
        'template parsing error: template: :1:2: executing "" at <upper>: wrong number of args for upper: want 1 got 0',
    ),
    (
        '{{upper "a" "b"}}',
        'template parsing error: template: :1:2: executing "" at <upper>: wrong number of args for upper: want 1 got 2',
    ),
    (
        '{{pad "a" "b" 1}}',
        'template parsing error: template: :1:10: executing "" at <"b">: expected integer; found "b"',
    ),
    (
        "{{len 3}}",
        'template parsing error: template: :1:2: executing "" at <len 3>: error calling len: len of type int',
    ),
    (
        '{{index (split "a" ",") "x"}}',
        'template parsing error: template: :1:2: executing "" at <index (split "a" ",") "x">: error '
        "calling index: cannot index slice/array with type string",
    ),
    ("{{$x, $y := 1}}", "template parsing error: template: :1: too many declarations in command"),
    ("{{range $x, $y, $z := 1}}{{end}}", "template parsing error: template: :1: too many declarations in range"),
    ("{{if}}{{end}}", "template parsing error: template: :1: missing value for if"),
    ("{{else}}", "template parsing error: template: :1: unexpected {{else}}"),
    ("{{1.2.3}}", 'template parsing error: template: :1: unexpected ".3" in operand'),
    ("{{3x}}", 'template parsing error: template: :1: bad number syntax: "3x"'),
    ("{{$x.y}}", 'template parsing error: template: :1: undefined variable "$x"'),
    ('{{"a".b}}', 'template parsing error: template: :1: unexpected . after term "\\"a\\""'),
    ("{{", "template parsing error: template: :1: unclosed action"),
    (
        '{{slice "abc" 2 1}}',
        'template parsing error: template: :1:2: executing "" at <slice "abc" 2 1>: error calling slice: '
        "invalid slice index: 2 > 1",
    ),
    (
        "{{.Name.Foo}}",
        'template parsing error: template: :1:7: executing "" at <.Name.Foo>: can\'t evaluate field Foo in type string',
    ),
    ('{{range $x := split "a" ","}}{{end}}{{$x}}', 'template parsing error: template: :1: undefined variable "$x"'),
]


@pytest.mark.parametrize(("template", "expected"), CLI_OK)
def test_matches_docker_cli_output(template: str, expected: str) -> None:
    """Output agrees with the docker CLI's Go templates."""
    assert render(template, CONTEXT) == expected


@pytest.mark.parametrize(("template", "message"), CLI_ERRORS)
def test_matches_docker_cli_errors(template: str, message: str) -> None:
    """Parse and execution errors agree with the docker CLI's messages."""
    with pytest.raises(TemplateError) as info:
        render(template, CONTEXT)
    assert str(info.value) == message
    assert message.startswith("template parsing error: ")
    assert info.value.go_error == message.removeprefix("template parsing error: ")


CONTAINER: dict[str, Any] = {
    "Id": "4fa6e0f0c6786287e131c3852c58a2e01cc697a68231826813597e4994f1d6e2",
    "Name": "/web",
    "State": {"Status": "running", "Running": True, "Pid": 1234, "ExitCode": 0, "Error": None},
    "Config": {
        "Labels": {"a": "1", "com.example.b": "<x&y>"},
        "Cmd": ["sh", "-c", "echo hi"],
        "Env": None,
    },
    "Mounts": [
        {"Type": "bind", "Source": "/src", "Destination": "/dst"},
        {"Type": "volume", "Source": "/var/lib/docker/volumes/v/_data", "Destination": "/data"},
    ],
    "NetworkSettings": {
        "Ports": {
            "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}, {"HostIp": "::", "HostPort": "8080"}],
            "443/tcp": None,
        },
        "Networks": {"bridge": {"IPAddress": "172.17.0.2"}},
    },
}


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{{.Id}}", CONTAINER["Id"]),
        ("{{.Name}}", "/web"),
        ("{{.State.Status}}", "running"),
        ("{{.State.Pid}}", "1234"),
        ("{{.State.Running}}", "true"),
        ("{{json .Config.Labels}}", '{"a":"1","com.example.b":"<x&y>"}'),
        ("{{.Config.Labels | json}}", '{"a":"1","com.example.b":"<x&y>"}'),
        ("{{json .Config.Cmd}}", '["sh","-c","echo hi"]'),
        ("{{json .Config.Env}}", "null"),
        ("{{range .Mounts}}{{.Source}} {{end}}", "/src /var/lib/docker/volumes/v/_data "),
        ('{{index .Config.Labels "a"}}', "1"),
        ('{{index .Config.Labels "com.example.b"}}', "<x&y>"),
        ('{{index .Config.Labels "missing"}}', ""),
        ("{{.Config.Labels.a}}", "1"),
        ("{{.Config.Labels}}", "map[a:1 com.example.b:<x&y>]"),
        ("{{.NetworkSettings.Ports}}", "map[443/tcp:[] 80/tcp:[{0.0.0.0 8080} {:: 8080}]]"),
        ("{{.Config.Cmd}}", "[sh -c echo hi]"),
        ('{{join .Config.Cmd " "}}', "sh -c echo hi"),
        ("{{.Nope}}", "<no value>"),
        ("{{.Nope.Deeper}}", "<no value>"),
        ("{{.State.Error}}", "<no value>"),
        ("{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}", "a=1;com.example.b=<x&y>;"),
        (
            "{{range $p, $b := .NetworkSettings.Ports}}{{$p}}{{if $b}} published{{end}};{{end}}",
            "443/tcp;80/tcp published;",
        ),
        ("{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", "172.17.0.2"),
        ("{{range $i, $m := .Mounts}}{{$i}}:{{$m.Type}} {{end}}", "0:bind 1:volume "),
        ("{{range .Config.Env}}x{{else}}none{{end}}", "none"),
        ("{{if .State.Running}}up{{else}}down{{end}}", "up"),
        ('{{if eq .State.Status "exited"}}E{{else if eq .State.Status "running"}}R{{end}}', "R"),
        ("{{with .State}}{{.Status}}/{{.ExitCode}}{{end}}", "running/0"),
        ("{{println .Name .State.Pid}}", "/web 1234\n"),
        ("{{len .Mounts}} {{len .Config.Labels}}", "2 2"),
        ("{{(index .Mounts 1).Type}}", "volume"),
        ("{{upper .State.Status}} {{title .State.Status}} {{truncate .Id 12}}", "RUNNING Running 4fa6e0f0c678"),
        ("  {{- .Name -}}  \n", "/web"),
        ("{{/* comment */}}ok", "ok"),
        ("{{$n := .Name}}{{range .Mounts}}{{$n}}{{end}}", "/web/web"),
        ("{{range .Mounts}}{{$.Name}}{{end}}", "/web/web"),
        ('{{printf "%s:%d" .Name .State.Pid}}', "/web:1234"),
    ],
)
def test_inspect_templates(template: str, expected: str) -> None:
    """Common `docker inspect -f` templates against container-inspect-shaped data."""
    assert render(template, CONTAINER) == expected


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "{{.State.Error.X}}",
            'template: :1:8: executing "" at <.State.Error.X>: nil pointer evaluating interface {}.X',
        ),
        (
            "{{.State.Status.X}}",
            'template: :1:8: executing "" at <.State.Status.X>: can\'t evaluate field X in type string',
        ),
        ("{{range .Name}}{{end}}", 'template: :1:8: executing "" at <.Name>: range can\'t iterate over /web'),
        (
            "{{index .Mounts 5}}",
            'template: :1:2: executing "" at <index .Mounts 5>: error calling index: index out of range: 5',
        ),
        ("{{.Name}\n", "template: :1: bad character U+007D '}'"),
        ("{{if .Name}}", "template: :1: unexpected EOF"),
    ],
)
def test_inspect_errors(template: str, message: str) -> None:
    """Execution errors carry Go's location and context."""
    with pytest.raises(TemplateError) as info:
        render(template, CONTAINER)
    assert info.value.go_error == message


def test_missingkey_error() -> None:
    """missingkey=error behaves like docker's raw-JSON inspect fallback."""
    with pytest.raises(TemplateError) as info:
        render("{{.Foo}}", CONTAINER, missingkey="error")
    assert (
        str(info.value)
        == 'template parsing error: template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"'
    )
    with pytest.raises(TemplateError, match="no entry for key"):
        render("{{.State.Foo}}", CONTAINER, missingkey="error")


def test_go_sprint() -> None:
    """Values print like fmt %v."""
    assert go_sprint({"b": 1, "a": [True, None, 1.5]}) == "map[a:[true <nil> 1.5] b:1]"
    assert go_sprint(1000000.0) == "1e+06"
    assert go_sprint(12345.0) == "12345"
    assert go_sprint([]) == "[]"
    assert go_sprint({}) == "map[]"
    assert go_sprint(MISSING) == "<no value>"


def test_go_json() -> None:
    """json is compact, sorted and does not escape HTML."""
    assert go_json({"b": [1, 2.5, None], "a": "<&>\u2028\n\x01"}) == '{"a":"<&>\\u2028\\n\\u0001","b":[1,2.5,null]}'
    assert go_json(1e21) == "1e+21"
    assert go_json(1e-7) == "1e-7"
    assert go_json(True) == "true"
