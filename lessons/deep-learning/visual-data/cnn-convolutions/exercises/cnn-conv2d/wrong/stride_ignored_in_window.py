# expect-status: failed
# expect-message: where each window starts
import numpy as np


def conv2d_output_size(h, w, kh, kw, stride=1, padding=0):
    if stride < 1 or padding < 0 or kh > h + 2 * padding or kw > w + 2 * padding:
        raise ValueError("bad settings")
    return (h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1


def conv2d(x, weight, bias=None, stride=1, padding=0):
    if x.shape[1] != weight.shape[1]:
        raise ValueError("channel mismatch")
    oh, ow = conv2d_output_size(x.shape[2], x.shape[3], *weight.shape[2:], stride, padding)
    kh, kw = weight.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((x.shape[0], weight.shape[0], oh, ow))
    for i in range(oh):
        for j in range(ow):
            win = xp[:, :, i : i + kh, j : j + kw]  # windows start at i, not i * stride
            out[:, :, i, j] = np.einsum("nchw,fchw->nf", win, weight)
    if bias is not None:
        out += bias[None, :, None, None]
    return out
