"""Every way a parsed file differs from the format, all at once, in the file's own words.

msgspec stops at the first mismatch. When it finds one, this walks the parsed TOML against
the same msgspec models (read through `msgspec.inspect`, so the models stay the one source of
truth for the field list) and collects every unknown key, missing field, wrong type, unknown
choice and value out of range, each with how to write it instead. Imported only when a file
has a problem: good files never pay for it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import msgspec.inspect as mi

from trakon_tui.core import model
from trakon_tui.core.problems import Finding
from trakon_tui.i18n import LANGUAGES, N_

Path_ = tuple[str | int, ...]

# Choices in the order the format lists them (msgspec.inspect sorts them).
_ORDERS: tuple[tuple[str, ...], ...] = (
    model.ZONES,
    model.ROUTE_ZONES,
    model.PHASE_TYPES,
    model.PAGE_ROLES,
    model.KINDS,
    ("fi", "en"),
    ("group", "individual"),
)


def check(raw: Mapping[str, Any]) -> list[Finding]:
    """Every problem with the file's fields, in the order the walk meets them."""
    return list(_file(raw))


def _file(raw: Mapping[str, Any]) -> Iterator[Finding]:
    kind = raw.get("kind")
    cls: type[model.Item] | None = None
    if "kind" not in raw:
        yield Finding(
            (),
            N_("required field “kind” is missing; kinds are: {kinds}"),
            {"kinds": ", ".join(model.KINDS)},
        )
    elif not isinstance(kind, str):
        yield Finding(("kind",), *_how_to_write(mi.LiteralType(model.KINDS), "kind", {}))
    elif kind not in model.KIND_MODELS:
        yield _not_a_choice(("kind",), kind, model.KINDS)
    else:
        cls = model.KIND_MODELS[kind]
    if cls is not None:
        yield from _struct(raw, _info(cls), ())
        return
    # Without a kind, the fields every kind shares are checked, and a key that no kind knows
    # is still a typo worth naming.
    common = _info(model.Item)
    known = sorted(_top_level_fields())
    for key, value in raw.items():
        field = next((f for f in common.fields if f.name == key), None)
        if field is not None:
            yield from _value(value, field.type, (key,))
        elif key != "kind" and key not in known:
            yield _unknown((key,), known)
    for field in common.fields:
        if field.required and field.name not in raw:
            yield _missing((), field)


@cache
def _info(cls: type[model.Item]) -> mi.StructType:
    info = mi.type_info(cls)
    assert isinstance(info, mi.StructType)
    return info


@cache
def _top_level_fields() -> frozenset[str]:
    return frozenset(name for cls in model.KIND_MODELS.values() for name in cls.__struct_fields__)


# --- the walk --------------------------------------------------------------------------------


def _struct(value: object, info: mi.StructType, path: Path_) -> Iterator[Finding]:
    if not isinstance(value, dict):
        yield Finding(path, *_how_to_write(info, _name(path), {}))
        return
    fields = {field.name: field for field in info.fields}
    for key, child in value.items():
        field = fields.get(key)
        if field is not None:
            yield from _value(child, field.type, (*path, key))
        elif key != info.tag_field:
            yield _unknown((*path, key), sorted(fields))
    for field in info.fields:
        if field.required and field.name not in value:
            yield _missing(path, field)


def _value(value: object, type_: mi.Type, path: Path_) -> Iterator[Finding]:
    meta, type_ = _unwrap(type_)
    if isinstance(type_, mi.UnionType):  # `x | None`: TOML has no null, so None is "left out"
        for option in type_.types:
            option_meta, option = _unwrap(option)
            if not isinstance(option, mi.NoneType) and _fits(value, option):
                yield from _checked(value, option, {**meta, **option_meta}, path)
                return
        yield Finding(path, *_how_to_write(type_, _name(path), meta))
        return
    if not _fits(value, type_):
        yield Finding(path, *_how_to_write(type_, _name(path), meta))
        return
    yield from _checked(value, type_, meta, path)


def _checked(value: Any, type_: mi.Type, meta: dict[str, Any], path: Path_) -> Iterator[Finding]:
    """`value` has the right type: its range, length, pattern or choice, and what is in it."""
    if isinstance(type_, (mi.IntType, mi.FloatType)):
        yield from _range(value, type_, path)
    elif isinstance(type_, mi.StrType):
        if type_.min_length and len(value) < type_.min_length:
            yield Finding(path, N_("must not be empty"))
        elif type_.max_length is not None and len(value) > type_.max_length:
            yield Finding(
                path,
                N_("too long: at most {limit} characters; this one has {n}"),
                {"limit": type_.max_length, "n": len(value)},
            )
        elif type_.pattern == model.SLUG_PATTERN and not _is_slug(value):
            yield Finding(
                path,
                N_("use lowercase letters a–z, digits and single hyphens, like “box-breathing”"),
            )
    elif isinstance(type_, mi.LiteralType):
        if value not in type_.values:
            yield _not_a_choice(path, value, _ordered(type_.values))
    elif isinstance(type_, mi.ListType):
        yield from _length(value, type_, path)
        for index, item in enumerate(value):
            yield from _value(item, type_.item_type, (*path, index))
    elif isinstance(type_, mi.DictType):  # a localised text: { fi = "…", en = "…" }
        if not value:
            yield Finding(path, N_("must not be empty"))
        for key, text in value.items():
            if key not in LANGUAGES:
                yield Finding(
                    (*path, key), N_("unknown language “{value}”; use fi or en"), {"value": key}
                )
            else:
                yield from _value(text, type_.value_type, (*path, key))
    elif isinstance(type_, mi.StructType):
        yield from _struct(value, type_, path)


def _unwrap(type_: mi.Type) -> tuple[dict[str, Any], mi.Type]:
    """A type without its msgspec.Meta, and what the Meta said (unit, examples)."""
    meta: dict[str, Any] = {}
    while isinstance(type_, mi.Metadata):
        meta.update(type_.extra or {})
        examples = (type_.extra_json_schema or {}).get("examples")
        if examples:
            meta.setdefault("example", examples[0])
        type_ = type_.type
    return meta, type_


def _fits(value: object, type_: mi.Type) -> bool:
    """Whether `value` has the type (not yet whether its value is allowed)."""
    _meta, type_ = _unwrap(type_)
    if isinstance(type_, mi.BoolType):
        return isinstance(value, bool)
    if isinstance(type_, mi.IntType):
        return type(value) is int
    if isinstance(type_, mi.FloatType):
        return type(value) in (int, float)
    if isinstance(type_, (mi.StrType, mi.LiteralType)):
        return isinstance(value, str)
    if isinstance(type_, mi.ListType):
        return isinstance(value, list)
    if isinstance(type_, (mi.DictType, mi.StructType)):
        return isinstance(value, dict)
    return True  # a type the format does not use: msgspec has the last word


def _range(value: float, type_: mi.IntType | mi.FloatType, path: Path_) -> Iterator[Finding]:
    if type_.ge is not None and value < type_.ge:
        yield Finding(path, N_("must be at least {limit}"), {"limit": f"{type_.ge:g}"})
    elif type_.gt is not None and value <= type_.gt:
        yield Finding(path, N_("must be more than {limit}"), {"limit": f"{type_.gt:g}"})
    elif type_.le is not None and value > type_.le:
        yield Finding(path, N_("must be at most {limit}"), {"limit": f"{type_.le:g}"})
    elif type_.lt is not None and value >= type_.lt:
        yield Finding(path, N_("must be less than {limit}"), {"limit": f"{type_.lt:g}"})


def _length(value: list[Any], type_: mi.ListType, path: Path_) -> Iterator[Finding]:
    if type_.min_length and len(value) < type_.min_length:
        yield Finding(path, N_("must not be empty"))
    elif type_.max_length is not None and len(value) > type_.max_length:
        yield Finding(
            path,
            N_("too many: at most {limit}; this list has {n}"),
            {"limit": type_.max_length, "n": len(value)},
        )


def _is_slug(text: str) -> bool:
    import re

    return re.fullmatch(model.SLUG_PATTERN, text) is not None


def _ordered(values: tuple[Any, ...]) -> tuple[str, ...]:
    for order in _ORDERS:
        if set(order) == set(values):
            return order
    return tuple(str(v) for v in values)


def _name(path: Path_) -> str | None:
    """The key a value is written under, or None for an entry of a list."""
    return path[-1] if path and isinstance(path[-1], str) else None


# --- problems ----------------------------------------------------------------------------------


def _unknown(path: Path_, known: list[str]) -> Finding:
    name = str(path[-1])
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return Finding(
            path,
            N_("unknown field “{name}” (did you mean “{hint}”?)"),
            {"name": name, "hint": close[0]},
            key=True,
        )
    return Finding(
        path,
        N_("unknown field “{name}”; the fields here are: {fields}"),
        {"name": name, "fields": ", ".join(known)},
        key=True,
    )


def _missing(path: Path_, field: mi.Field) -> Finding:
    meta, type_ = _unwrap(field.type)
    if isinstance(type_, mi.ListType) and isinstance(_unwrap(type_.item_type)[1], mi.StructType):
        return Finding(
            path,
            N_("required field “{name}” is missing; add at least one {example} table"),
            {"name": field.name, "example": f"`[[{field.name}]]`"},
        )
    return Finding(
        path,
        N_("required field “{name}” is missing; add it, e.g. {example}"),
        {"name": field.name, "example": _snippet(type_, field.name, meta)},
    )


def _not_a_choice(path: Path_, value: str, allowed: tuple[str, ...]) -> Finding:
    close = difflib.get_close_matches(value, allowed, n=1)
    if close:
        return Finding(
            path,
            N_("“{value}” is not allowed here (did you mean “{hint}”?); choose one of: {allowed}"),
            {"value": value, "hint": close[0], "allowed": ", ".join(allowed)},
        )
    return Finding(
        path,
        N_("“{value}” is not allowed here; choose one of: {allowed}"),
        {"value": value, "allowed": ", ".join(allowed)},
    )


def _how_to_write(
    type_: mi.Type, name: str | None, meta: dict[str, Any]
) -> tuple[str, dict[str, object]]:
    """What to write instead of a value of the wrong type: a message id and its arguments."""
    example = _snippet(type_, name, meta)
    args: dict[str, object] = {"example": example}
    unit = meta.get("unit")
    if isinstance(type_, mi.UnionType):
        kinds = [_unwrap(t)[1] for t in type_.types if not isinstance(t, mi.NoneType)]
        if all(isinstance(t, (mi.DictType, mi.StrType)) for t in kinds) and len(kinds) > 1:
            plain = f'`{name} = "…"`' if name else '`"…"`'
            return N_("write a text in quotes, {plain}, or in Finnish and English, {example}"), {
                **args,
                "plain": plain,
            }
        first_meta, first = _unwrap(next(t for t in type_.types if not isinstance(t, mi.NoneType)))
        return _how_to_write(first, name, {**meta, **first_meta})
    if isinstance(type_, mi.IntType):
        if unit == "seconds":
            return N_("write a whole number of seconds without quotes, e.g. {example}"), args
        if unit == "minutes":
            return N_("write a whole number of minutes without quotes, e.g. {example}"), args
        return N_("write a whole number without quotes, e.g. {example}"), args
    if isinstance(type_, mi.FloatType):
        if unit == "seconds":
            return (
                N_("write a number of seconds without quotes, e.g. {example} (a decimal takes a "
                   "point: 4.5)"),
                args,
            )  # fmt: skip
        return N_("write a number without quotes, e.g. {example} (a decimal takes a point)"), args
    if isinstance(type_, mi.BoolType):
        return N_("write true or false without quotes, e.g. {example}"), args
    if isinstance(type_, mi.LiteralType):
        choices = ", ".join(f'"{v}"' for v in _ordered(type_.values))
        return N_("write one of {choices}, in quotes, e.g. {example}"), {**args, "choices": choices}
    if isinstance(type_, mi.StrType):
        if type_.pattern == model.SLUG_PATTERN:
            return N_("write an id in quotes, e.g. {example}"), args
        return N_("write a text in quotes, e.g. {example}"), args
    if isinstance(type_, mi.DictType):
        return N_("write the text in Finnish and English: {example} (one language is enough)"), args
    if isinstance(type_, mi.ListType):
        if isinstance(_unwrap(type_.item_type)[1], mi.StructType):
            return N_("write each one as a table of its own that starts with a {example} line"), {
                "example": f"`[[{name}]]`"
            }
        return N_("write a list in square brackets, e.g. {example}"), args
    if isinstance(type_, mi.StructType):
        return N_("write a table, e.g. {example}"), args
    return N_("this value has the wrong type"), {}


def _snippet(type_: mi.Type, name: str | None, meta: dict[str, Any]) -> str:
    """How a value of this type is written, as a line of TOML in backticks."""
    value = _example(type_, meta)
    if value is None:  # a table with tables in it: its own heading
        return f"`[{name}]`"
    return f"`{name} = {value}`" if name else f"`{value}`"


def _example(type_: mi.Type, meta: dict[str, Any]) -> str | None:
    more, type_ = _unwrap(type_)
    meta = {**meta, **more}
    if "example" in meta:
        return _toml(meta["example"])
    if isinstance(type_, mi.UnionType):
        kinds = [t for t in type_.types if not isinstance(t, mi.NoneType)]
        return _example(kinds[0], meta)
    if isinstance(type_, mi.BoolType):
        return "true"
    if isinstance(type_, (mi.IntType, mi.FloatType)):
        low = type_.ge if type_.ge is not None else (type_.gt or 0) + 1
        return _toml(low)
    if isinstance(type_, mi.LiteralType):
        return _toml(_ordered(type_.values)[0])
    if isinstance(type_, mi.StrType):
        return '"our-practice"' if type_.pattern == model.SLUG_PATTERN else '"…"'
    if isinstance(type_, mi.DictType):
        return '{ fi = "…", en = "…" }'
    if isinstance(type_, mi.ListType):
        _m, item = _unwrap(type_.item_type)
        if isinstance(item, mi.LiteralType):
            return "[" + ", ".join(_toml(v) for v in _ordered(item.values)[:2]) + "]"
        inner = _example(item, {})
        return None if inner is None else f"[{inner}]"
    if isinstance(type_, mi.StructType):
        parts = []
        for field in type_.fields:
            value = _example(field.type, {})
            if value is None or value.startswith("{"):
                return None
            parts.append(f"{field.name} = {value}")
        return "{ " + ", ".join(parts) + " }"
    return None


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
