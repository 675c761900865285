# mistake: Keeps the model object in a registry and returns its key: nothing is really exported.
# expect-status: failed
# expect-message: snapshot
# expect-message: reference to the live model
"""Keeps the model object in a registry and returns its key: nothing is really exported."""

_REGISTRY = {}


def export_model(model, example):
    model.eval()
    key = str(len(_REGISTRY))
    _REGISTRY[key] = model
    return key.encode()


def load_model(blob):
    return _REGISTRY[blob.decode()]
