# Byte-pair encoding, one merge at a time.
# Move the slider to add merges learned from the training text; the sentence below is encoded
# with those merges. Each [bracket] is one token. Watch frequent words fuse first, and watch
# the emoji and Hangul stay split into byte pieces until the training text makes them common.
import ipywidgets as widgets

TRAINING_TEXT = (
    "the model reads tokens. the tokenizer merges the most frequent pair of tokens. "
    "then the tokenizer merges again, and again, until the vocabulary is large enough. "
    "tokens are cheaper than letters: fewer tokens means a shorter sequence for the model. "
)


def pairs(ids):
    counts = {}
    for p in zip(ids, ids[1:], strict=False):
        counts[p] = counts.get(p, 0) + 1
    return counts


def merge(ids, pair, new_id):
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def train(text, n):
    ids, merges = list(text.encode("utf-8")), []
    for k in range(n):
        counts = pairs(ids)
        if not counts:
            break
        best = max(counts, key=counts.get)
        ids = merge(ids, best, 256 + k)
        merges.append(best)
    return merges


def token_bytes(merges):
    vocab = {i: bytes([i]) for i in range(256)}
    for k, (a, b) in enumerate(merges):
        vocab[256 + k] = vocab[a] + vocab[b]
    return vocab


def encode(text, merges):
    rank = {p: 256 + k for k, p in enumerate(merges)}
    ids = list(text.encode("utf-8"))
    while len(ids) > 1:
        pair = min(pairs(ids), key=lambda p: rank.get(p, float("inf")))
        if pair not in rank:
            break
        ids = merge(ids, pair, rank[pair])
    return ids


ALL_MERGES = train(TRAINING_TEXT, 120)


def show(n_merges=0, sentence="the tokenizer merges tokens 🙂 한국어"):
    merges = ALL_MERGES[:n_merges]
    vocab = token_bytes(merges)
    ids = encode(sentence, merges)
    pieces = [vocab[i].decode("utf-8", errors="replace") for i in ids]
    print(
        f"vocabulary size {256 + len(merges)}; {len(sentence.encode('utf-8'))} bytes -> "
        f"{len(ids)} tokens"
    )
    print(" ".join(f"[{p}]" for p in pieces))
    if merges:
        a, b = merges[-1]
        print(f"\nlast merge: {vocab[a]!r} + {vocab[b]!r} -> id {255 + len(merges)}")


_ = widgets.interact(
    show,
    n_merges=widgets.IntSlider(value=0, min=0, max=len(ALL_MERGES), step=1),
    sentence=widgets.Text(value="the tokenizer merges tokens 🙂 한국어"),
)
