#!/usr/bin/env bash
# Is a piece primed from a slow movement played slower than one primed from a fast movement?
# Primes pieces with a trained run from places of the Mozart sonatas whose own tempo is slow
# (the middle movements of K. 279, 330, 570) and fast (the outer movements of K. 281, 309, 593),
# three seeds each, and prints the figures of each piece's generated part (`sonata evaluate --json`). Builds sonata first (as bench/primers.sh does).
#
#   bench/tempo-primers.sh RUN [ARCHIVE]   (ARCHIVE: by default ../shared/data/mozart_sonatas.tar.gz)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
run="$(realpath "$1")"
archive="$(realpath "${2:-$repo/../shared/data/mozart_sonatas.tar.gz}")"
cd "$repo"
dotnet publish src/Sonata.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o artifacts/sonata -nologo -v quiet
work="$(mktemp -d /tmp/sonata-tempo-XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/files" "$work/slow" "$work/fast"
tar -xzf "$archive" -C "$work/files"
# movement, file, the token the primer starts at (45 % into a file for its slow movement, 15 % for its first)
places=("slow piano_sonata_279.mid 2214" "slow piano_sonata_330.mid 2327" "slow piano_sonata_570.mid 2586"
        "fast piano_sonata_281.mid 757" "fast piano_sonata_309.mid 990" "fast piano_sonata_593.mid 1063")
for place in "${places[@]}"; do
  read -r kind name from <<< "$place"
  file="$(find "$work/files" -name "$name" | head -1)"
  for seed in 1 2 3; do
    artifacts/sonata/sonata generate --run "$run" --primer "$file" --primer-from "$from" --seed "$seed" \
      --out "$work/$kind/${name%.mid}-$seed.mid" > "$work/$kind/${name%.mid}-$seed.log" 2>&1
  done
done
echo "run $run ($(lscpu | sed -n 's/^Model name: *//p'))"
for kind in slow fast; do
  artifacts/sonata/sonata evaluate "$work/$kind" --data "$archive" --json > "$work/$kind.json"
done
python3 - "$work" <<'PY'
import json, statistics, sys
work = sys.argv[1]
print("| primed from | piece | generated part: tempo (BPM) | tempo changes | velocity spread | distinct velocities |")
print("| --- | --- | --- | --- | --- | --- |")
medians = {}
for kind in ("slow", "fast"):
    pieces = json.load(open(f"{work}/{kind}.json"))["pieces"]
    tempi = []
    for p in pieces:
        f = p["figures"]["performance"]
        tempi.append(f["tempo"])
        print(f"| {kind} movement | {p['name']} | {f['tempo']:.0f} | {f['tempoChanges']:.0f} | {f['velocitySpread']:.0f} | {f['distinctVelocities']:.0f} |")
    medians[kind] = statistics.median(tempi)
print(f"median tempo: slow primers {medians['slow']:.0f} BPM, fast primers {medians['fast']:.0f} BPM")
PY
