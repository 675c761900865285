# expect-status: failed
# expect-message: should not be there
def param_groups(model, base_lr, factor):
    children = list(model.children())
    n = len(children)
    groups, seen = [], set()
    for i, child in enumerate(children):
        params = [p for p in child.parameters() if id(p) not in seen]  # ignores requires_grad
        seen.update(id(p) for p in params)
        if params:
            groups.append({"params": params, "lr": base_lr * factor ** (n - 1 - i)})
    return groups
