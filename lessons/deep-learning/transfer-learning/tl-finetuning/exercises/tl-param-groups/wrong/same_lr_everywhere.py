# expect-status: failed
# expect-message: learning rate of 0.weight
def param_groups(model, base_lr, factor):
    groups, seen = [], set()
    for child in model.children():
        params = [p for p in child.parameters() if p.requires_grad and id(p) not in seen]
        seen.update(id(p) for p in params)
        if params:
            groups.append({"params": params, "lr": base_lr})  # no decay towards the input
    return groups
