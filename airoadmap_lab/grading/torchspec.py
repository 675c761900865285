"""torch.nn models as plain data: standard layers, their settings and their state.

A check that must judge a learner's network (its architecture, its parameter count, how well it
trains) cannot trust anything measured inside the sandbox. Instead the child describes the module
it holds as data (:func:`describe`): a tree of *standard* ``torch.nn`` layers from an allow-list,
each with the constructor arguments read back from its attributes, plus its state tensors. The
trusted side rebuilds a fresh module from that description (:func:`build`) without running any
learner code, and measures it there. Whatever the child sends, the trusted side only ever builds
allow-listed layers with checked, bounded arguments.

The same description carries a module the other way (the trusted side sends a network it built
to the learner's code), and :func:`module_state` reads the state of *any* module, including a
learner's own ``nn.Module`` subclass, as data.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["ModuleSpecError", "build", "describe", "is_spec", "module_state", "MAX_PARAMETERS"]

MAX_PARAMETERS = 5_000_000  # a rebuilt module may hold at most this many values
_MAX_LAYERS = 256
_MAX_DIM = 1 << 16
_MAX_SPATIAL = 64  # kernel sizes, strides, padding, dilation, pooled sizes
_SPATIAL = frozenset(("kernel_size", "stride", "padding", "dilation", "output_size"))

_POOL = ("kernel_size", "stride", "padding", "dilation", "ceil_mode")
_AVG = ("kernel_size", "stride", "padding", "ceil_mode", "count_include_pad")
_CONV = (
    "in_channels",
    "out_channels",
    "kernel_size",
    "stride",
    "padding",
    "dilation",
    "groups",
    "bias",
    "padding_mode",
)
_NORM = ("num_features", "eps", "momentum", "affine", "track_running_stats")

# Layer name -> the constructor arguments read back from attributes of the same name
# (``bias`` is read as "has a bias", ``elementwise_affine`` likewise).
LAYERS: dict[str, tuple[str, ...]] = {
    "Sequential": (),
    "Identity": (),
    "Linear": ("in_features", "out_features", "bias"),
    "Bilinear": ("in1_features", "in2_features", "out_features", "bias"),
    "Conv1d": _CONV,
    "Conv2d": _CONV,
    "MaxPool1d": _POOL,
    "MaxPool2d": _POOL,
    "AvgPool1d": _AVG,
    "AvgPool2d": _AVG,
    "AdaptiveAvgPool1d": ("output_size",),
    "AdaptiveAvgPool2d": ("output_size",),
    "AdaptiveMaxPool1d": ("output_size",),
    "AdaptiveMaxPool2d": ("output_size",),
    "Flatten": ("start_dim", "end_dim"),
    "Unflatten": ("dim", "unflattened_size"),
    "Dropout": ("p",),
    "Dropout1d": ("p",),
    "Dropout2d": ("p",),
    "BatchNorm1d": _NORM,
    "BatchNorm2d": _NORM,
    "LayerNorm": ("normalized_shape", "eps", "elementwise_affine"),
    "Embedding": ("num_embeddings", "embedding_dim", "padding_idx"),
    "ReLU": (),
    "ReLU6": (),
    "LeakyReLU": ("negative_slope",),
    "ELU": ("alpha",),
    "GELU": ("approximate",),
    "SiLU": (),
    "Mish": (),
    "Tanh": (),
    "Sigmoid": (),
    "Softplus": ("beta", "threshold"),
    "Softmax": ("dim",),
    "LogSoftmax": ("dim",),
}


class ModuleSpecError(ValueError):
    """A module cannot be described as standard layers, or a description is not acceptable."""


def _torch() -> Any:
    import torch

    return torch


# -- child side: a module -> data -----------------------------------------------------------------


def _config_value(module: Any, name: str) -> Any:
    if name == "bias":
        return getattr(module, "bias", None) is not None
    if name == "elementwise_affine":
        return bool(getattr(module, "elementwise_affine", False))
    value = getattr(module, name)
    if isinstance(value, tuple):
        return list(value)
    return value


def _describe_node(module: Any, path: str, count: list[int]) -> dict[str, Any]:
    torch = _torch()
    count[0] += 1
    if count[0] > _MAX_LAYERS:
        raise ModuleSpecError(f"the network has more than {_MAX_LAYERS} layers")
    kind = type(module).__name__
    if kind not in LAYERS or type(module) is not getattr(torch.nn, kind, None):
        where = f" (at `{path}`)" if path else ""
        raise ModuleSpecError(
            f"it contains a {type(module).__name__}{where}, which is not a standard torch.nn "
            "layer; build the network from torch.nn layers inside nn.Sequential"
        )
    node: dict[str, Any] = {
        "type": kind,
        "config": {n: _config_value(module, n) for n in LAYERS[kind]},
        "training": bool(module.training),
    }
    if kind == "Sequential":
        node["children"] = [
            [str(name), _describe_node(child, f"{path}.{name}" if path else str(name), count)]
            for name, child in module.named_children()
        ]
    return node


def describe(module: Any) -> dict[str, Any]:
    """Describe a module built from allow-listed ``torch.nn`` layers as plain data."""
    torch = _torch()
    if not isinstance(module, torch.nn.Module):
        raise ModuleSpecError(f"it is a {type(module).__name__}, not a torch.nn.Module")
    root = _describe_node(module, "", [0])
    state = module_state(module)
    return {
        "$spec": "torch.nn",
        "root": root,
        "state": {**state["parameters"], **state["buffers"]},
        "requires_grad": state["requires_grad"],
    }


def module_state(module: Any) -> dict[str, Any]:
    """Any module's parameters (with their requires_grad), buffers and training flags, as data."""
    torch = _torch()
    if not isinstance(module, torch.nn.Module):
        raise ModuleSpecError(f"it is a {type(module).__name__}, not a torch.nn.Module")
    params = dict(module.named_parameters())
    return {
        "parameters": {n: p.detach().clone() for n, p in params.items()},
        "requires_grad": {n: bool(p.requires_grad) for n, p in params.items()},
        "buffers": {n: b.detach().clone() for n, b in module.named_buffers()},
        "training": {n or "": bool(m.training) for n, m in module.named_modules()},
    }


def is_spec(value: Any) -> bool:
    """Whether ``value`` looks like a description made by :func:`describe`."""
    return isinstance(value, dict) and value.get("$spec") == "torch.nn"


# -- trusted side: data -> a fresh module ----------------------------------------------------------


def _plain(value: Any, what: str) -> Any:
    """Accept only small plain settings: bool, bounded int/float, short str, lists of ints."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > _MAX_DIM:
            raise ModuleSpecError(f"{what} = {value} is out of range")
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ModuleSpecError(f"{what} must be a finite number")
        return float(value)
    if isinstance(value, str):
        if len(value) > 32:
            raise ModuleSpecError(f"{what} is too long")
        return str(value)
    if isinstance(value, (list, tuple)) and len(value) <= 8:
        return tuple(_plain(v, what) for v in value)
    raise ModuleSpecError(f"{what} has an unsupported value")


def _build_node(node: Any, count: list[int]) -> Any:
    torch = _torch()
    count[0] += 1
    if count[0] > _MAX_LAYERS:
        raise ModuleSpecError(f"the network has more than {_MAX_LAYERS} layers")
    if not isinstance(node, dict):
        raise ModuleSpecError("a layer description is malformed")
    kind = node.get("type")
    if not isinstance(kind, str) or kind not in LAYERS:
        raise ModuleSpecError(f"layer type {str(kind)[:40]!r} is not allowed")
    config = node.get("config")
    if not isinstance(config, dict) or set(config) != set(LAYERS[kind]):
        raise ModuleSpecError(f"the settings of a {kind} layer are malformed")
    kwargs = {k: _plain(v, f"{kind}.{k}") for k, v in config.items()}
    for key in _SPATIAL & set(kwargs):
        values = kwargs[key] if isinstance(kwargs[key], tuple) else (kwargs[key],)
        if any(isinstance(v, int) and abs(v) > _MAX_SPATIAL for v in values):
            raise ModuleSpecError(f"{kind}.{key} is larger than {_MAX_SPATIAL}")
    if kind == "Sequential":
        children = node.get("children")
        if not isinstance(children, list):
            raise ModuleSpecError("a Sequential's layers are malformed")
        module = torch.nn.Sequential()
        for item in children:
            if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
                raise ModuleSpecError("a Sequential's layers are malformed")
            name = item[0]
            if not name or len(name) > 64 or "." in name:
                raise ModuleSpecError(f"layer name {name[:40]!r} is not allowed")
            module.add_module(name, _build_node(item[1], count))
    else:
        try:
            module = getattr(torch.nn, kind)(**kwargs)
        except (TypeError, ValueError, RuntimeError) as exc:
            raise ModuleSpecError(f"a {kind} layer cannot be built: {exc}") from None
    return module


def _restore_training(module: Any, node: dict[str, Any]) -> None:
    module.training = node.get("training") is not False
    if node.get("type") == "Sequential":
        for (_, child_node), child in zip(node["children"], module.children(), strict=True):
            _restore_training(child, child_node)


def build(spec: Any, *, with_state: bool = True) -> Any:
    """Rebuild a fresh module from a description; without ``with_state`` it keeps the default
    initialisation (drawn from torch's global generator, as the learner's constructor would)."""
    torch = _torch()
    if not is_spec(spec):
        raise ModuleSpecError("the network description is malformed")
    root = spec.get("root")
    with torch.device("meta"):  # size it before allocating anything
        meta = _build_node(root, [0])
    size = sum(p.numel() for p in meta.parameters()) + sum(b.numel() for b in meta.buffers())
    if size > MAX_PARAMETERS:
        raise ModuleSpecError(f"the network holds {size} values, more than {MAX_PARAMETERS}")
    module = _build_node(root, [0])
    _restore_training(module, root)
    if not with_state:
        return module
    state = spec.get("state")
    grads = spec.get("requires_grad")
    if not isinstance(state, dict) or not isinstance(grads, dict):
        raise ModuleSpecError("the network's state is malformed")
    own = module.state_dict()
    if set(state) != set(own):
        raise ModuleSpecError("the network's state does not match its layers")
    for key, value in state.items():
        if not isinstance(value, torch.Tensor) or value.shape != own[key].shape:
            raise ModuleSpecError(f"the state entry {key!r} does not match its layer")
        if not value.dtype.is_floating_point and own[key].dtype.is_floating_point:
            raise ModuleSpecError(f"the state entry {key!r} is not a floating-point tensor")
    with torch.no_grad():
        module.load_state_dict({k: v.to(own[k].dtype) for k, v in state.items()})
    for name, param in module.named_parameters():
        param.requires_grad_(grads.get(name) is not False)
    return module
