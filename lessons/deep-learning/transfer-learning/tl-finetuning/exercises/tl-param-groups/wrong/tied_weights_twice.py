# expect-status: failed
# expect-message: more than one group
def param_groups(model, base_lr, factor):
    children = list(model.children())
    n = len(children)
    groups = []
    for i, child in enumerate(children):
        params = [p for p in child.parameters() if p.requires_grad]  # a shared layer comes twice
        if params:
            groups.append({"params": params, "lr": base_lr * factor ** (n - 1 - i)})
    return groups
