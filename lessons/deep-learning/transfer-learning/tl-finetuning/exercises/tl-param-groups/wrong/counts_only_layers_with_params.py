# expect-status: failed
# expect-message: base_lr * factor ** (n - 1 - i)
def param_groups(model, base_lr, factor):
    layers = [c for c in model.children() if any(True for _ in c.parameters())]
    n = len(layers)  # skips ReLU and friends before numbering, so exponents shift
    groups, seen = [], set()
    for i, child in enumerate(layers):
        params = [p for p in child.parameters() if p.requires_grad and id(p) not in seen]
        seen.update(id(p) for p in params)
        if params:
            groups.append({"params": params, "lr": base_lr * factor ** (n - 1 - i)})
    return groups
