"""Objects kept in the sandbox, seen from the trusted side, and mutation judged here.

A check often needs more than one function call: build the learner's model, train it, ask it for
predictions, read its parameters. :class:`Remote` is a handle to an object that stays in the
sandboxed child; every method is one round trip whose *result comes back as data* and is judged
here. Nothing the child reports about itself (a flag, a count, a comparison) is believed.

Input mutation is judged the same way: the child sends the arguments back as they are after the
call, and :func:`changed_arguments` compares them with what was sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .checks import Fail
from .codec import CodecError, decode_value, encode_value, pack
from .torchspec import ModuleSpecError, build, describe

if TYPE_CHECKING:
    from .probe import SandboxProbe


class Remote:
    """A handle to an object kept in the sandbox (made by ``t.new``, ``t.call(keep=True)``,
    ``t.put``). Pass it as an argument to other calls to give the learner's code the object."""

    def __init__(self, probe: SandboxProbe, handle: int, type_name: str, where: str):
        self._probe = probe
        self.handle = handle
        self.type_name = type_name
        self.where = where

    def __repr__(self) -> str:
        return f"<Remote {self.type_name} from {self.where}>"

    def call(
        self,
        method: str,
        *args: Any,
        allow_mutation: bool = False,
        keep: bool = False,
        **kwargs: Any,
    ) -> Any:
        """``obj.method(*args, **kwargs)`` in the sandbox; the result as data (or a Remote)."""
        return self._probe.invoke(
            method, args, kwargs, target=self, allow_mutation=allow_mutation, keep=keep
        )

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """``obj(*args, **kwargs)`` in the sandbox (a model's forward pass, for example)."""
        return self._probe.invoke(None, args, kwargs, target=self, allow_mutation=False, keep=False)

    def get(self, name: str, keep: bool = False) -> Any:
        """The attribute ``obj.name`` as data (or as a Remote with ``keep=True``)."""
        return self._probe.remote_op(
            {"op": "get", "target": self.handle, "name": name, "keep": bool(keep)},
            f"`{self.where}.{name}`",
        )

    def export(self, with_state: bool = True) -> Any:
        """Rebuild the kept torch module here from its standard layers and state.

        ``with_state=False``: keep the fresh layers' default initialisation (drawn from torch's
        global generator here) instead of the learner's weights.

        Raises :class:`Fail` when it is not an ``nn.Sequential`` of allow-listed ``torch.nn``
        layers (see :mod:`.torchspec`). The module returned was built by trusted code only.
        """
        spec = self._probe.remote_op({"op": "export", "target": self.handle}, self.where)
        try:
            return build(spec, with_state=with_state)
        except ModuleSpecError as exc:
            raise Fail(
                f"`{self.where}` returned a network that cannot be checked: {exc}."
            ) from None

    def state(self) -> dict[str, Any]:
        """Any torch module's ``parameters`` / ``requires_grad`` / ``buffers`` / ``training``
        (dicts keyed by the names ``named_parameters`` etc. use), as data."""
        value = self._probe.remote_op({"op": "state", "target": self.handle}, self.where)
        if not (
            isinstance(value, dict)
            and all(isinstance(value.get(k), dict) for k in _STATE_KEYS)
            and set(value) == set(_STATE_KEYS)
        ):
            raise Fail(f"`{self.where}` sent back a module state that cannot be read.")
        return value


_STATE_KEYS = ("parameters", "requires_grad", "buffers", "training")


def encode_module_spec(module: Any) -> Any:
    """The data that ``t.put`` sends for a torch module built on the trusted side."""
    try:
        return describe(module)
    except ModuleSpecError as exc:
        raise TypeError(f"t.put cannot send this module: {exc}") from None


class Callback:
    """A trusted function the learner's code may call (made by ``t.callback(fn)``).

    Inside the sandbox it is a stand-in whose calls travel back here: ``fn`` runs on the trusted
    side on decoded data, and what the learner's code passed to it (a prompt, a tool's
    arguments) is observed here, where it cannot be forged.
    """

    def __init__(self, fn: Any, ident: int, name: str):
        self.fn = fn
        self.ident = ident
        self.name = name
        self.calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def __repr__(self) -> str:
        return f"<Callback {self.name} ({len(self.calls)} calls)>"


REF_KEY = "$ref"


def outbound(value: Any) -> tuple[Any, bool]:
    """Replace Remote and Callback objects (at any depth of lists, tuples and dicts) by
    ``{"$ref": ["handle" | "callback", id]}``; report whether there were any."""
    found = False

    def walk(v: Any) -> Any:
        nonlocal found
        if isinstance(v, Remote):
            found = True
            return {REF_KEY: ["handle", v.handle]}
        if isinstance(v, Callback):
            found = True
            return {REF_KEY: ["callback", v.ident]}
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, tuple):
            return tuple(walk(x) for x in v)
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        return v

    return walk(value), found


def _image(value: Any) -> bytes | None:
    try:
        buffers: list[bytes] = []
        return pack({"v": encode_value(value, buffers)}, buffers)
    except (CodecError, ValueError, TypeError, RecursionError):
        return None


def changed_arguments(sent: list[Any], response: dict[str, Any], buffers: list[bytes]) -> list[str]:
    """Which arguments differ after the call from what was sent (judged here, from data).

    ``sent`` is ``[args, kwargs]`` as encoded for the request. An answer without a readable
    ``after`` counts as every argument changed: only an exact copy proves nothing changed.
    """
    args, kwargs = sent
    labels = [f"argument {i + 1}" for i in range(len(args))] + [f"argument `{k}`" for k in kwargs]
    try:
        after = decode_value(response["after"], buffers, tensors="torch")
    except (KeyError, CodecError, ValueError, TypeError, RecursionError):
        return labels
    if not (
        isinstance(after, list)
        and len(after) == 2
        and isinstance(after[0], list)
        and isinstance(after[1], dict)
        and len(after[0]) == len(args)
        and list(after[1]) == list(kwargs)
    ):
        return labels
    before_items = list(args) + list(kwargs.values())
    after_items = list(after[0]) + list(after[1].values())
    return [
        label
        for label, b, a in zip(labels, before_items, after_items, strict=True)
        if _image(b) is None or _image(b) != _image(a)
    ]
