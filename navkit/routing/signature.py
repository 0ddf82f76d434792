"""Read a view function's signature: which converter each parameter gets.

Parameters named in the template are path parameters. Every other parameter
is read from the query string, converted by its annotation, with the Python
default when the key is absent (``list[int]`` collects repeated keys).
This runs once, at registration; navigation only reads the result.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from navkit.errors import RouteError
from navkit.routing.converters import (
    Converter,
    ConverterRegistry,
    PathConverter,
    StrConverter,
)
from navkit.routing.query_model import QueryModel, is_query_model
from navkit.routing.templates import Param, Template

__all__ = ["QueryParam", "ViewParameters", "ViewSignature", "injected_kind", "read_signature"]

_NO_DEFAULT: Any = inspect.Parameter.empty


@dataclass(frozen=True, slots=True)
class QueryParam:
    """A view parameter filled from the query string.

    Attributes:
        name: Parameter (and query key) name.
        converter: Converts each value; a :class:`ListConverter` collects
            every value of a repeated key.
        default: The value when the key is absent (``_NO_DEFAULT``: required).
    """

    name: str
    converter: Converter
    default: Any = _NO_DEFAULT

    @property
    def required(self) -> bool:
        """True when the view gives no default."""
        return self.default is _NO_DEFAULT


@dataclass(frozen=True, slots=True)
class ViewSignature:
    """What navkit needs to know about a view function.

    Attributes:
        path_converters: Converter per template parameter.
        query: Parameters read from the query string.
        optional_fallbacks: For optional template parameters: the value used
            when absent (the view's default, else ``None``).
        injected: Parameters that receive what navkit hands a view rather than
            a value from the address, with what: ``"Navigator"`` (annotated
            ``navkit.Navigator``: the page's navigator) or ``"Navigation"``
            (``navkit.Navigation``: the navigation being built).
    """

    path_converters: Mapping[str, Converter]
    query: tuple[QueryParam, ...]
    optional_fallbacks: Mapping[str, Any]
    injected: tuple[tuple[str, str], ...] = ()
    query_model: QueryModel | None = None


@dataclass(frozen=True, slots=True)
class ViewParameters:
    """What inspecting a view function once yields (shared by all its routes).

    Attributes:
        parameters: Keyword-passable parameters, by name.
        takes_any: True when the view accepts ``**kwargs``.
        hints: Resolved annotations (raw strings where resolution failed).
    """

    parameters: Mapping[str, inspect.Parameter]
    takes_any: bool
    hints: Mapping[str, Any]

    @classmethod
    def of(cls, view: Callable[..., Any]) -> ViewParameters:
        """Inspect ``view``.

        Raises:
            RouteError: Its signature cannot be read.
        """
        try:
            signature = inspect.signature(view)
        except (TypeError, ValueError) as error:
            raise RouteError(f"cannot read the signature of {view!r}: {error}") from None
        parameters = {
            name: parameter
            for name, parameter in signature.parameters.items()
            if parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)
        }
        takes_any = any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values())
        return cls(parameters, takes_any, _type_hints(view))


def read_signature(  # noqa: PLR0912, PLR0913 - registration's inputs; one rule per kind of parameter
    view: Callable[..., Any],
    inspected: ViewParameters,
    template: Template,
    *,
    defaults: Mapping[str, Any],
    converters: Mapping[str, Any],
    registry: ConverterRegistry,
    loaded: str = "",
) -> ViewSignature:
    """Work out converters for ``view`` (inspected as ``inspected``) at ``template``.

    Args:
        loaded: The parameter that receives a loader's result ("" if none):
            never read from the query.

    Raises:
        RouteError: A template parameter the view cannot accept, an
            annotation with no converter, or an unknown ``converters`` key.
    """
    where = f"view {getattr(view, '__qualname__', view)!r} at {template.source!r}"
    parameters = inspected.parameters
    takes_any = inspected.takes_any
    hints = inspected.hints
    template_params = template.params  # derived on each access: read once
    path_names = {param.name for param in template_params}

    for name in (*path_names, *defaults):
        if name not in parameters and not takes_any:
            raise RouteError(f"{where} has no parameter {name!r} (add it, or accept **kwargs)")
    if loaded and loaded not in parameters and not takes_any:
        raise RouteError(f"{where} has a loader= but no parameter {loaded!r} for its result")
    for name in converters:
        if name not in parameters and name not in path_names:
            raise RouteError(f"converters= names {name!r}, which {where} does not take")

    def converter_for(name: str) -> Converter:
        return _converter_for(where, name, converters.get(name, hints.get(name, str)), registry)

    path_converters: dict[str, Converter] = {}
    fallbacks: dict[str, Any] = {}
    for param in template_params:
        path_converters[param.name] = _path_converter(where, param, converter_for(param.name))
        if param.optional:
            parameter = parameters.get(param.name)
            default = parameter.default if parameter is not None else _NO_DEFAULT
            fallbacks[param.name] = defaults.get(
                param.name, None if default is _NO_DEFAULT else default
            )

    query: list[QueryParam] = []
    injected: list[tuple[str, str]] = []
    model: QueryModel | None = None
    for name, parameter in parameters.items():
        if name in path_names or name in defaults or name == loaded:
            continue
        kind = injected_kind(hints.get(name))
        if kind is not None:
            injected.append((name, kind))
            continue
        if is_query_model(hints.get(name)) and name not in converters:
            if model is not None:
                raise RouteError(f"{where}: one query dataclass per view ({model.parameter!r})")
            model = QueryModel.of(
                name, hints[name], lambda key, spec: _converter_for(where, key, spec, registry)
            )
            continue
        query.append(QueryParam(name, converter_for(name), parameter.default))
    if model is not None:
        clash = model.names & ({param.name for param in query} | path_names)
        if clash:
            raise RouteError(f"{where}: {sorted(clash)} is both a query field and a parameter")
    return ViewSignature(path_converters, tuple(query), fallbacks, tuple(injected), model)


def _converter_for(where: str, name: str, spec: Any, registry: ConverterRegistry) -> Converter:
    """The converter for ``spec`` (an annotation, a name, a converter), or a clear error."""
    if spec is _NO_DEFAULT or spec is Any:
        spec = str
    try:
        return registry.resolve(spec)
    except LookupError:
        if isinstance(spec, str):  # an annotation get_type_hints could not resolve
            raise RouteError(
                f"{where}: cannot resolve the annotation {spec!r} of {name!r}; "
                f"pass converters={{{name!r}: ...}}"
            ) from None
        raise RouteError(
            f"{where}: no converter for {spec!r} (parameter {name!r}); "
            f"register one with router.add_converter()"
        ) from None


def _path_converter(where: str, param: Param, converter: Converter) -> Converter:
    """``converter``, or a path converter for a ``str`` that may hold several segments.

    Raises:
        RouteError: The parameter and its converter disagree on segments:
            ``url_for`` would build addresses that do not match.
    """
    if converter.multi_segment and not param.multi_segment:
        raise RouteError(
            f"{where}: {param.name!r} is one segment, but its {type(converter).__name__} "
            f"gives values of several (a/b); write ':{param.name}+' (or ':{param.name}*' "
            f"for none)"
        )
    if not param.multi_segment or converter.multi_segment:
        return converter
    if isinstance(converter, StrConverter):
        return PathConverter()
    raise RouteError(
        f"{where}: {param.name!r} can hold several segments; annotate it "
        f"str or list[...], not {type(converter).__name__}"
    )


# Classes whose instances the navigator passes to view functions carry this
# attribute, naming themselves (navkit.Navigator, navkit.Navigation);
# annotations are matched by it, not by import, so that this module stays
# free of the navigation layers.
INJECT_MARKER = "__navkit_inject__"
INJECTED_KINDS = ("Navigator", "Navigation")


def injected_kind(hint: Any) -> str | None:
    """What a view parameter annotated ``hint`` receives from navkit (None: a value)."""
    if isinstance(hint, str):  # an annotation get_type_hints could not resolve
        name = hint.rpartition(".")[2]
        return name if name in INJECTED_KINDS else None
    kind = getattr(hint, INJECT_MARKER, None)
    return kind if isinstance(kind, str) and kind in INJECTED_KINDS else None


def _type_hints(view: Callable[..., Any]) -> dict[str, Any]:
    """Resolved annotations; raw ones when resolution fails (local classes)."""
    target = view
    if not (inspect.isfunction(target) or inspect.ismethod(target)):
        target = getattr(view, "__call__", view)  # noqa: B004 - callable objects
    try:
        return typing.get_type_hints(target)
    except Exception:
        return dict(getattr(target, "__annotations__", {}))
