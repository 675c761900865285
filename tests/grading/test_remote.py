"""Objects kept in the sandbox (``t.new``, ``t.call(keep=True)``, ``t.put``), torch modules as
data, and input mutation judged on the trusted side."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import torch

from airoadmap_lab.grading import Grader, GradeStatus
from airoadmap_lab.grading.torchspec import ModuleSpecError, build, describe

from .test_grader import make_exercise

LEARNER = textwrap.dedent(
    """\
    import numpy as np
    import torch
    from torch import nn

    class Counter:
        def __init__(self, start):
            self.n = start
            self.history = []
        def add(self, k):
            self.n += k
            self.history.append(k)
            return self.n

    def make_counter(start):
        return Counter(start)

    def bump(counter, k=1):
        return counter.add(k)

    def build_net():
        torch.manual_seed(0)
        return nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Flatten(),
                             nn.Linear(64, 3))

    class Custom(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = nn.Linear(2, 2)
        def forward(self, x):
            return self.lin(x) * 2

    def freeze(net):
        for p in net.parameters():
            p.requires_grad_(False)
        return net.eval()

    def agent(model, tools, question):
        reply = model([{"role": "user", "content": question}])
        name, arg = reply.split(":")
        try:
            out = tools[name](arg)
        except ValueError as exc:
            out = "error: " + str(exc)
        return [reply, out]

    def fill(a, *, b=None):
        b[:] = 7
        return 0
    """
)


def test_handles_methods_attributes_exports_and_state(grader: Grader, tmp_path: Path):
    ex = make_exercise(
        tmp_path,
        """
        import torch
        from airoadmap_lab.grading.remote import Remote

        @checks.test("handles")
        def handles(t):
            c = t.new("Counter", 5)
            expect(isinstance(c, Remote) and c.type_name == "Counter", repr(c))
            expect_equal(c.call("add", 2), 7, what="method")
            expect_equal(t.call("bump", c, k=3), 10, what="handle as argument")
            expect_equal(c.get("history"), [2, 3], what="attribute")
            d = t.call("make_counter", 1, keep=True)
            expect_equal(d.call("add", 1), 2, what="kept result")
            hist = c.get("history", keep=True)
            expect_equal(hist.call("__len__"), 2, what="kept attribute")

        @checks.test("modules")
        def modules(t):
            net = t.call("build_net", keep=True).export()
            expect(isinstance(net, torch.nn.Sequential), "rebuilt here")
            expect_equal([type(m).__name__ for m in net], ["Conv2d", "ReLU", "Flatten", "Linear"],
                         what="layers")
            torch.manual_seed(0)
            x = torch.rand(2, 1, 4, 4)
            remote = t.call("build_net", keep=True)
            expect_close(remote(x), net(x).detach(), what="same function", rtol=1e-6)
            custom = t.new("Custom")
            try:
                custom.export()
            except Fail as exc:
                expect("not a standard torch.nn layer" in exc.message, exc.message)
            else:
                raise Fail("a custom module was exported")
            state = custom.state()
            expect_equal(sorted(state["parameters"]), ["lin.bias", "lin.weight"], what="names")
            sent = t.put(torch.nn.Sequential(torch.nn.Linear(3, 2)))
            frozen = t.call("freeze", sent, keep=True)
            st = frozen.state()
            expect(not any(st["requires_grad"].values()), "frozen")
            expect(not any(st["training"].values()), "eval mode")
            expect(frozen.export().training is False, "flag kept")

        @checks.test("trusted functions called by the learner's code")
        def callbacks(t):
            def model(messages):
                return "shout:" + messages[-1]["content"]
            def shout(text):
                if not text:
                    raise ValueError("nothing to shout")
                return text.upper()
            m, s = t.callback(model), t.callback(shout)
            expect_equal(t.call("agent", m, {"shout": s}, "hi"), ["shout:hi", "HI"], what="agent")
            expect_equal(s.calls, [(("hi",), {})], what="calls seen here")
            expect_equal(t.call("agent", m, {"shout": s}, ""), ["shout:", "error: nothing to shout"],
                         what="a ValueError raised in the learner's code")
            def bad(messages):
                raise Fail("the model was asked twice")
            try:
                t.call("agent", t.callback(bad), {}, "x")
            except Fail as exc:
                expect("asked twice" in exc.message, exc.message)
            else:
                raise Fail("a Fail inside a callback was lost")

        @checks.test("mutation of a keyword argument is judged here")
        def kw(t):
            import numpy as np
            try:
                t.call("fill", np.zeros(2), b=np.zeros(3))
            except Fail as exc:
                expect("changed its input (argument `b`)" in exc.message, exc.message)
            else:
                raise Fail("mutation not seen")
            t.call("fill", np.zeros(2), b=np.zeros(3), allow_mutation=True)
        """,
    )
    result = grader.grade_sync(ex, LEARNER)
    assert result.status == GradeStatus.passed, result.tests


def test_module_description_round_trips_and_rejects_what_it_cannot_trust():
    torch.manual_seed(1)
    net = torch.nn.Sequential(
        torch.nn.Conv2d(1, 2, 3), torch.nn.BatchNorm2d(2), torch.nn.MaxPool2d(2)
    )
    net[0].weight.requires_grad_(False)
    copy = build(describe(net))
    assert all(
        torch.equal(a, b)
        for a, b in zip(net.state_dict().values(), copy.state_dict().values(), strict=True)
    )
    assert copy[0].weight.requires_grad is False and copy[0].bias.requires_grad is True
    spec = describe(net)
    spec["root"]["children"][0][1]["type"] = "Module"
    with pytest.raises(ModuleSpecError, match="not allowed"):
        build(spec)
    huge = describe(torch.nn.Sequential(torch.nn.Linear(2, 2)))
    huge["root"]["children"][0][1]["config"]["in_features"] = 1 << 16
    huge["root"]["children"][0][1]["config"]["out_features"] = 1 << 16
    with pytest.raises(ModuleSpecError, match="more than"):
        build(huge, with_state=False)
    extra = describe(torch.nn.Sequential(torch.nn.Linear(2, 2)))
    extra["root"]["children"][0][1]["config"]["device"] = "meta"
    with pytest.raises(ModuleSpecError, match="malformed"):
        build(extra)
