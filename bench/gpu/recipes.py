# Recipe experiments in PyTorch on a GPU (not part of the product; see bench/gpu/README.md).
# Mirrors Sonata's MusicLstm, the lab's random-window split (torch.randperm seeded by --seed), the
# lab's scoring (100-token windows, last step, eval mode; here each window from a zero state) and
# Sonata's streams recipe; adds a zero-state chunked recipe, weight averaging (--ema) and snapshot
# ensembles (--snap-from). Logs JSON lines; --save-probs keeps the best model's probabilities.
import argparse, json, math, os, random, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--name", required=True)
p.add_argument("--tokens", default=os.environ.get("SONATA_TOKENS", "../shared/reference/mozart_sonatas.music21-8.1.0.tokens.json"))
p.add_argument("--recipe", default="streams")        # streams | chunks
p.add_argument("--streams", type=int, default=16)
p.add_argument("--chunk", type=int, default=100)      # streams: tokens a step; chunks: chunk length
p.add_argument("--dropout", type=float, default=0.0)
p.add_argument("--transpose", action="store_true")
p.add_argument("--wd", type=float, default=0.0)
p.add_argument("--lr", type=float, default=1e-3)
p.add_argument("--lr-decay", type=float, default=1.0)  # per 1000 steps
p.add_argument("--hidden", type=int, default=256)
p.add_argument("--embedding", type=int, default=64)
p.add_argument("--seconds", type=float, default=60)   # wall time of the loop, evaluation included
p.add_argument("--eval-every", type=int, default=250)
p.add_argument("--max-eval", type=int, default=0)     # 0 = whole split
p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
p.add_argument("--seed", type=int, default=42)       # seeds the split too: runs of different seeds score different windows
p.add_argument("--out", default="/tmp/exp")
p.add_argument("--save-probs", action="store_true")
p.add_argument("--ema", type=float, default=0.0)
p.add_argument("--snap-from", type=int, default=10 ** 9)
a = p.parse_args()
torch.set_num_threads(1)
dev = torch.device(a.device)
L = 100

# ---- data: tokens in file order, vocabulary in first-appearance order
files = json.load(open(a.tokens))
stream = [t for toks in files.values() for t in toks]
vocab = {}
for t in stream:
    vocab.setdefault(t, len(vocab))
V0 = len(vocab)
ids = torch.tensor([vocab[t] for t in stream], dtype=torch.long)
N = len(ids)
n = N - L
g = torch.Generator().manual_seed(a.seed)
perm = torch.randperm(n, generator=g)
ntr, nva = int(math.floor(0.7 * n)), int(math.floor(0.15 * n))
train_w, val_w, test_w = perm[:ntr], perm[ntr:ntr + nva], perm[ntr + nva:]
is_target = torch.zeros(N, dtype=torch.bool)
is_target[train_w + L] = True
cover = torch.zeros(N + 1, dtype=torch.long)
cover.index_add_(0, train_w, torch.ones_like(train_w))
cover.index_add_(0, train_w + L + 1, -torch.ones_like(train_w))
kept = cover[:N].cumsum(0) > 0
tr_ids, tr_target = ids[kept], is_target[kept]
M = len(tr_ids)
# no validation/test label is a target
assert not is_target[val_w + L].any() and not is_target[test_w + L].any()

# ---- transposition table (12, V0): token as midi tuple, shifted -5..+6
PC = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
def midi(name):
    i, alt = 1, 0
    while i < len(name) and name[i] in "#-":
        alt += 1 if name[i] == "#" else -1
        i += 1
    return 12 * (int(name[i:]) + 1) + PC[name[0]] + alt
V = V0
table = None
if a.transpose:
    keys = {}
    rows = []
    inv = list(vocab.keys())
    for s in range(-5, 7):
        row = []
        for tid, tok in enumerate(inv):
            if s == 0:
                row.append(tid); continue
            m = tuple(midi(x) + s for x in tok.split("."))
            if min(m) < 0 or max(m) > 127:
                row.append(tid); continue
            if m not in keys:
                keys[m] = V; V += 1
            row.append(keys[m])
        rows.append(row)
    table = torch.tensor(rows, dtype=torch.long)

# ---- model (Sonata's MusicLstm)
class MusicLstm(nn.Module):
    def __init__(s, V, E, H, drop):
        super().__init__()
        s.embedding = nn.Embedding(V, E)
        s.lstm = nn.LSTM(E, H, 3, batch_first=True, dropout=drop)
        s.lstm_norm = nn.BatchNorm1d(H)
        s.dense = nn.Linear(H, H)
        s.dense_norm = nn.BatchNorm1d(H)
        s.output = nn.Linear(H, V)
        s.output_norm = nn.BatchNorm1d(V)
        s.drop = nn.Dropout(drop)
    def head(s, x):
        x = s.lstm_norm(s.drop(x))
        x = F.relu(s.dense_norm(s.dense(x)))
        return F.log_softmax(s.output_norm(s.output(x)), dim=1)
    def every(s, x, state=None):
        y, st = s.lstm(s.embedding(x), state)
        B, C, H = y.shape
        return s.head(y.reshape(B * C, H)).reshape(B, C, -1), st
    def last(s, x):
        y, _ = s.lstm(s.embedding(x))
        return s.head(y[:, -1])

torch.manual_seed(a.seed)
model = MusicLstm(V, a.embedding, a.hidden, a.dropout).to(dev)
opt = torch.optim.RMSprop(model.parameters(), lr=a.lr, weight_decay=a.wd)
rng = random.Random(a.seed)
import copy
ema_model = copy.deepcopy(model) if a.ema else None
snap = {"n": 0, "val": None, "test": None}
ids_d, offs = ids.to(dev), torch.arange(L, device=dev)

def labels_of(w):
    return ids[(w[:a.max_eval] if a.max_eval else w) + L]

@torch.no_grad()
def evaluate(wins, keep_probs=False, net=None):
    net = net or model
    net.eval()
    wins = wins if not a.max_eval else wins[:a.max_eval]
    loss = correct = 0.0
    probs = []
    for i in range(0, len(wins), 2048):
        w = wins[i:i + 2048].to(dev)
        x = ids_d[w.unsqueeze(1) + offs]
        y = ids_d[w + L]
        lp = net.last(x)
        loss += F.nll_loss(lp, y, reduction="sum").item()
        correct += (lp.argmax(1) == y).sum().item()
        if keep_probs:
            probs.append(lp[:, :V0].exp().half())
    net.train()
    k = len(wins)
    evaluate.labels = ids[wins + L]
    return correct / k, loss / k, (torch.cat(probs).cpu() if keep_probs else None)

# ---- recipes
B, C = a.streams, a.chunk
if a.recipe == "streams":
    per_pass = ((M - C) // B) // C
else:
    per_pass = 10 ** 9
state = {"pass": -1, "h": None, "starts": None, "shift": None}

def batch(step):
    if a.recipe == "streams":
        ps, k = divmod(step, per_pass)
        if ps != state["pass"]:
            off = rng.randrange(C)
            sl = (M - 1 - off) // B
            state.update({"pass": ps, "h": None,
                          "starts": torch.tensor([off + b * sl for b in range(B)]),
                          "shift": torch.tensor([rng.randrange(12) for _ in range(B)]) if table is not None else None})
        steps = torch.arange(k * C, k * C + C)
        pos = state["starts"].unsqueeze(1) + steps
        mask = tr_target[pos + 1] & ((steps + 1) >= L).unsqueeze(0)
    else:
        starts = torch.tensor([rng.randrange(M - C - 1) for _ in range(B)])
        steps = torch.arange(C)
        pos = starts.unsqueeze(1) + steps
        mask = tr_target[pos + 1] & ((steps + 1) >= L).unsqueeze(0)
        state["shift"] = torch.tensor([rng.randrange(12) for _ in range(B)]) if table is not None else None
    x, y = tr_ids[pos], tr_ids[pos + 1]
    if table is not None:
        rows = table[state["shift"]]
        x, y = rows.gather(1, x), rows.gather(1, y)
    return x.to(dev), y.to(dev), mask.to(dev).float()

os.makedirs(a.out, exist_ok=True)
log = open(os.path.join(os.environ.get("LOGDIR", a.out), a.name + ".jsonl"), "w")
def emit(**kw):
    kw["name"] = a.name
    log.write(json.dumps(kw) + "\n"); log.flush()
emit(event="config", config=vars(a), vocab=V, train_tokens=M, per_pass=per_pass,
     windows=[len(train_w), len(val_w), len(test_w)])

best = (-1, None)
train_time, step, loss_sum, loss_n = 0.0, 0, 0.0, 0
t0 = time.time()
while time.time() - t0 < a.seconds:
    ts = time.time()
    for g_ in opt.param_groups:
        g_["lr"] = a.lr * a.lr_decay ** (step / 1000)
    x, y, w = batch(step)
    h = state["h"] if a.recipe == "streams" else None
    lp, st = model.every(x, h)
    if a.recipe == "streams":
        state["h"] = tuple(s.detach() for s in st)
    l = (F.nll_loss(lp.reshape(-1, lp.shape[-1]), y.reshape(-1), reduction="none") * w.reshape(-1)).sum() / w.sum().clamp_min(1)
    opt.zero_grad(set_to_none=True)
    l.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 5.0)
    opt.step()
    if ema_model is not None:
        with torch.no_grad():
            for pe, pm in zip(ema_model.parameters(), model.parameters()):
                pe.mul_(a.ema).add_(pm, alpha=1 - a.ema)
            for be, bm in zip(ema_model.buffers(), model.buffers()):
                be.copy_(bm)
    step += 1
    loss_sum += l.item(); loss_n += 1
    train_time += time.time() - ts
    if step % a.eval_every == 0 or time.time() - t0 >= a.seconds:
        snapping = step >= a.snap_from
        va, vl, pv = evaluate(val_w, snapping)
        te, tl, pt = evaluate(test_w, snapping)
        extra = {}
        if snapping:
            snap["n"] += 1
            snap["val"] = pv.float() if snap["val"] is None else snap["val"] + pv.float()
            snap["test"] = pt.float() if snap["test"] is None else snap["test"] + pt.float()
            extra["snap_n"] = snap["n"]
            extra["snap_val"] = (snap["val"].argmax(1) == labels_of(val_w)).float().mean().item()
            extra["snap_test"] = (snap["test"].argmax(1) == labels_of(test_w)).float().mean().item()
        if ema_model is not None:
            extra["ema_val"], _, _ = evaluate(val_w, net=ema_model)
            extra["ema_test"], _, _ = evaluate(test_w, net=ema_model)
        emit(event="eval", **extra, step=step, train_s=round(train_time, 1), wall_s=round(time.time() - t0, 1),
             train_loss=round(loss_sum / max(loss_n, 1), 4), val_acc=va, val_loss=vl, test_acc=te, test_loss=tl)
        loss_sum = loss_n = 0
        if va > best[0]:
            best = (va, {k: v.detach().clone() for k, v in model.state_dict().items()}, step, te)
emit(event="best", val_acc=best[0], step=best[2], test_acc=best[3])
if a.save_probs and best[1] is not None:
    model.load_state_dict(best[1])
    va, _, pv = evaluate(val_w, True)
    te, _, pt = evaluate(test_w, True)
    torch.save({"val": pv, "test": pt, "val_y": ids[(val_w if not a.max_eval else val_w[:a.max_eval]) + L], "test_y": ids[(test_w if not a.max_eval else test_w[:a.max_eval]) + L], "val_acc": va, "test_acc": te},
               os.path.join(a.out, a.name + ".probs.pt"))
print(a.name, "done", step, "steps, best val", best[0], "test", best[3], flush=True)
