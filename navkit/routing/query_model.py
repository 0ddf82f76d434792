"""A page's query declared as a dataclass: one typed value, defaults kept out of the URL.

A view parameter annotated with a dataclass receives the whole query as one
instance of it::

    @dataclass(frozen=True)
    class NotesQuery:
        page: int = 1
        sort: Literal["title", "date"] = "date"
        tags: list[str] = field(default_factory=list)

    @router.route("/notes")
    def notes(query: NotesQuery): ...

Each field is read from the query key of its name with the converters
navkit has for view parameters (int, float, bool, enums, ``Literal``,
lists, optionals). A value equal to its field's default is never written
(``url_for``, ``nav.update_query``), so ``/notes`` and ``/notes?page=1`` are
one page and links stay short. A value that does not convert is a 400, or
the field's default when the route says ``invalid_query="default"``.

The converters are navkit's own rather than pydantic's ``TypeAdapter``: the
same ones read path parameters and single query values, so a field reads
exactly as a view parameter of the same annotation does, with the same
error text, and no dependency is added for it.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from navkit.errors import BadRequest
from navkit.routing.converters import Converter, ListConverter

__all__ = ["QueryField", "QueryModel", "is_query_model"]

_REQUIRED: Any = dataclasses.MISSING


def is_query_model(annotation: Any) -> bool:
    """Whether a view parameter annotated ``annotation`` receives the query as one value."""
    return isinstance(annotation, type) and dataclasses.is_dataclass(annotation)


@dataclass(frozen=True, slots=True)
class QueryField:
    """One field of a query model.

    Attributes:
        name: The field, and its query key.
        converter: Converts each value (a list collects a repeated key).
        default: Makes the value when the key is absent (None: required).
    """

    name: str
    converter: Converter
    default: Callable[[], Any] | None

    def convert(self, texts: list[str]) -> Any:
        """The value of ``texts`` (every value of the key); ValueError when one does not convert."""
        if isinstance(self.converter, ListConverter):
            return [self.converter.item.to_python(text) for text in texts]
        return self.converter.to_python(texts[-1])


@dataclass(frozen=True, slots=True)
class QueryModel:
    """A dataclass a view takes its query as (see the module docstring).

    Attributes:
        parameter: The view parameter that receives it.
        cls: The dataclass.
        fields: Its fields, in order.
    """

    parameter: str
    cls: type
    fields: tuple[QueryField, ...]

    @classmethod
    def of(
        cls, parameter: str, model: type, converter_for: Callable[[str, Any], Converter]
    ) -> QueryModel:
        """Read ``model``'s fields; ``converter_for(name, annotation)`` gives each converter."""
        hints = _hints(model)
        found = []
        for field in dataclasses.fields(model):
            if not field.init:
                continue
            default: Callable[[], Any] | None = None
            if field.default is not _REQUIRED:
                default = _constant(field.default)
            elif field.default_factory is not _REQUIRED:
                default = cast("Callable[[], Any]", field.default_factory)
            found.append(
                QueryField(
                    field.name, converter_for(field.name, hints.get(field.name, str)), default
                )
            )
        return cls(parameter, model, tuple(found))

    @property
    def names(self) -> frozenset[str]:
        """The query keys it reads."""
        return frozenset(field.name for field in self.fields)

    def read(self, values: Mapping[str, list[str]], path: str, *, lenient: bool) -> Any:
        """The instance for the query ``values`` (key: every value given).

        Raises:
            BadRequest: A required field is missing, or a value does not
                convert (with ``lenient``, such a value is the default instead).
        """
        given: dict[str, Any] = {}
        for field in self.fields:
            texts = values.get(field.name)
            if texts:
                try:
                    given[field.name] = field.convert(texts)
                    continue
                except ValueError as error:
                    if not lenient or field.default is None:
                        raise BadRequest(
                            detail=f"the query parameter {field.name!r} is invalid: {error}",
                            path=path,
                            parameter=field.name,
                        ) from None
            if field.default is None:
                raise BadRequest(
                    detail=f"the query parameter {field.name!r} is required",
                    path=path,
                    parameter=field.name,
                )
            given[field.name] = field.default()
        try:
            return self.cls(**given)
        except (ValueError, TypeError) as error:  # the dataclass's own checks (__post_init__)
            defaults = {f.name: f.default() for f in self.fields if f.default is not None}
            if lenient and len(defaults) == len(self.fields):
                return self.cls(**defaults)
            raise BadRequest(detail=f"the query is invalid: {error}", path=path) from None

    def written(self, pairs: Iterable[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """``pairs`` with this model expanded and every value equal to its default left out.

        An instance of the model given under its parameter's name stands for
        its fields.
        """
        defaults = {field.name: field.default for field in self.fields}
        result: list[tuple[str, Any]] = []
        for name, value in pairs:
            if name == self.parameter and isinstance(value, self.cls):
                result.extend(self.written((f.name, getattr(value, f.name)) for f in self.fields))
                continue
            default = defaults.get(name)
            if default is not None and _same(value, default()):
                continue
            result.append((name, value))
        return result


def _same(value: Any, default: Any) -> bool:
    """Whether ``value`` is the default (a list compares item by item, a tuple as a list)."""
    if isinstance(value, tuple):
        value = list(value)
    try:
        return bool(value == default)
    except Exception:  # an app type whose __eq__ fails: write it
        return False


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _hints(model: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(model)
    except Exception:
        return dict(getattr(model, "__annotations__", {}))
