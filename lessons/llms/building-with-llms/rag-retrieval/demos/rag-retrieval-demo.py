# Ask a tiny handbook: TF-IDF retrieval with chunking.
# Type a question. The handbook is cut into chunks of `size` words overlapping by `overlap`;
# each chunk and the question become TF-IDF vectors and are ranked by cosine similarity. Try
# questions that use the handbook's words and ones that use synonyms ("cost" vs "price"): sparse
# retrieval only matches words, which is why production systems add dense embeddings.
import re

import ipywidgets as widgets
import numpy as np

HANDBOOK = {
    "pricing": "The Plus plan costs 4 euros per month or 40 euros per year. Students get half "
    "price with a school email address. The Free plan includes two devices.",
    "sync": "Every change is saved locally and sent to the server within seconds. When two "
    "devices edit the same note, both versions are kept and the note gets a conflict badge.",
    "offline": "You can read and edit notes without a connection, on a plane or a train. "
    "Changes are queued and uploaded when the device is back online.",
    "security": "Notes are encrypted in transit and at rest. End-to-end encryption uses a "
    "passphrase that never leaves your device; if you lose it, nobody can recover the notes.",
    "export": "Choose File, Export and pick Markdown, PDF or HTML. Exporting a notebook creates "
    "a zip archive with one file per note and a folder of attachments.",
}
TOKEN = re.compile(r"(?u)\b\w\w+\b")


def chunks(size, overlap):
    out = []
    for doc_id, text in HANDBOOK.items():
        words, start = text.split(), 0
        while start < len(words):
            out.append((doc_id, " ".join(words[start : start + size])))
            if start + size >= len(words):
                break
            start += size - overlap
    return out


def tfidf(texts, query):
    tokens = [TOKEN.findall(t.lower()) for t in texts]
    vocab = sorted({w for ts in tokens for w in ts})
    index = {w: j for j, w in enumerate(vocab)}
    counts = np.zeros((len(texts), len(vocab)))
    for i, ts in enumerate(tokens):
        for w in ts:
            counts[i, index[w]] += 1
    idf = np.log((1 + len(texts)) / (1 + (counts > 0).sum(axis=0))) + 1
    q = np.zeros(len(vocab))
    for w in TOKEN.findall(query.lower()):
        if w in index:
            q[index[w]] += 1

    def unit(m):
        n = np.linalg.norm(m, axis=-1, keepdims=True)
        return np.divide(m, n, out=np.zeros_like(m), where=n > 0)

    return unit(counts * idf) @ unit(q * idf)


def ask(question="how much does it cost per year", size=12, overlap=4):
    if overlap >= size:
        print("overlap must be smaller than size")
        return
    cs = chunks(size, overlap)
    scores = tfidf([c for _, c in cs], question)
    order = sorted(range(len(cs)), key=lambda i: (-scores[i], i))
    print(f"{len(cs)} chunks; top 3:\n")
    for rank, i in enumerate(order[:3], start=1):
        print(f"{rank}. score {scores[i]:.3f}  [{cs[i][0]}]  {cs[i][1]}")


_ = widgets.interact(
    ask,
    question=widgets.Text(value="how much does it cost per year"),
    size=widgets.IntSlider(value=12, min=4, max=40),
    overlap=widgets.IntSlider(value=4, min=0, max=20),
)
