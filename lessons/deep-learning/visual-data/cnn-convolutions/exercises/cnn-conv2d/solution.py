"""Reference solution: a loop-over-positions 2-D convolution (cross-correlation)."""

import numpy as np


def conv2d_output_size(
    h: int, w: int, kh: int, kw: int, stride: int = 1, padding: int = 0
) -> tuple[int, int]:
    """Return (OH, OW) for an h x w input, a kh x kw kernel, a stride and a padding."""
    if stride < 1:
        raise ValueError(f"stride must be at least 1, got {stride}")
    if padding < 0:
        raise ValueError(f"padding must be non-negative, got {padding}")
    hp, wp = h + 2 * padding, w + 2 * padding
    if kh > hp or kw > wp:
        raise ValueError(f"a {kh}x{kw} kernel does not fit a padded {hp}x{wp} input")
    return (hp - kh) // stride + 1, (wp - kw) // stride + 1


def conv2d(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None = None,
    stride: int = 1,
    padding: int = 0,
) -> np.ndarray:
    """Cross-correlate x (N, C, H, W) with weight (F, C, KH, KW); return (N, F, OH, OW)."""
    n, c, h, w = x.shape
    f, cw, kh, kw = weight.shape
    if c != cw:
        raise ValueError(f"input has {c} channels but the weight expects {cw}")
    oh, ow = conv2d_output_size(h, w, kh, kw, stride, padding)
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((n, f, oh, ow), dtype=np.result_type(x, weight))
    for i in range(oh):
        for j in range(ow):
            top, left = i * stride, j * stride
            window = xp[:, :, top : top + kh, left : left + kw]
            out[:, :, i, j] = np.einsum("nchw,fchw->nf", window, weight)
    if bias is not None:
        out += bias[None, :, None, None]
    return out
