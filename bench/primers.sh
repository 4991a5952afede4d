#!/usr/bin/env bash
# Primes a piece from every MIDI file of a corpus with a trained run, as a user would with
# `sonata generate --primer FILE`: how many files prime a piece, and how many of their primer
# tokens the model did not know (read as the nearest it knows). Builds sonata first.
#
#   bench/primers.sh RUN [ARCHIVE]      (ARCHIVE: by default ../shared/data/midi_songs.tar.gz)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
run="$(realpath "$1")"
archive="$(realpath "${2:-$repo/../shared/data/midi_songs.tar.gz}")"
cd "$repo"
dotnet publish src/Sonata.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o artifacts/sonata -nologo -v quiet
work="$(mktemp -d /tmp/sonata-primers-XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/files" "$work/pieces"
tar -xzf "$archive" -C "$work/files"
ok=0; failed=0
while IFS= read -r -d '' file; do
  name="$(basename "$file")"; stem="${name%.*}"
  if artifacts/sonata/sonata generate --run "$run" --primer "$file" --seed 1 --out "$work/pieces/$stem.mid" > "$work/pieces/$stem.log" 2>&1; then
    ok=$((ok + 1))
  else
    failed=$((failed + 1)); echo "FAILED $name: $(grep -m1 -i error "$work/pieces/$stem.log")"
  fi
done < <(find "$work/files" -type f \( -iname '*.mid' -o -iname '*.midi' \) -print0 | sort -z)
echo "$ok of $((ok + failed)) files primed a piece ($(lscpu | sed -n 's/^Model name: *//p'))"
python3 - "$work/pieces" <<'PY'
import json, pathlib, statistics, sys
records = [json.loads(p.read_text()) for p in sorted(pathlib.Path(sys.argv[1]).glob("*.piece.json"))]
if not records: sys.exit()
mapped = [r["primer_mapped"] for r in records]
lengths = [r["primer_length"] for r in records]
print(f"primer tokens read as the nearest known: {sum(mapped)} of {sum(lengths)} ({100 * sum(mapped) / sum(lengths):.1f} %); "
      f"a file's median {statistics.median(mapped):g}, max {max(mapped)}; files with none: {sum(m == 0 for m in mapped)}")
print(f"seconds to generate a piece: median {statistics.median(r['seconds'] for r in records):.2f}")
PY
