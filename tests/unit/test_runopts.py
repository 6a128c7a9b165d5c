"""The ``run``/``create`` value parsers against the docker CLI's own test cases (go-units size_test.go,
docker/cli opts/*_test.go, pkg/kvfile) and the texts the CLI v28 prints."""

from __future__ import annotations

import os
import re

import pytest

from dockerwidgets import runopts
from dockerwidgets.runopts import InvalidFlagValue

KIB, MIB, GIB, TIB, PIB = (1 << 10), (1 << 20), (1 << 30), (1 << 40), (1 << 50)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("32", 32), ("32b", 32), ("32B", 32), ("32k", 32 * KIB), ("32K", 32 * KIB), ("32kb", 32 * KIB),
        ("32Kb", 32 * KIB), ("32Kib", 32 * KIB), ("32KIB", 32 * KIB), ("32Mb", 32 * MIB), ("32Gb", 32 * GIB),
        ("32Tb", 32 * TIB), ("32Pb", 32 * PIB), ("32PB", 32 * PIB), ("32P", 32 * PIB), ("32.3", 32),
        ("32.3 mb", int(32.3 * MIB)), ("0.3MB", int(0.3 * MIB)), ("512m", 512 * MIB), ("1.5g", int(1.5 * GIB)),
    ],
)  # fmt: skip
def test_ram_in_bytes_as_go_units(text, expected):
    assert runopts.ram_in_bytes(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "invalid size: ''"),
        ("hello", "invalid size: 'hello'"),
        ("-32", "invalid size: '-32'"),
        (" 32 ", 'strconv.ParseFloat: parsing " 32": invalid syntax'),
        ("32m b", 'strconv.ParseFloat: parsing "32m": invalid syntax'),
        ("32bm", "invalid suffix: 'bm'"),
        ("12x", "invalid suffix: 'x'"),
        ("5kk", "invalid suffix: 'kk'"),
        ("5KiBB", "invalid suffix: 'KiBB'"),
        ("1.2.3", 'strconv.ParseFloat: parsing "1.2.3": invalid syntax'),
    ],
)
def test_ram_in_bytes_refusals_in_go_units_words(text, reason):
    with pytest.raises(InvalidFlagValue) as caught:
        runopts.ram_in_bytes(text)
    assert str(caught.value) == reason


def test_memory_swap_takes_minus_one_for_unlimited():
    assert runopts.memory_swap_bytes("-1") == -1
    assert runopts.memory_swap_bytes("2g") == 2 * GIB
    with pytest.raises(InvalidFlagValue, match="invalid size: '-2'"):
        runopts.memory_swap_bytes("-2")


@pytest.mark.parametrize(
    ("text", "nano"),
    [("1", 10**9), ("1.5", 1_500_000_000), ("0.01", 10_000_000), ("3/2", 1_500_000_000), ("1e-3", 1_000_000)],
)
def test_cpus_as_nano_cpus(text, nano):
    assert runopts.nano_cpus(text) == nano


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("abc", "failed to parse abc as a rational number"),
        ("1/0", "failed to parse 1/0 as a rational number"),
        ("", "failed to parse  as a rational number"),
        ("0.0000000001", "value is too precise"),
    ],
)
def test_cpus_refusals(text, reason):
    with pytest.raises(InvalidFlagValue) as caught:
        runopts.nano_cpus(text)
    assert str(caught.value) == reason


@pytest.mark.parametrize(
    ("text", "value"), [("0", 0), ("30s", 30 * 10**9), ("1m30s", 90 * 10**9), ("500ms", 5 * 10**8), ("-1s", -(10**9))]
)
def test_go_durations(text, value):
    assert runopts.go_duration(text) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("5", 'time: missing unit in duration "5"'),
        ("1m5", 'time: missing unit in duration "1m5"'),
        ("x", 'time: invalid duration "x"'),
        ("", 'time: invalid duration ""'),
        ("3d", 'time: unknown unit "d" in duration "3d"'),
        ("1s2x", 'time: unknown unit "x" in duration "1s2x"'),
    ],
)
def test_go_duration_refusals(text, reason):
    with pytest.raises(InvalidFlagValue) as caught:
        runopts.go_duration(text)
    assert str(caught.value) == reason


def test_go_int_and_bool_in_strconv_words():
    assert runopts.go_int("+5") == 5 and runopts.go_int("-1") == -1
    with pytest.raises(InvalidFlagValue, match=re.escape('strconv.ParseInt: parsing "1.5": invalid syntax')):
        runopts.go_int("1.5")
    with pytest.raises(InvalidFlagValue, match="value out of range"):
        runopts.go_int("9223372036854775808")
    assert runopts.go_bool("T") is True and runopts.go_bool("0") is False
    with pytest.raises(InvalidFlagValue, match=re.escape('strconv.ParseBool: parsing "yes": invalid syntax')):
        runopts.go_bool("yes")


def test_ulimits():
    assert runopts.ulimit("nofile=1024:2048") == {"Name": "nofile", "Soft": 1024, "Hard": 2048}
    assert runopts.ulimit("core=0") == {"Name": "core", "Soft": 0, "Hard": 0}
    assert runopts.ulimit("nproc=-1") == {"Name": "nproc", "Soft": -1, "Hard": -1}
    assert runopts.ulimit("nofile=5:-1") == {"Name": "nofile", "Soft": 5, "Hard": -1}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("nofile", "invalid ulimit argument: nofile"),
        ("as=1", "invalid ulimit type: as"),
        ("nofile=x", 'strconv.ParseInt: parsing "x": invalid syntax'),
        ("nofile=2:1", "ulimit soft limit must be less than or equal to hard limit: 2 > 1"),
        ("nofile=1:2:3", "too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`"),
        ("nofile=-1:5", "ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: 5"),
    ],
)
def test_ulimit_refusals(text, reason):
    with pytest.raises(InvalidFlagValue) as caught:
        runopts.ulimit(text)
    assert str(caught.value) == reason


@pytest.mark.parametrize("text", ["all", "-1", "count=all", "count=-1"])
def test_gpus_all(text):
    assert runopts.gpu_request(text) == {
        "Driver": "", "Count": -1, "DeviceIDs": None, "Capabilities": [["gpu"]], "Options": {},
    }  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        'driver=nvidia,"capabilities=compute,utility","options=foo=bar,baz=qux"',
        '1,driver=nvidia,"capabilities=compute,utility","options=foo=bar,baz=qux"',
        'count=1,driver=nvidia,"capabilities=compute,utility","options=foo=bar,baz=qux"',
        'driver=nvidia,"capabilities=compute,utility","options=foo=bar,baz=qux",count=1',
    ],
)
def test_gpus_as_the_cli_tests_them(text):
    assert runopts.gpu_request(text) == {
        "Driver": "nvidia", "Count": 1, "DeviceIDs": None, "Capabilities": [["compute", "utility", "gpu"]],
        "Options": {"foo": "bar", "baz": "qux"},
    }  # fmt: skip


def test_gpus_by_device_have_no_count():
    request = runopts.gpu_request('"device=0,1"')
    assert request["DeviceIDs"] == ["0", "1"] and request["Count"] == 0


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("count=invalid-integer", 'invalid count (invalid-integer): value must be either "all" or an integer: invalid syntax'),
        ("foo=1", "unexpected key 'foo' in 'foo=1'"),
        ("1,count=2", "gpu request key 'count' can be specified only once"),
        ('"a', 'parse error on line 1, column 3: extraneous or missing " in quoted-field'),
        ("", "EOF"),
    ],
)  # fmt: skip
def test_gpu_refusals(text, reason):
    with pytest.raises(InvalidFlagValue) as caught:
        runopts.gpu_request(text)
    assert str(caught.value) == reason


def test_mounts_of_each_type():
    assert runopts.mount("type=bind,source=/target,target=/target,ro,bind-propagation=rslave") == {
        "Type": "bind", "Source": "/target", "Target": "/target", "ReadOnly": True,
        "BindOptions": {"Propagation": "rslave"},
    }  # fmt: skip
    assert runopts.mount("src=data,dst=/data,volume-nocopy,volume-driver=local,volume-opt=type=tmpfs") == {
        "Type": "volume", "Source": "data", "Target": "/data",
        "VolumeOptions": {"NoCopy": True, "Labels": {}, "DriverConfig": {"Name": "local", "Options": {"type": "tmpfs"}}},
    }  # fmt: skip
    assert runopts.mount("type=tmpfs,destination=/t,tmpfs-size=1m,tmpfs-mode=1777") == {
        "Type": "tmpfs", "Target": "/t", "TmpfsOptions": {"SizeBytes": MIB, "Mode": 0o1777},
    }  # fmt: skip
    assert runopts.mount("TYPE=Bind,src=/a,dst=/b,readonly=false,consistency=Cached")["Consistency"] == "cached"


def test_a_relative_mount_source_becomes_absolute():
    assert runopts.mount("type=bind,src=./data,dst=/d")["Source"] == os.path.abspath("./data")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("type=volume,source=/foo", "target is required"),
        ("type=volume,bogus=foo", "unexpected key 'bogus' in 'bogus=foo'"),
        ("type=volume,bogus", "invalid field 'bogus' must be a key=value pair"),
        ("type=volume,readonly=no", "invalid value for readonly: no"),
        ("type=bind,target=/foo,source=/foo,volume-nocopy=true", "cannot mix 'volume-*' options with mount type 'bind'"),
        ("type=volume,target=/foo,bind-propagation=rprivate", "cannot mix 'bind-*' options with mount type 'volume'"),
        ("type=tmpfs,target=/foo,tmpfs-size=foo", "invalid value for tmpfs-size: foo"),
        ("type=tmpfs,target=/foo,tmpfs-mode=foo", "invalid value for tmpfs-mode: foo"),
        ("type=tmpfs,target=/foo,tmpfs-mode=9", "invalid value for tmpfs-mode: 9"),
        ("type=tmpfs", "target is required"),
        ("type=,dst=/x", "type is required"),
        ("dst=/x,volume-nocopy=maybe", "invalid value for volume-nocopy: maybe"),
        ("type=bind,source=/foo,target=/bar,bind-recursive=writable",
         "option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction"),
        ("type=bind,source=/foo,target=/bar,bind-recursive=readonly",
         "option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction"),
        ("type=bind,source=/foo,target=/bar,bind-recursive=readonly,readonly",
         "option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction"),
        ("dst=/x,bind-recursive=maybe",
         'invalid value for bind-recursive: maybe (must be "enabled", "disabled", "writable", or "readonly")'),
        ("dst=/x,", "invalid field '' must be a key=value pair"),
        ('dst=/x,a"b', 'parse error on line 1, column 9: bare " in non-quoted-field'),
        ('dst=/x,"a"b', 'parse error on line 1, column 10: extraneous or missing " in quoted-field'),
    ],
)  # fmt: skip
def test_mount_refusals_as_the_cli_words_them(text, reason):
    with pytest.raises(InvalidFlagValue) as caught:
        runopts.mount(text)
    assert str(caught.value) == reason


@pytest.mark.parametrize(
    ("text", "mapping"),
    [
        ("/dev/null", ("/dev/null", "/dev/null", "rwm")),
        ("/dev/null:r", ("/dev/null", "/dev/null", "r")),
        ("/dev/null:/dev/x", ("/dev/null", "/dev/x", "rwm")),
        ("/dev/null:/dev/x:rw", ("/dev/null", "/dev/x", "rw")),
        ("/dev/snd/../null", ("/dev/null", "/dev/null", "rwm")),
    ],
)
def test_devices(text, mapping):
    found = runopts.device(text)
    assert (found["PathOnHost"], found["PathInContainer"], found["CgroupPermissions"]) == mapping


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "bad format for path: "),
        ("a:b:c:d", "bad format for path: a:b:c:d"),
        ("/dev/null:rel", "rel is not an absolute path"),
        ("/dev/null:/x:q", "bad mode specified: q"),
        ("/dev/null:/x:rr", "bad mode specified: rr"),
    ],
)
def test_device_refusals(text, reason):
    with pytest.raises(InvalidFlagValue) as caught:
        runopts.device(text)
    assert str(caught.value) == reason


def test_hosts_and_dns():
    assert runopts.extra_host("db:10.0.0.5") == "db:10.0.0.5"
    assert runopts.extra_host("gw=10.0.0.1") == "gw:10.0.0.1"
    assert runopts.extra_host("v6=[::1]") == "v6:::1"
    assert runopts.extra_host("h:host-gateway") == "h:host-gateway"
    assert runopts.ip_address(" 8.8.8.8 ") == "8.8.8.8"
    for text, reason in (
        ("foo", 'bad format for add-host: "foo"'),
        ("foo:bad", 'invalid IP address in add-host: "bad"'),
    ):
        with pytest.raises(InvalidFlagValue) as caught:
            runopts.extra_host(text)
        assert str(caught.value) == reason
    with pytest.raises(InvalidFlagValue, match="IP address is not correctly formatted: x"):
        runopts.ip_address("x")


def test_capabilities_as_the_cli_sends_them():
    assert runopts.effective_capabilities(["net_admin", "CAP_SYS_TIME"], ["mknod"]) == (
        ["CAP_NET_ADMIN", "CAP_SYS_TIME"], ["CAP_MKNOD"],
    )  # fmt: skip
    assert runopts.effective_capabilities(["all", "chown"], ["chown", "RESET"]) == (["ALL"], ["CAP_CHOWN"])
    assert runopts.effective_capabilities([], []) == (None, None)


def test_env_file(tmp_path):
    path = tmp_path / "app.env"
    path.write_bytes("\ufeff# comment\nA=1\n\n   B=2\nINHERITED\nMISSING\nC=\r\n".encode())
    assert runopts.env_file(str(path), {"INHERITED": "yes"}) == ["A=1", "B=2", "INHERITED=yes", "C="]


def test_env_file_refusals(tmp_path):
    path = tmp_path / "bad.env"
    path.write_text("=1\n")
    with pytest.raises(InvalidFlagValue) as caught:
        runopts.env_file(str(path), {})
    assert str(caught.value) == f"invalid env file ({path}): no variable name on line '=1'"
    path.write_text("A B=1\n")
    with pytest.raises(InvalidFlagValue, match="variable 'A B' contains whitespaces"):
        runopts.env_file(str(path), {})
    with pytest.raises(InvalidFlagValue) as caught:
        runopts.env_file(str(tmp_path / "none"), {})
    assert str(caught.value) == f"open {tmp_path / 'none'}: no such file or directory"


def test_small_flags():
    assert runopts.attach_stream("STDOUT") == "stdout"
    assert runopts.pid_mode("container:db") == "container:db"
    assert runopts.pull_policy("never") == "never"
    assert runopts.tmpfs(["/run:rw,size=64k", "/cache"]) == {"/run": "rw,size=64k", "/cache": ""}
    for parse, text, reason in (
        (runopts.attach_stream, "foo", "valid streams are STDIN, STDOUT and STDERR"),
        (runopts.pid_mode, "container:", "--pid: invalid PID mode"),
        (runopts.pull_policy, "sometimes", 'invalid pull option: \'sometimes\': must be one of "always", "missing" or "never"'),
    ):  # fmt: skip
        with pytest.raises(InvalidFlagValue) as caught:
            parse(text)
        assert str(caught.value) == reason


def test_refused_values_are_quoted_as_pflag_quotes_them():
    assert runopts.invalid_argument('a"b\\c\n', "-m, --memory", "why") == (
        'invalid argument "a\\"b\\\\c\\n" for "-m, --memory" flag: why'
    )


@pytest.mark.parametrize(
    ("spec", "sorted_as"),
    [
        ("/anon", (None, "/anon")),
        ("ab", (None, "ab")),
        ("a:b", (None, "a:b")),
        ("data:/d:ro", ("data", "data:/d:ro")),
        ("/host:/ctr", ("/host", "/host:/ctr")),
        ("./rel:/ctr:ro", ("./rel", os.path.abspath("./rel") + ":/ctr:ro")),
        ("~/x:/ctr", ("~/x", "~/x:/ctr")),
    ],
)
def test_volume_specs_sorted_as_the_cli_sorts_them(spec, sorted_as):
    assert runopts.split_volume(spec) == sorted_as


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("", "invalid empty volume spec"),
        (":/x", "invalid spec: :/x: empty section between colons"),
        ("ab::/b", "invalid spec: ab::/b: empty section between colons"),
        ("/a:/b:ro:x", "invalid spec: /a:/b:ro:x: too many colons"),
    ],
)
def test_volume_spec_refusals(spec, reason):
    with pytest.raises(InvalidFlagValue) as caught:
        runopts.split_volume(spec)
    assert str(caught.value) == reason
