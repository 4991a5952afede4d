#!/usr/bin/env bash
# The main job, timed as a new user meets it: a fresh clone of this repository beside it, then
# scripts/compose with no options but the corpus (here from ../shared, since these machines reach
# no network; a user's first run downloads it). Prints each stage's time, the final validation and
# test accuracy on the whole splits, the piece's figures line, the total and the peak memory of the
# whole job (the largest process's resident set, from /usr/bin/time). Run with nothing else on the machine
# (or under bench/slowed.sh, for a machine about 4 times slower).
#
#   bench/main-job.sh [--data SOURCE] [-- COMPOSE-OPTIONS...]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
data="$repo/../shared/data/mozart_sonatas.tar.gz"
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --) shift; extra+=("$@"); break ;;
    *) echo "main-job: unknown option $1" >&2; exit 2 ;;
  esac
done
clone="$(dirname "$repo")/main-job-clone"
rm -rf "$clone"
git clone -q "$repo" "$clone"
log="$clone/compose.log"
cd "$clone"
/usr/bin/time -v -o "$clone/time.txt" scripts/compose --data "$data" "${extra[@]}" > "$log" 2>&1 || { tail -20 "$log"; exit 1; }
echo "main job from a fresh clone ($(git rev-parse --short HEAD)), $(nproc) core(s), $(lscpu | sed -n 's/^Model name: *//p'):"
grep -E '^   [a-z].*: [0-9]+ s|^measured here|epoch\(s\), ' "$log"
summary="$clone/out/run/summary.json"
python3 - "$summary" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
def pct(key): return f"{100 * s[key]:.2f} %" if s.get(key) is not None else "–"
val = "val_accuracy" if s.get("val_accuracy") is not None else "best_val_accuracy"
print(f"validation {pct(val)} on {s.get('val_windows_scored', 0):,} windows (networks alone {pct('network_val_accuracy')}); "
      f"test {pct('test_accuracy')} on {s.get('test_windows_scored', 0):,} of {s.get('test_split_windows', 0):,} windows "
      f"(networks alone {pct('network_test_accuracy')}); {s['epochs']} epochs, best {s['best_epoch']}, stopped by {s['stop_reason']}")
PY
grep -E 'Elapsed \(wall clock\)|Maximum resident set size' "$clone/time.txt" | sed 's/^\s*/  /'
ls -la "$clone/out" | grep -E 'mozart|report' | awk '{ print "  " $5 " bytes  " $9 }'
