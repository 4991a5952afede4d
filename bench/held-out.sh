#!/usr/bin/env bash
# The default model on sonatas it never read: for each seed, `sonata train --split pieces` (2 + 2
# sonatas held out by the seed, 16 trained on, the main job's 14 minutes of training), then the best
# epoch scored the lab's way on its 4 held-out sonatas (`sonata evaluate --run --held-out`), with
# the networks' own accuracy beside. Prints a line a seed and the mean and range. Needs the build
# scripts/compose makes (artifacts/sonata). Run with nothing else on the machine.
#
#   bench/held-out.sh [--seeds "2 3 4 5"] [--minutes 14] [--windows 8000] [--out bench-out/held-out] [-- TRAIN-OPTIONS...]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
data="$repo/../shared/data/mozart_sonatas.tar.gz"
seeds="2 3 4 5"
minutes=14
windows=8000
out="$repo/bench-out/held-out"
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --windows) windows="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --) shift; extra+=("$@"); break ;;
    *) echo "held-out: unknown option $1" >&2; exit 2 ;;
  esac
done
sonata="$repo/artifacts/sonata/sonata"
[ -x "$sonata" ] || { echo "held-out: build sonata first (scripts/compose builds it into artifacts/sonata)" >&2; exit 1; }
mkdir -p "$out"
echo "held-out sonatas, $(nproc) core(s), $(lscpu | sed -n 's/^Model name: *//p'), commit $(git -C "$repo" rev-parse --short HEAD), train options: ${extra[*]:-(defaults)}"
for seed in $seeds; do
  run="$out/seed-$seed"
  rm -rf "$run"
  "$sonata" train --data "$data" --split pieces --seed "$seed" --minutes "$minutes" --out "$run" "${extra[@]}" > "$out/seed-$seed.train.log" 2>&1
  "$sonata" evaluate --run "$run" --held-out --windows "$windows" --json > "$out/seed-$seed.json"
  python3 - "$out/seed-$seed.json" "$run/summary.json" "$seed" <<'PY'
import json, sys
e, s = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
score = e["score"]
print(f"seed {sys.argv[3]}: {e['data']}: accuracy {100 * score['accuracy']:.2f} %, networks alone "
      f"{100 * (score.get('networkAccuracy') or score['accuracy']):.2f} %, loss {score['loss']:.3f}; "
      f"{s['epochs']} epochs, best {s['best_epoch']}, stopped by {s['stop_reason']}")
PY
done
python3 - "$out" $seeds <<'PY'
import json, sys
rows = [json.load(open(f"{sys.argv[1]}/seed-{s}.json"))["score"] for s in sys.argv[2:]]
for key, name in (("accuracy", "accuracy"), ("networkAccuracy", "networks alone"), ("loss", "loss")):
    values = [(1 if key == "loss" else 100) * (r.get(key) or r["accuracy"]) for r in rows]
    unit = "" if key == "loss" else " %"
    print(f"mean {name} {sum(values) / len(values):.2f}{unit} ({min(values):.2f}–{max(values):.2f}{unit}) over {len(values)} choice(s)")
PY
