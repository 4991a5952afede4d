# Averages the best-validation probabilities of the runs in a folder: ensembles of the top k by
# validation accuracy (chosen on validation only), scored on validation and test.
import glob, json, sys, torch
runs = [(p, torch.load(p)) for p in glob.glob(sys.argv[1] + "/*.probs.pt")]
runs.sort(key=lambda r: -r[1]["val_acc"])
for p, r in runs:
    print(json.dumps({"run": p.split("/")[-1], "val_acc": r["val_acc"], "test_acc": r["test_acc"]}))
for k in range(2, len(runs) + 1):
    pv = sum(r["val"].float() for _, r in runs[:k]); pt = sum(r["test"].float() for _, r in runs[:k])
    va = (pv.argmax(1) == runs[0][1]["val_y"]).float().mean().item()
    te = (pt.argmax(1) == runs[0][1]["test_y"]).float().mean().item()
    print(json.dumps({"ensemble_top": k, "val_acc": va, "test_acc": te}))
