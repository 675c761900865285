# Watch a tiny GPT learn to write.
# A one-block character transformer trains on a short paragraph in this cell. Press "train 100
# steps" a few times: the sample starts as random characters, then gets the letter frequencies,
# then common words and spacing. The temperature slider changes how the sample is drawn (try 0.3
# and 1.5), not what the model knows.
import ipywidgets as widgets
import torch
import torch.nn as nn
import torch.nn.functional as F
from IPython.display import display

TEXT = (
    "the keeper climbed the stairs at dusk, wound the clock, trimmed the wick and lit the "
    "lamp. the light turned all night and the beam walked across the water. in the morning "
    "the keeper cleaned the lens, wrote the log and walked the island. the sea changes every "
    "day and the work does not, and that is why the light can be trusted. "
) * 4
CHARS = sorted(set(TEXT))
DATA = torch.tensor([CHARS.index(c) for c in TEXT])
V, BLOCK, C = len(CHARS), 24, 48


class TinyGPT(nn.Module):
    def __init__(self):
        super().__init__()
        self.tok, self.pos = nn.Embedding(V, C), nn.Embedding(BLOCK, C)
        self.ln1, self.ln2, self.ln_f = nn.LayerNorm(C), nn.LayerNorm(C), nn.LayerNorm(C)
        self.qkv, self.proj = nn.Linear(C, 3 * C), nn.Linear(C, C)
        self.mlp = nn.Sequential(nn.Linear(C, 4 * C), nn.GELU(), nn.Linear(4 * C, C))
        self.head = nn.Linear(C, V)

    def forward(self, idx):
        b, t = idx.shape
        x = self.tok(idx) + self.pos(torch.arange(t))
        q, k, v = self.qkv(self.ln1(x)).view(b, t, 3, 4, C // 4).permute(2, 0, 3, 1, 4)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.proj(y.transpose(1, 2).reshape(b, t, C))
        x = x + self.mlp(self.ln2(x))
        return self.head(self.ln_f(x))


torch.manual_seed(0)
model = TinyGPT()
opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
state = {"steps": 0, "loss": float("nan")}


def train(n):
    # Tiny models train much faster on one thread (thread start-up dominates each small op).
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        _train(n)
    finally:
        torch.set_num_threads(threads)


def _train(n):
    for _ in range(n):
        s = torch.randint(len(DATA) - BLOCK - 1, (16,))
        x = torch.stack([DATA[i : i + BLOCK] for i in s])
        y = torch.stack([DATA[i + 1 : i + BLOCK + 1] for i in s])
        loss = F.cross_entropy(model(x).reshape(-1, V), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        state["loss"] = loss.item()
        state["steps"] += 1


@torch.no_grad()
def sample(temperature, n=160):
    g = torch.Generator().manual_seed(1)
    idx = torch.tensor([[CHARS.index("t")]])
    for _ in range(n):
        logits = model(idx[:, -BLOCK:])[0, -1]
        if temperature == 0:
            nxt = int(torch.argmax(logits))
        else:
            probs = torch.softmax(logits / temperature, dim=-1)
            nxt = int(torch.multinomial(probs, 1, generator=g))
        idx = torch.cat([idx, torch.tensor([[nxt]])], dim=1)
    return "".join(CHARS[i] for i in idx[0].tolist())


out = widgets.Output()
button = widgets.Button(description="train 100 steps")
temperature = widgets.FloatSlider(value=0.8, min=0.0, max=2.0, step=0.1, description="temperature")


def refresh(*_):
    with out:
        out.clear_output()
        print(
            f"steps {state['steps']}, last training loss {state['loss']:.2f} (ln V = "
            f"{torch.log(torch.tensor(float(V))):.2f})\n"
        )
        print(sample(temperature.value))


def on_click(_):
    train(100)
    refresh()


button.on_click(on_click)
temperature.observe(refresh, names="value")
display(widgets.HBox([button, temperature]), out)
refresh()
