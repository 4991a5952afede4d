#!/usr/bin/env python3
"""The issue's four performance figures, read straight from MIDI bytes (not through Sonata):
velocity spread (p90 - p10 of note-on velocities), distinct velocities, the time-weighted median
tempo (quarter notes a minute) and the number of set-tempo events, over 600-note stretches; and
how many set-tempo events move the tempo by more than 20 % at once (a jump, not a rubato).

  bench/midi-performance.py corpus DIR     5 seeded 600-note excerpts of each file (seed 0)
  bench/midi-performance.py pieces DIR     each piece's last 600 notes (its generated part)

Prints each figure's median (p10-p90) over the stretches."""
import glob, os, random, statistics, struct, sys


def vlq(b, i):
    v = 0
    while True:
        c = b[i]; i += 1; v = (v << 7) | (c & 0x7F)
        if not c & 0x80:
            return v, i


def parse(path):
    b = open(path, "rb").read()
    tpq = struct.unpack(">H", b[12:14])[0]
    i, tempos, notes = 14, [], []
    while i + 8 <= len(b):
        tag, length = b[i:i + 4], struct.unpack(">I", b[i + 4:i + 8])[0]
        j, end = i + 8, i + 8 + length
        i = end
        if tag != b"MTrk":
            continue
        t, status = 0, None
        while j < end:
            d, j = vlq(b, j); t += d
            s = b[j]
            if s == 0xFF:
                kind = b[j + 1]; n, k = vlq(b, j + 2)
                if kind == 0x51:
                    tempos.append((t, 60e6 / int.from_bytes(b[k:k + n], "big")))
                j = k + n; continue
            if s in (0xF0, 0xF7):
                n, k = vlq(b, j + 1); j = k + n; continue
            if s & 0x80:
                status = s; j += 1
            high = status & 0xF0
            if high == 0x90 and b[j + 1] > 0:
                notes.append((t, b[j + 1]))
            j += 1 if high in (0xC0, 0xD0) else 2
    return tpq, sorted(tempos), sorted(notes)


def percentile(values, q):
    values = sorted(values); r = (len(values) - 1) * q; lo = int(r); hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (r - lo)


def figures(tempos, notes):
    velocities = [v for _, v in notes]
    start, end = notes[0][0], notes[-1][0]
    events = [e for e in tempos if start <= e[0] <= end]
    before = [e for e in tempos if e[0] < start]
    points = ([(start, before[-1][1])] if before else [(start, 120.0)]) + [e for e in events if e[0] > start] + [(end, None)]
    spans = [(a[1], (b[0] - a[0]) * 60 / a[1]) for a, b in zip(points, points[1:]) if b[0] > a[0]]
    total, run, tempo = sum(s for _, s in spans), 0, points[0][1]
    for bpm, seconds in sorted(spans):
        run += seconds
        if run >= total / 2:
            tempo = bpm; break
    bpms = [points[0][1]] + [bpm for _, bpm in events]
    jumps = sum(1 for a, b in zip(bpms, bpms[1:]) if max(a, b) / min(a, b) > 1.2)
    return (percentile(velocities, 0.9) - percentile(velocities, 0.1), len(set(velocities)), tempo, len(events), jumps)


def main():
    mode, folder = sys.argv[1], sys.argv[2]
    files = sorted(glob.glob(os.path.join(folder, "**", "*.mid"), recursive=True))
    random.seed(0)
    rows = []
    for f in files:
        _, tempos, notes = parse(f)
        if len(notes) < 600:
            continue
        if mode == "corpus":
            for _ in range(5):
                s = random.randrange(0, len(notes) - 600 + 1)
                rows.append(figures(tempos, notes[s:s + 600]))
        else:
            rows.append(figures(tempos, notes[-600:]))
    names = ["velocity spread", "distinct velocities", "tempo", "set-tempo events", "tempo jumps over 20 %"]
    print(f"{len(rows)} stretches of 600 notes ({mode}, {folder})")
    for k, name in enumerate(names):
        values = [r[k] for r in rows]
        print(f"  {name}: {statistics.median(values):.0f} ({percentile(values, 0.1):.0f}-{percentile(values, 0.9):.0f})")


main()
