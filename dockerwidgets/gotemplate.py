"""A subset of Go's text/template with docker/cli's template functions, for --format / -f."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dockerwidgets.humanize import go_format_float, go_quote

__all__ = ["MISSING", "GoStruct", "TemplateError", "go_json", "go_sprint", "render"]


class TemplateError(ValueError):
    """Raised for template parse or execution errors; str() is docker's message."""

    def __init__(self, go_error: str) -> None:
        """Store the Go error text and build docker's 'template parsing error: …' message."""
        super().__init__(f"template parsing error: {go_error}")
        self.go_error = go_error


class _Missing:
    """Go's invalid reflect.Value: a missing map key; prints as <no value>."""

    def __repr__(self) -> str:
        """Return a debug representation."""
        return "MISSING"


MISSING: Any = _Missing()


class GoStruct(dict):
    """A Go struct a template runs on (``events.Message``): its fields by their Go names, in order.

    A field it lacks is Go's ``can't evaluate field X in type T`` (a map would print
    ``<no value>``); ``{{json .}}`` writes *json_form* (the struct's JSON keys, in field order).
    *methods* are the struct's methods that take arguments (a formatter context's
    ``{{.Label "key"}}``), by name: called with the template's arguments, never printed.
    """

    def __init__(
        self,
        go_type: str,
        fields: dict[str, Any],
        json_form: dict[str, Any] | None = None,
        methods: dict[str, Callable[..., Any]] | None = None,
    ) -> None:
        super().__init__(fields)
        self.go_type = go_type
        self.json_form = fields if json_form is None else json_form
        self.methods = methods or {}


# ----------------------------------------------------------------------------- value formatting


def _go_type(value: Any) -> str:
    """Return the Go type name a JSON-decoded value would have."""
    if value is None or value is MISSING:
        return "<nil>"
    if isinstance(value, GoStruct):
        return value.go_type
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "map[string]interface {}"
    if isinstance(value, (list, tuple)):
        return "[]interface {}"
    return type(value).__name__


def _sort_key(key: Any) -> tuple[int, Any]:
    """Order map keys like Go's fmtsort (numbers numerically, strings bytewise)."""
    if isinstance(key, (int, float)) and not isinstance(key, bool):
        return (0, key)
    return (1, str(key))


_PORT_KEY_RE = re.compile(r"[0-9]+/(?:tcp|udp|sctp)")


def go_sprint(value: Any) -> str:
    """Format a value like Go's fmt %v on JSON-decoded data (maps sorted, nil as <nil>)."""
    if value is MISSING:
        return "<no value>"
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return go_format_float(value)
    if isinstance(value, (int, str)):
        return str(value)
    if isinstance(value, GoStruct):
        return "{" + " ".join(go_sprint(v) for v in value.values()) + "}"
    if isinstance(value, dict):
        if set(value) == {"HostIp", "HostPort"}:  # nat.PortBinding is a struct in the typed API
            return f"{{{go_sprint(value['HostIp'])} {go_sprint(value['HostPort'])}}}"
        items = sorted(value.items(), key=lambda kv: _sort_key(kv[0]))
        if all(isinstance(k, str) and _PORT_KEY_RE.fullmatch(k) for k in value):
            # nat.PortMap values are slices in the typed API: an unpublished port is a nil slice, printed "[]"
            items = [(k, [] if v is None else v) for k, v in items]
        return "map[" + " ".join(f"{go_sprint(k)}:{go_sprint(v)}" for k, v in items) + "]"
    if isinstance(value, (list, tuple)):
        return "[" + " ".join(go_sprint(v) for v in value) + "]"
    return str(value)


def _json_string(text: str, escape_html: bool = False) -> str:
    """Encode a string like Go's encoding/json with SetEscapeHTML(false) (with *escape_html*: as json.Marshal)."""
    out = ['"']
    for char in text:
        code = ord(char)
        if escape_html and char in "<>&":
            out.append(f"\\u{code:04x}")
        elif char in ('"', "\\"):
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif char == "\b":
            out.append("\\b")
        elif char == "\f":
            out.append("\\f")
        elif code < 0x20 or code in (0x2028, 0x2029):
            out.append(f"\\u{code:04x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\ufffd")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def go_json(value: Any) -> str:
    """Encode a value like docker's template 'json' function (compact, sorted keys, no HTML escaping)."""
    if isinstance(value, FormatterContext):
        return value.marshal_json()
    if value is None or value is MISSING:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValueError(f"json: unsupported value: {go_format_float(value)}")
        return go_format_float(value, "json")
    if isinstance(value, str):
        return _json_string(value)
    if isinstance(value, GoStruct):
        return "{" + ",".join(f"{_json_string(k)}:{go_json(v)}" for k, v in value.json_form.items()) + "}"
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda kv: str(kv[0]))
        return "{" + ",".join(f"{_json_string(str(k))}:{go_json(v)}" for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(go_json(v) for v in value) + "]"
    raise ValueError(f"json: unsupported type: {_go_type(value)}")


def _truth(value: Any) -> bool:
    """Return Go template truthiness (zero values and empty containers are false)."""
    if value is None or value is MISSING:
        return False
    if isinstance(value, GoStruct):
        return True
    if isinstance(value, (str, list, tuple, dict)):
        return len(value) > 0
    if isinstance(value, (bool, int, float)):
        return value != 0
    return True


# ----------------------------------------------------------------------------- lexer


@dataclass
class _Token:
    """One lexer item."""

    typ: str
    val: str
    pos: int
    line: int

    def __str__(self) -> str:
        """Describe the item like Go's item.String()."""
        if self.typ == "EOF":
            return "EOF"
        if self.typ == "ERROR":
            return self.val
        if self.typ in _KEYWORDS.values() or self.typ == "DOT":
            return f"<{self.val}>"
        if len(self.val) > 10:
            return go_quote(self.val[:10]) + "..."
        return go_quote(self.val)


_KEYWORDS = {
    "block": "BLOCK",
    "break": "BREAK",
    "continue": "CONTINUE",
    "define": "DEFINE",
    "else": "ELSE",
    "end": "END",
    "if": "IF",
    "range": "RANGE",
    "nil": "NIL",
    "template": "TEMPLATE",
    "with": "WITH",
}
_SPACE = " \t\r\n"
_NUMBER_RE = re.compile(
    r"[+-]?(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?[0-9_]*)?"
    r"|0[oO][0-7_]*(?:\.[0-7_]*)?|0[bB][01_]*(?:\.[01_]*)?"
    r"|[0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9_]*)?)i?"
)


def _is_alnum(char: str) -> bool:
    """Report whether char can be part of an identifier."""
    return char == "_" or char.isalpha() or char.isdigit()


class _Lexer:
    """Tokenizer following text/template/parse/lex.go (default delimiters)."""

    def __init__(self, text: str) -> None:
        """Prepare to scan text."""
        self.text = text
        self.pos = 0
        self.start = 0
        self.tokens: list[_Token] = []
        self.paren_depth = 0

    def line_at(self, pos: int) -> int:
        """Return the 1-based line of a position."""
        return self.text.count("\n", 0, pos) + 1

    def emit(self, typ: str) -> None:
        """Emit the pending text as a token."""
        self.tokens.append(_Token(typ, self.text[self.start : self.pos], self.start, self.line_at(self.start)))
        self.start = self.pos

    def error(self, message: str) -> None:
        """Emit an error token and stop."""
        self.tokens.append(_Token("ERROR", message, self.start, self.line_at(self.start)))

    def at_right_delim(self) -> tuple[bool, bool]:
        """Return (at right delimiter, with trim marker)."""
        rest = self.text[self.pos :]
        if len(rest) >= 2 and rest[0] in _SPACE and rest[1] == "-" and rest[2:].startswith("}}"):
            return True, True
        return rest.startswith("}}"), False

    def at_terminator(self) -> bool:
        """Report whether the next character may follow an identifier."""
        if self.pos >= len(self.text):
            return True
        return self.text[self.pos] in _SPACE or self.text[self.pos] in ".,|:)(" or self.text.startswith("}}", self.pos)

    def run(self) -> list[_Token]:
        """Scan the whole input."""
        text = self.text
        while True:
            i = text.find("{{", self.pos)
            if i < 0:
                self.pos = len(text)
                if self.pos > self.start:
                    self.emit("TEXT")
                self.emit("EOF")
                return self.tokens
            trim = text[i + 2 : i + 3] == "-" and text[i + 3 : i + 4] != "" and text[i + 3] in _SPACE
            end = i
            if trim:
                end = len(text[:i].rstrip(_SPACE))
                end = max(end, self.start)
            if end > self.start:
                self.pos = end
                self.emit("TEXT")
            self.pos = self.start = i
            if not self.lex_action(trim):
                return self.tokens

    def lex_action(self, trim: bool) -> bool:
        """Scan one action starting at '{{'; return False after an error."""
        text = self.text
        after = self.pos + 2 + (2 if trim else 0)
        if text.startswith("/*", after):
            close = text.find("*/", after + 2)
            if close < 0:
                self.error("unclosed comment")
                return False
            self.pos = close + 2
            delim, trim_right = self.at_right_delim()
            if not delim:
                self.error("comment ends before closing delimiter")
                return False
            self.pos += 4 if trim_right else 2
            if trim_right:
                self.pos = len(text) - len(text[self.pos :].lstrip(_SPACE))
            self.start = self.pos
            return True
        self.pos += 2
        self.emit("LEFT")
        self.pos = self.start = after
        self.paren_depth = 0
        while True:
            delim, trim_right = self.at_right_delim()
            if delim:
                if self.paren_depth:
                    self.error("unclosed left paren")
                    return False
                if trim_right:
                    self.pos += 2
                    self.start = self.pos
                self.pos += 2
                self.emit("RIGHT")
                if trim_right:
                    self.pos = len(text) - len(text[self.pos :].lstrip(_SPACE))
                    self.start = self.pos
                return True
            if not self.lex_inside_action():
                return False

    def lex_inside_action(self) -> bool:
        """Scan one item inside an action; return False after an error."""
        text = self.text
        if self.pos >= len(text):
            self.error("unclosed action")
            return False
        char = text[self.pos]
        self.pos += 1
        if char in _SPACE:
            while self.pos < len(text) and text[self.pos] in _SPACE:
                self.pos += 1
            if text.startswith("-}}", self.pos):
                self.pos -= 1  # leave " -}}" for the right delimiter
                if self.pos == self.start:
                    return True
            self.emit("SPACE")
        elif char == "=":
            self.emit("ASSIGN")
        elif char == ":":
            if text[self.pos : self.pos + 1] != "=":
                self.error("expected :=")
                return False
            self.pos += 1
            self.emit("DECLARE")
        elif char == "|":
            self.emit("PIPE")
        elif char == '"':
            return self.lex_quote('"', "unterminated quoted string", "STRING")
        elif char == "`":
            return self.lex_quote("`", "unterminated raw quoted string", "RAWSTRING")
        elif char == "'":
            return self.lex_quote("'", "unterminated character constant", "CHARCONST")
        elif char == "$":
            return self.lex_field_or_variable("VARIABLE")
        elif char == "." and not text[self.pos : self.pos + 1].isdigit():
            return self.lex_field_or_variable("FIELD")
        elif char in "+-." or char.isdigit():
            match = _NUMBER_RE.match(text, self.pos - 1)
            self.pos = match.end() if match else self.pos
            if self.pos < len(text) and _is_alnum(text[self.pos]):
                self.pos += 1
                self.error(f"bad number syntax: {go_quote(text[self.start : self.pos])}")
                return False
            self.emit("NUMBER")
        elif _is_alnum(char):
            while self.pos < len(text) and _is_alnum(text[self.pos]):
                self.pos += 1
            if not self.at_terminator():
                self.error(f"bad character {_rune_repr(text[self.pos])}")
                return False
            word = text[self.start : self.pos]
            self.emit(_KEYWORDS.get(word) or ("BOOL" if word in ("true", "false") else "IDENTIFIER"))
        elif char == "(":
            self.emit("LPAREN")
            self.paren_depth += 1
        elif char == ")":
            self.paren_depth -= 1
            if self.paren_depth < 0:
                self.error("unexpected right paren")
                return False
            self.emit("RPAREN")
        elif char.isascii() and char.isprintable():
            self.emit("CHAR")
        else:
            self.error(f"unrecognized character in action: {_rune_repr(char)}")
            return False
        return True

    def lex_quote(self, quote: str, message: str, typ: str) -> bool:
        """Scan a quoted string, raw string or character constant."""
        text = self.text
        while True:
            if self.pos >= len(text):
                self.error(message)
                return False
            char = text[self.pos]
            self.pos += 1
            if char == "\\" and quote != "`":
                if self.pos >= len(text) or text[self.pos] == "\n":
                    self.error(message)
                    return False
                self.pos += 1
            elif char == "\n" and quote != "`":
                self.error(message)
                return False
            elif char == quote:
                self.emit(typ)
                return True

    def lex_field_or_variable(self, typ: str) -> bool:
        """Scan .Field or $variable (the leading character is consumed)."""
        if self.at_terminator():
            self.emit("VARIABLE" if typ == "VARIABLE" else "DOT")
            return True
        while self.pos < len(self.text) and _is_alnum(self.text[self.pos]):
            self.pos += 1
        if not self.at_terminator():
            self.error(f"bad character {_rune_repr(self.text[self.pos])}")
            return False
        self.emit(typ)
        return True


def _rune_repr(char: str) -> str:
    """Format a rune like Go's %#U."""
    code = ord(char)
    return f"U+{code:04X} '{char}'" if char.isprintable() else f"U+{code:04X}"


# ----------------------------------------------------------------------------- parse tree


@dataclass
class _Node:
    """Base parse node with a position in the template text."""

    pos: int


@dataclass
class _Text(_Node):
    text: str

    def __str__(self) -> str:
        """Return the node text."""
        return go_quote(self.text)


@dataclass
class _Field(_Node):
    idents: list[str]

    def __str__(self) -> str:
        """Return '.A.B'."""
        return "".join("." + i for i in self.idents)


@dataclass
class _Variable(_Node):
    idents: list[str]

    def __str__(self) -> str:
        """Return '$x.A'."""
        return ".".join(self.idents)


@dataclass
class _Literal(_Node):
    value: Any
    text: str

    def __str__(self) -> str:
        """Return the source text."""
        return self.text


@dataclass
class _Dot(_Node):
    def __str__(self) -> str:
        """Return '.'."""
        return "."


@dataclass
class _Identifier(_Node):
    name: str

    def __str__(self) -> str:
        """Return the function name."""
        return self.name


@dataclass
class _Command(_Node):
    args: list[_Node] = field(default_factory=list)

    def __str__(self) -> str:
        """Return the command source."""
        return " ".join(f"({a})" if isinstance(a, _Pipe) else str(a) for a in self.args)


@dataclass
class _Pipe(_Node):
    decl: list[str] = field(default_factory=list)
    is_assign: bool = False
    cmds: list[_Command] = field(default_factory=list)

    def __str__(self) -> str:
        """Return the pipeline source."""
        text = " | ".join(str(c) for c in self.cmds)
        if self.decl:
            text = ", ".join(self.decl) + (" = " if self.is_assign else " := ") + text
        return text


@dataclass
class _Chain(_Node):
    node: _Node
    fields: list[str]

    def __str__(self) -> str:
        """Return '(pipe).A.B'."""
        base = f"({self.node})" if isinstance(self.node, _Pipe) else str(self.node)
        return base + "".join("." + f for f in self.fields)


@dataclass
class _Action(_Node):
    pipe: _Pipe

    def __str__(self) -> str:
        """Return '{{pipe}}'."""
        return "{{" + str(self.pipe) + "}}"


@dataclass
class _List(_Node):
    nodes: list[_Node] = field(default_factory=list)

    def __str__(self) -> str:
        """Return the concatenated source."""
        return "".join(str(n) for n in self.nodes)


@dataclass
class _Branch(_Node):
    keyword: str
    pipe: _Pipe
    body: _List
    else_body: _List | None

    def __str__(self) -> str:
        """Return the control structure source."""
        text = f"{{{{{self.keyword} {self.pipe}}}}}{self.body}"
        if self.else_body is not None:
            text += f"{{{{else}}}}{self.else_body}"
        return text + "{{end}}"


@dataclass
class _Marker(_Node):
    """{{end}}, {{else}}, {{break}} or {{continue}}."""

    keyword: str

    def __str__(self) -> str:
        """Return '{{keyword}}'."""
        return "{{" + self.keyword + "}}"


class _ParseError(Exception):
    """Internal parse failure carrying the Go message."""


class _Parser:
    """Recursive-descent parser following text/template/parse/parse.go."""

    def __init__(self, text: str, funcs: dict[str, Any]) -> None:
        """Tokenize text and prepare to parse."""
        self.tokens = _Lexer(text).run()
        self.index = 0
        self.funcs = funcs
        self.vars: list[str] = ["$"]
        self.range_depth = 0

    def errorf(self, message: str) -> _ParseError:
        """Build a parse error 'template: :LINE: message'."""
        line = self.tokens[max(self.index - 1, 0)].line
        return _ParseError(f"template: :{line}: {message}")

    def unexpected(self, token: _Token, context: str) -> _ParseError:
        """Build an 'unexpected X in context' error."""
        if token.typ == "ERROR":
            return self.errorf(token.val)
        return self.errorf(f"unexpected {token} in {context}")

    def next(self) -> _Token:
        """Consume the next token."""
        token = self.tokens[min(self.index, len(self.tokens) - 1)]
        self.index += 1
        return token

    def backup(self, count: int = 1) -> None:
        """Step back over tokens."""
        self.index -= count

    def peek(self) -> _Token:
        """Return the next token without consuming it."""
        return self.tokens[min(self.index, len(self.tokens) - 1)]

    def next_non_space(self) -> _Token:
        """Consume the next non-space token."""
        token = self.next()
        while token.typ == "SPACE":
            token = self.next()
        return token

    def peek_non_space(self) -> _Token:
        """Return the next non-space token, consuming only spaces."""
        token = self.next_non_space()
        self.backup()
        return token

    def parse(self) -> _List:
        """Parse the whole template."""
        root = _List(0)
        while self.peek().typ != "EOF":
            node = self.text_or_action()
            if isinstance(node, _Marker) and node.keyword in ("end", "else"):
                raise self.errorf(f"unexpected {node}")
            root.nodes.append(node)
        return root

    def item_list(self) -> tuple[_List, _Marker]:
        """Parse nodes up to {{end}} or {{else}}."""
        items = _List(self.peek_non_space().pos)
        while self.peek_non_space().typ != "EOF":
            node = self.text_or_action()
            if isinstance(node, _Marker) and node.keyword in ("end", "else"):
                return items, node
            items.nodes.append(node)
        raise self.errorf("unexpected EOF")

    def text_or_action(self) -> _Node:
        """Parse a text node or an action."""
        token = self.next_non_space()
        if token.typ == "TEXT":
            return _Text(token.pos, token.val)
        if token.typ == "LEFT":
            return self.action()
        raise self.unexpected(token, "input")

    def action(self) -> _Node:
        """Parse the inside of {{ }}."""
        token = self.next_non_space()
        if token.typ in ("IF", "RANGE", "WITH"):
            return self.control(token.val)
        if token.typ == "END":
            self.expect("RIGHT", "end")
            return _Marker(token.pos, "end")
        if token.typ == "ELSE":
            peek = self.peek_non_space()
            if peek.typ in ("IF", "WITH"):
                return _Marker(peek.pos, "else")
            self.expect("RIGHT", "else")
            return _Marker(token.pos, "else")
        if token.typ in ("BREAK", "CONTINUE"):
            if self.range_depth == 0:
                raise self.errorf(f"{{{{{token.val}}}}} outside {{{{range}}}}")
            self.expect("RIGHT", token.val)
            return _Marker(token.pos, token.val)
        if token.typ in ("DEFINE", "TEMPLATE", "BLOCK"):
            raise self.errorf(f"{{{{{token.val}}}}} is not supported")
        self.backup()
        return _Action(self.peek().pos, self.pipeline("command", "RIGHT"))

    def expect(self, typ: str, context: str) -> _Token:
        """Consume a token of the given type or fail."""
        token = self.next_non_space()
        if token.typ != typ:
            raise self.unexpected(token, context)
        return token

    def control(self, keyword: str) -> _Branch:
        """Parse if/range/with up to its {{end}}."""
        mark = len(self.vars)
        pipe = self.pipeline(keyword, "RIGHT")
        if keyword == "range":
            self.range_depth += 1
        body, marker = self.item_list()
        if keyword == "range":
            self.range_depth -= 1
        else_body = None
        if marker.keyword == "else":
            following = self.peek()
            if keyword in ("if", "with") and following.val == keyword:
                self.next()
                else_body = _List(marker.pos, [self.control(following.val)])
            else:
                else_body, marker = self.item_list()
                if marker.keyword != "end":
                    raise self.errorf(f"expected end; found {marker}")
        del self.vars[mark:]
        return _Branch(pipe.pos, keyword, pipe, body, else_body)

    def pipeline(self, context: str, end: str) -> _Pipe:
        """Parse [decls] command ('|' command)* up to end."""
        pipe = _Pipe(self.peek_non_space().pos)
        while True:
            token = self.peek_non_space()
            if token.typ != "VARIABLE":
                break
            start = self.index
            self.next_non_space()
            following = self.peek_non_space()
            if following.typ in ("DECLARE", "ASSIGN"):
                self.next_non_space()
                pipe.is_assign = following.typ == "ASSIGN"
                pipe.decl.append(token.val)
                self.vars.append(token.val)
                break
            if following.typ == "CHAR" and following.val == ",":
                self.next_non_space()
                pipe.decl.append(token.val)
                self.vars.append(token.val)
                if context == "range" and len(pipe.decl) < 2:
                    if self.peek_non_space().typ in ("VARIABLE", "RIGHT", "RPAREN"):
                        continue
                    raise self.errorf("range can only initialize variables")
                raise self.errorf(f"too many declarations in {context}")
            self.index = start
            break
        while True:
            token = self.next_non_space()
            if token.typ == end:
                if not pipe.cmds:
                    raise self.errorf(f"missing value for {context}")
                for i, cmd in enumerate(pipe.cmds[1:]):
                    if isinstance(cmd.args[0], (_Literal, _Dot)):
                        raise self.errorf(f"non executable command in pipeline stage {i + 2}")
                return pipe
            if token.typ in (
                "BOOL", "CHARCONST", "DOT", "FIELD", "IDENTIFIER", "NUMBER", "NIL",
                "RAWSTRING", "STRING", "VARIABLE", "LPAREN",
            ):  # fmt: skip
                self.backup()
                pipe.cmds.append(self.command())
            else:
                raise self.unexpected(token, context)

    def command(self) -> _Command:
        """Parse one command (space-separated operands)."""
        cmd = _Command(self.peek_non_space().pos)
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                cmd.args.append(operand)
            token = self.next()
            if token.typ == "SPACE":
                continue
            if token.typ in ("RIGHT", "RPAREN"):
                self.backup()
            elif token.typ != "PIPE":
                raise self.unexpected(token, "operand")
            break
        if not cmd.args:
            raise self.errorf("empty command")
        return cmd

    def operand(self) -> _Node | None:
        """Parse a term optionally followed by .Field chains."""
        node = self.term()
        if node is None or self.peek().typ != "FIELD":
            return node
        pos = self.peek().pos  # like Go, a chained node is positioned at its second component
        fields: list[str] = []
        while self.peek().typ == "FIELD":
            fields.append(self.next().val[1:])
        if isinstance(node, _Field):
            return _Field(pos, node.idents + fields)
        if isinstance(node, _Variable):
            return _Variable(pos, node.idents + fields)
        if isinstance(node, (_Literal, _Dot)):
            raise self.errorf(f"unexpected . after term {go_quote(str(node))}")
        return _Chain(pos, node, fields)

    def term(self) -> _Node | None:
        """Parse a single term."""
        token = self.next_non_space()
        typ, val, pos = token.typ, token.val, token.pos
        if typ == "IDENTIFIER":
            if val not in self.funcs:
                raise self.errorf(f'function "{val}" not defined')
            return _Identifier(pos, val)
        if typ == "DOT":
            return _Dot(pos)
        if typ == "NIL":
            return _Literal(pos, None, "nil")
        if typ == "VARIABLE":
            name = val.split(".")[0]
            if name not in self.vars:
                raise self.errorf(f"undefined variable {go_quote(name)}")
            return _Variable(pos, [val])
        if typ == "FIELD":
            return _Field(pos, [val[1:]])
        if typ == "BOOL":
            return _Literal(pos, val == "true", val)
        if typ in ("NUMBER", "CHARCONST"):
            return _Literal(pos, self.number(val, typ), val)
        if typ == "LPAREN":
            return self.pipeline("parenthesized pipeline", "RPAREN")
        if typ in ("STRING", "RAWSTRING"):
            try:
                return _Literal(pos, _unquote(val), val)
            except ValueError:
                raise self.errorf("invalid syntax") from None
        self.backup()
        return None

    def number(self, text: str, typ: str) -> int | float:
        """Convert a number or character constant like Go's parse.NumberNode and idealConstant."""
        try:
            if typ == "CHARCONST":
                value = _unquote(text)
                if len(value) != 1:
                    raise ValueError(text)
                return ord(value)
            lowered = text.lower().lstrip("+-")
            if lowered.startswith("0x") and "p" in lowered:
                return float.fromhex(text.replace("_", ""))
            if re.fullmatch(r"[+-]?0[0-7_]+", text):
                return int(text.replace("_", ""), 8)
            try:
                return int(text, 0)
            except ValueError:
                return float(text)
        except ValueError:
            raise self.errorf(f"illegal number syntax: {go_quote(text)}") from None


_GO_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


def _unquote(text: str) -> str:
    """Unquote a Go string literal like strconv.Unquote."""
    quote, body = text[0], text[1:-1]
    if len(text) < 2 or text[-1] != quote:
        raise ValueError(text)
    if quote == "`":
        if "`" in body:
            raise ValueError(text)
        return body.replace("\r", "")
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == quote or char == "\n":
            raise ValueError(text)
        if char != "\\":
            out.append(char)
            i += 1
            continue
        esc = body[i + 1 : i + 2]
        if esc in _GO_ESCAPES:
            out.append(_GO_ESCAPES[esc])
            i += 2
        elif esc == quote:
            out.append(quote)
            i += 2
        elif esc in ("x", "u", "U"):
            size = {"x": 2, "u": 4, "U": 8}[esc]
            digits = body[i + 2 : i + 2 + size]
            if len(digits) != size or not re.fullmatch(r"[0-9a-fA-F]+", digits):
                raise ValueError(text)
            out.append(chr(int(digits, 16)))
            i += 2 + size
        elif esc and esc in "01234567":
            digits = body[i + 1 : i + 4]
            if not re.fullmatch(r"[0-7]{3}", digits) or int(digits, 8) > 255:
                raise ValueError(text)
            out.append(chr(int(digits, 8)))
            i += 4
        else:
            raise ValueError(text)
    return "".join(out)


# ----------------------------------------------------------------------------- functions


class _FuncError(Exception):
    """An error returned by a template function (reported as 'error calling NAME: …')."""


def _want_str(value: Any) -> str:
    """Check a string argument."""
    if not isinstance(value, str):
        raise _ArgTypeError("string", value)
    return value


def _want_int(value: Any) -> int:
    """Check an int argument."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _ArgTypeError("int", value)
    return value


class _ArgTypeError(Exception):
    """Argument of the wrong type (reported as 'wrong type for value')."""

    def __init__(self, expected: str, value: Any) -> None:
        """Record expected type and the value."""
        super().__init__(expected)
        self.expected = expected
        self.value = value


def _case_map(text: str, upper: bool) -> str:
    """Apply Go's per-rune simple case mapping."""
    out = []
    for char in text:
        mapped = char.upper() if upper else char.lower()
        out.append(mapped if len(mapped) == 1 else char)
    return "".join(out)


def _is_separator(char: str) -> bool:
    """Report word separators like strings.Title's isSeparator."""
    if char.isascii():
        return not (char.isalnum() or char == "_")
    if char.isalpha() or char.isdigit():
        return False
    return char.isspace()


def _title(text: str) -> str:
    """Capitalize each word like Go's deprecated strings.Title."""
    out = []
    prev = " "
    for char in text:
        if _is_separator(prev):
            mapped = char.title()
            out.append(mapped if len(mapped) == 1 else char)
        else:
            out.append(char)
        prev = char
    return "".join(out)


def _split(text: Any, sep: Any) -> list[str]:
    """strings.Split."""
    text, sep = _want_str(text), _want_str(sep)
    return list(text) if sep == "" else text.split(sep)


def _join(elems: Any, sep: Any) -> str:
    """strings.Join as docker CLI v28 registers it (non-string items are printed with %v)."""
    sep = _want_str(sep)
    if elems is None or elems is MISSING:
        return ""
    if not isinstance(elems, (list, tuple)):
        raise _ArgTypeError("[]string", elems)
    return sep.join(go_sprint(e) for e in elems)


def _pad(source: Any, prefix: Any, suffix: Any) -> str:
    """docker's padWithSpace."""
    source, prefix, suffix = _want_str(source), _want_int(prefix), _want_int(suffix)
    return source if source == "" else " " * prefix + source + " " * suffix


def _truncate(source: Any, length: Any) -> str:
    """docker's truncateWithLength (byte based, like Go slicing)."""
    source, length = _want_str(source), _want_int(length)
    raw = source.encode()
    if len(raw) < length:
        return source
    return raw[:length].decode(errors="replace")


def _json(value: Any) -> str:
    """docker's formatJSON."""
    try:
        return go_json(value)
    except ValueError as err:
        raise _FuncError(str(err)) from None


def _len(value: Any) -> int:
    """Go's builtin len."""
    if value is None or value is MISSING:
        raise _FuncError("len of nil pointer")
    if isinstance(value, str):
        return len(value.encode())
    if isinstance(value, (list, tuple, dict)):
        return len(value)
    raise _FuncError(f"len of type {_go_type(value)}")


def _index(item: Any, *indexes: Any) -> Any:
    """Go's builtin index."""
    if item is None or item is MISSING:
        raise _FuncError("index of untyped nil")
    for index in indexes:
        if item is None or item is MISSING:
            raise _FuncError("index of nil pointer")
        if isinstance(item, (list, tuple, str)):
            if isinstance(index, bool) or not isinstance(index, int):
                raise _FuncError(f"cannot index slice/array with type {_go_type(index)}")
            if not 0 <= index < len(item.encode() if isinstance(item, str) else item):
                raise _FuncError(f"index out of range: {index}")
            item = item.encode()[index] if isinstance(item, str) else item[index]
        elif isinstance(item, dict):
            if not isinstance(index, str):
                raise _FuncError(f"value has type {_go_type(index)}; should be string")
            if index in item:
                item = item[index]
            elif all(isinstance(v, str) for v in item.values()):
                item = ""  # typed map[string]string (Labels, Options) yields its zero value
            else:
                item = None
        else:
            raise _FuncError(f"can't index item of type {_go_type(item)}")
    return item


def _slice(item: Any, *indexes: Any) -> Any:
    """Go's builtin slice (item[i:j])."""
    if item is None or item is MISSING:
        raise _FuncError("slice of untyped nil")
    if not isinstance(item, (str, list, tuple)):
        raise _FuncError(f"can't slice item of type {_go_type(item)}")
    if len(indexes) > (3 if isinstance(item, (list, tuple)) else 2):
        raise _FuncError(f"too many slice indexes: {len(indexes)}")
    seq = item.encode() if isinstance(item, str) else item
    bounds = [0, len(seq), len(seq)]
    for i, index in enumerate(indexes):
        if isinstance(index, bool) or not isinstance(index, int):
            raise _FuncError(f"cannot index slice/array with type {_go_type(index)}")
        if not 0 <= index <= len(seq):
            raise _FuncError(f"index out of range: {index}")
        bounds[i] = index
    if bounds[0] > bounds[1]:
        raise _FuncError(f"invalid slice index: {bounds[0]} > {bounds[1]}")
    part = seq[bounds[0] : bounds[1]]
    return part.decode(errors="replace") if isinstance(item, str) else list(part)


def _sprint(*args: Any) -> str:
    """fmt.Sprint: spaces between operands when neither is a string."""
    out = []
    for i, arg in enumerate(args):
        if i > 0 and not isinstance(arg, str) and not isinstance(args[i - 1], str):
            out.append(" ")
        out.append(go_sprint(arg))
    return "".join(out)


def _sprintln(*args: Any) -> str:
    """fmt.Sprintln."""
    return " ".join(go_sprint(a) for a in args) + "\n"


_VERB_RE = re.compile(r"%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])")


def _sprintf(fmt: Any, *args: Any) -> str:
    """fmt.Sprintf for the common verbs (%v %s %d %q %t %f %e %g %x %X %c %%)."""
    fmt = _want_str(fmt)
    values = list(args)
    used = 0

    def replace(match: re.Match[str]) -> str:
        """Format one verb."""
        nonlocal used
        flags, width, prec, verb = match.groups()
        if verb == "%":
            return "%"
        if used >= len(values):
            return f"%!{verb}(MISSING)"
        value = values[used]
        used += 1
        if verb == "T":
            text = _go_type(value)
        elif verb in "vs":
            text = go_sprint(value)
            if prec is not None:
                text = text[: int(prec)]
        elif verb == "q":
            text = go_quote(value) if isinstance(value, str) else go_sprint(value)
        elif verb == "t" and isinstance(value, bool):
            text = go_sprint(value)
        elif verb in "dxXoc" and isinstance(value, int) and not isinstance(value, bool):
            text = {"d": str(value), "x": f"{value:x}", "X": f"{value:X}", "o": f"{value:o}"}.get(verb) or chr(value)
        elif verb in "xX" and isinstance(value, str):
            text = value.encode().hex()
            text = text.upper() if verb == "X" else text
        elif verb in "feEgG" and isinstance(value, (int, float)) and not isinstance(value, bool):
            if verb in "gG" and prec is None:
                text = go_format_float(float(value))
            else:
                text = f"{float(value):.{prec if prec is not None else 6}{verb}}"
        else:
            text = f"%!{verb}({_go_type(value)}={go_sprint(value)})"
        if width:
            text = text.ljust(int(width)) if "-" in flags else text.rjust(int(width), "0" if "0" in flags else " ")
        return text

    result = _VERB_RE.sub(replace, fmt)
    if used < len(values):
        extra = ", ".join(f"{_go_type(v)}={go_sprint(v)}" for v in values[used:])
        result += f"%!(EXTRA {extra})"
    return result


def _basic_kind(value: Any) -> str:
    """Classify a value for comparison like Go's basicKind."""
    if value is None or value is MISSING:
        return "invalid"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "other"


def _eq(arg1: Any, *others: Any) -> bool:
    """Go's builtin eq (numbers compare across int/float for convenience)."""
    if not others:
        raise _FuncError("missing argument for comparison")
    kind1 = _basic_kind(arg1)
    for arg in others:
        kind2 = _basic_kind(arg)
        if kind1 != kind2:
            if kind1 != "invalid" and kind2 != "invalid":
                raise _FuncError("incompatible types for comparison")
            continue
        if kind1 == "other" and (isinstance(arg1, (dict, list)) or isinstance(arg, (dict, list))):
            raise _FuncError(f"non-comparable type {go_sprint(arg)}: {_go_type(arg)}")
        if arg1 == arg or kind1 == "invalid":
            return True
    return False


def _ne(arg1: Any, arg2: Any) -> bool:
    """Go's builtin ne."""
    return not _eq(arg1, arg2)


def _lt(arg1: Any, arg2: Any) -> bool:
    """Go's builtin lt."""
    kind1, kind2 = _basic_kind(arg1), _basic_kind(arg2)
    if kind1 not in ("number", "string") or kind2 not in ("number", "string"):
        raise _FuncError("invalid type for comparison")
    if kind1 != kind2:
        raise _FuncError("incompatible types for comparison")
    if kind1 == "string":
        return arg1.encode() < arg2.encode()
    return arg1 < arg2


# Go parameter types of functions whose literal arguments are type-checked at execution time.
_PARAM_TYPES: dict[str, tuple[str, ...]] = {
    "split": ("string", "string"),
    "join": ("[]string", "string"),
    "title": ("string",),
    "lower": ("string",),
    "upper": ("string",),
    "pad": ("string", "int", "int"),
    "truncate": ("string", "int"),
    "printf": ("string",),
}

_FUNCS: dict[str, tuple[Callable[..., Any], int, bool]] = {
    # name: (implementation, number of fixed args, variadic)
    "json": (_json, 1, False),
    "split": (_split, 2, False),
    "join": (_join, 2, False),
    "title": (lambda s: _title(_want_str(s)), 1, False),
    "lower": (lambda s: _case_map(_want_str(s), upper=False), 1, False),
    "upper": (lambda s: _case_map(_want_str(s), upper=True), 1, False),
    "pad": (_pad, 3, False),
    "truncate": (_truncate, 2, False),
    "len": (_len, 1, False),
    "slice": (lambda item, *idx: _slice(item, *idx), 1, True),
    "index": (_index, 1, True),
    "print": (_sprint, 0, True),
    "println": (_sprintln, 0, True),
    "printf": (_sprintf, 1, True),
    "not": (lambda v: not _truth(v), 1, False),
    "and": (lambda *a: a[-1], 1, True),
    "or": (lambda *a: a[-1], 1, True),
    "eq": (_eq, 1, True),
    "ne": (_ne, 2, False),
    "lt": (_lt, 2, False),
    "le": (lambda a, b: _lt(a, b) or _eq(a, b), 2, False),
    "gt": (lambda a, b: not (_lt(a, b) or _eq(a, b)), 2, False),
    "ge": (lambda a, b: not _lt(a, b), 2, False),
}


# ----------------------------------------------------------------------------- execution


class _Break(Exception):
    """{{break}} inside range."""


class _Continue(Exception):
    """{{continue}} inside range."""


class _NoFinal:
    """Marker: no value piped in from a previous command."""


_NO_FINAL: Any = _NoFinal()


def _literal_fits(value: Any, typ: str) -> bool:
    """Report whether a literal argument suits a Go parameter type."""
    if typ == "string":
        return isinstance(value, str)
    if typ == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    return value is None


class _State:
    """Execution state following text/template/exec.go."""

    def __init__(self, text: str, data: Any, missingkey: str, header: bool = False) -> None:
        """Prepare to execute with $ bound to data."""
        self.text = text
        self.header = header
        self.vars: list[tuple[str, Any]] = [("$", data)]
        self.node: _Node | None = None
        self.missingkey = missingkey
        self.out: list[str] = []

    def errorf(self, message: str) -> TemplateError:
        """Build an execution error with Go's location and context."""
        if self.node is None:
            return TemplateError(f"template: : {message}")
        before = self.text[: self.node.pos]
        line = before.count("\n") + 1
        col = len(before[before.rfind("\n") + 1 :].encode()) if "\n" in before else len(before.encode())
        return TemplateError(f'template: :{line}:{col}: executing "" at <{self.node}>: {message}')

    def var_value(self, name: str) -> Any:
        """Look up a variable."""
        for var_name, value in reversed(self.vars):
            if var_name == name:
                return value
        raise self.errorf(f"undefined variable: {name}")

    def set_var(self, name: str, value: Any) -> None:
        """Assign to the innermost variable with that name."""
        for i in range(len(self.vars) - 1, -1, -1):
            if self.vars[i][0] == name:
                self.vars[i] = (name, value)
                return
        raise self.errorf(f"undefined variable: {name}")

    def walk(self, dot: Any, node: _Node) -> None:
        """Execute a node."""
        self.node = node
        if isinstance(node, _Text):
            self.out.append(node.text)
        elif isinstance(node, _List):
            for child in node.nodes:
                self.walk(dot, child)
        elif isinstance(node, _Action):
            value = self.eval_pipeline(dot, node.pipe)
            if not node.pipe.decl:
                self.node = node
                self.out.append(go_sprint(value))
        elif isinstance(node, _Branch):
            mark = len(self.vars)
            try:
                if node.keyword == "range":
                    self.walk_range(dot, node)
                else:
                    value = self.eval_pipeline(dot, node.pipe)
                    if _truth(value):
                        self.walk(value if node.keyword == "with" else dot, node.body)
                    elif node.else_body is not None:
                        self.walk(dot, node.else_body)
            finally:
                del self.vars[mark:]
        elif isinstance(node, _Marker):
            raise _Break() if node.keyword == "break" else _Continue()

    def walk_range(self, dot: Any, node: _Branch) -> None:
        """Execute {{range}}."""
        value = self.eval_pipeline(dot, node.pipe)
        if isinstance(value, dict):
            pairs = [(k, value[k]) for k in sorted(value, key=_sort_key)]
        elif isinstance(value, (list, tuple)):
            pairs = list(enumerate(value))
        elif isinstance(value, int) and not isinstance(value, bool):
            if len(node.pipe.decl) > 1:
                raise self.errorf(f"can't use {value} to iterate over more than one variable")
            pairs = [(i, i) for i in range(value)]
        elif value is None or value is MISSING:
            pairs = []
        else:
            raise self.errorf(f"range can't iterate over {go_sprint(value)}")
        mark = len(self.vars)
        for key, elem in pairs:
            decl = node.pipe.decl
            if len(decl) == 1:
                self.vars[mark - 1] = (decl[0], elem)
            elif len(decl) == 2:
                self.vars[mark - 2] = (decl[0], key)
                self.vars[mark - 1] = (decl[1], elem)
            try:
                self.walk(elem, node.body)
            except _Break:
                break
            except _Continue:
                pass
            finally:
                del self.vars[mark:]
        if not pairs and node.else_body is not None:
            self.walk(dot, node.else_body)

    def eval_pipeline(self, dot: Any, pipe: _Pipe) -> Any:
        """Evaluate a pipeline, declaring or assigning its variables."""
        self.node = pipe
        value = _NO_FINAL
        for cmd in pipe.cmds:
            value = self.eval_command(dot, cmd, value)
        if value is None:
            value = MISSING  # a nil interface{} is dug out to an invalid value
        for name in pipe.decl:
            if pipe.is_assign:
                self.set_var(name, value)
            else:
                self.vars.append((name, value))
        return value

    def not_a_function(self, cmd: _Command, final: Any) -> None:
        """Reject arguments given to a non-function."""
        if len(cmd.args) > 1 or final is not _NO_FINAL:
            raise self.errorf(f"can't give argument to non-function {cmd.args[0]}")

    def eval_command(self, dot: Any, cmd: _Command, final: Any) -> Any:
        """Evaluate one command of a pipeline."""
        first = cmd.args[0]
        if isinstance(first, _Field):
            self.node = first
            return self.eval_field_chain(dot, dot, first.idents, cmd, final)
        if isinstance(first, _Chain):
            self.node = first
            base = self.eval_arg(dot, first.node)
            return self.eval_field_chain(dot, base, first.fields, cmd, final)
        if isinstance(first, _Variable):
            self.node = first
            name, *idents = first.idents
            value = self.var_value(name)
            if not idents:
                self.not_a_function(cmd, final)
                return value
            return self.eval_field_chain(dot, value, idents, cmd, final)
        if isinstance(first, _Identifier):
            return self.eval_function(dot, first.name, cmd, final)
        if isinstance(first, _Pipe):
            self.not_a_function(cmd, final)
            return self.eval_pipeline(dot, first)
        self.node = first
        self.not_a_function(cmd, final)
        if isinstance(first, _Dot):
            return dot
        if first.value is None:
            raise self.errorf("nil is not a command")
        return first.value

    def eval_field_chain(self, dot: Any, receiver: Any, idents: list[str], cmd: _Command, final: Any) -> Any:
        """Walk .A.B.C from receiver."""
        for name in idents[:-1]:
            receiver = self.eval_field(receiver, name)
        methods = getattr(receiver, "methods", None) or {} if isinstance(receiver, GoStruct) else {}
        if idents[-1] in methods:
            return self.call_method(dot, methods[idents[-1]], idents[-1], cmd, final)
        if (len(cmd.args) > 1 or final is not _NO_FINAL) and isinstance(receiver, dict):
            raise self.errorf(f"{idents[-1]} is not a method but has arguments")
        return self.eval_field(receiver, idents[-1])

    def call_method(self, dot: Any, method: Callable[..., Any], name: str, cmd: _Command, final: Any) -> Any:
        """Call a struct's method (``.Label "key"``) with the command's arguments plus the piped value."""
        import inspect

        args = [self.eval_arg(dot, node) for node in cmd.args[1:]]
        if final is not _NO_FINAL:
            args.append(final)
        want = len(inspect.signature(method).parameters)
        if len(args) != want:
            raise self.errorf(f"wrong number of args for {name}: want {want} got {len(args)}")
        for arg in args:
            if not isinstance(arg, str):
                raise self.errorf(f"wrong type for value; expected string; got {_go_type(arg)}")
        return method(*args)

    def eval_field(self, receiver: Any, name: str) -> Any:
        """Evaluate one field lookup."""
        if receiver is MISSING:
            if self.missingkey == "error":
                raise self.errorf(f"nil data; no entry for key {go_quote(name)}")
            return MISSING
        if receiver is None:
            raise self.errorf(f"nil pointer evaluating interface {{}}.{name}")
        if isinstance(receiver, GoStruct):
            if name in receiver:
                return receiver[name]
            raise self.errorf(f"can't evaluate field {name} in type {receiver.go_type}")
        if isinstance(receiver, dict):
            if name in receiver:
                return receiver[name]
            if self.missingkey == "error":
                raise self.errorf(f"map has no entry for key {go_quote(name)}")
            return None if self.missingkey == "zero" else MISSING
        raise self.errorf(f"can't evaluate field {name} in type {_go_type(receiver)}")

    def eval_arg(self, dot: Any, node: _Node) -> Any:
        """Evaluate a function argument."""
        self.node = node
        if isinstance(node, _Dot):
            return dot
        if isinstance(node, _Literal):
            return node.value
        if isinstance(node, _Pipe):
            return self.eval_pipeline(dot, node)
        if isinstance(node, _Identifier):
            return self.eval_function(dot, node.name, _Command(node.pos, [node]), _NO_FINAL)
        return self.eval_command(dot, _Command(node.pos, [node]), _NO_FINAL)

    def eval_function(self, dot: Any, name: str, cmd: _Command, final: Any) -> Any:
        """Call a template function with the command's arguments plus the piped value."""
        func, fixed, variadic = _FUNCS[name]
        if self.header and name in _HEADER_FUNCS:
            func = _HEADER_FUNCS[name]
        arg_nodes = cmd.args[1:]
        count = len(arg_nodes) + (final is not _NO_FINAL)
        self.node = cmd.args[0]
        if variadic and count < fixed:
            raise self.errorf(f"wrong number of args for {name}: want at least {fixed} got {len(arg_nodes)}")
        if not variadic and count != fixed:
            raise self.errorf(f"wrong number of args for {name}: want {fixed} got {count}")
        if name in ("and", "or"):
            value: Any = MISSING
            for node in arg_nodes:
                value = self.eval_arg(dot, node)
                if _truth(value) == (name == "or"):
                    return value
            return final if final is not _NO_FINAL else value
        types = _PARAM_TYPES.get(name, ())
        for node, typ in zip(arg_nodes, types, strict=False):
            if isinstance(node, _Literal) and not _literal_fits(node.value, typ):
                self.node = node
                expected = "integer" if typ == "int" else typ
                raise self.errorf(f"expected {expected}; found {node}")
        args = [self.eval_arg(dot, node) for node in arg_nodes]
        if final is not _NO_FINAL:
            args.append(final)
        self.node = cmd
        try:
            return func(*args)
        except _ArgTypeError as err:
            if err.value is MISSING or err.value is None:
                raise self.errorf(f"invalid value; expected {err.expected}") from None
            raise self.errorf(f"wrong type for value; expected {err.expected}; got {_go_type(err.value)}") from None
        except _FuncError as err:
            raise self.errorf(f"error calling {name}: {err}") from None


# docker/cli templates.HeaderFunctions: a table's header row keeps the column names as they are.
_HEADER_FUNCS: dict[str, Callable[..., Any]] = {
    "json": lambda value: value,
    "split": lambda value, sep: value,
    "join": lambda value, sep: value,
    "title": lambda value: value,
    "lower": lambda value: value,
    "upper": lambda value: value,
    "truncate": lambda value, length: value,
}


def render(template: str, data: Any, missingkey: str = "default", header: bool = False) -> str:
    """Render a Go text/template subset against JSON-like data, as docker --format does.

    *header* renders a ``table`` format's header row: the CLI's ``HeaderFunctions`` replace
    ``json``, ``split``, ``join``, ``title``, ``lower``, ``upper`` and ``truncate`` (names kept as they are).
    """
    try:
        tree = _Parser(template, _FUNCS).parse()
    except _ParseError as err:
        raise TemplateError(str(err)) from None
    state = _State(template, data, missingkey, header)
    state.walk(data, tree)
    return "".join(state.out)


class FormatterContext(GoStruct):
    """A docker/cli formatter context (``imageContext``, ``ContainerContext``, …): a struct of text fields.

    Its ``MarshalJSON`` goes through ``json.Marshal`` of a map, so ``{{json .}}`` writes its fields
    in key order with ``<``, ``>`` and ``&`` escaped (``\\u003e``), unlike the ``json`` function's own encoder.
    """

    def marshal_json(self) -> str:
        """The context as the CLI's ``MarshalJSON`` writes it."""
        return "{" + ",".join(f"{_json_string(k, True)}:{_marshal(v)}" for k, v in sorted(self.items())) + "}"


def _marshal(value: Any) -> str:
    """A context field's value in ``json.Marshal``'s form (strings HTML-escaped)."""
    return _json_string(value, True) if isinstance(value, str) else go_json(value)
