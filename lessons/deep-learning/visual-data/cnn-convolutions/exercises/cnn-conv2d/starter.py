import numpy as np


def conv2d_output_size(h, w, kh, kw, stride=1, padding=0):
    """Return (OH, OW) for an h x w input, a kh x kw kernel, a stride and a padding."""
    # TODO
    raise NotImplementedError


def conv2d(x, weight, bias=None, stride=1, padding=0):
    """Cross-correlate x (N, C, H, W) with weight (F, C, KH, KW); return (N, F, OH, OW)."""
    # TODO
    raise NotImplementedError
