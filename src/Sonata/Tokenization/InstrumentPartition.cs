namespace Sonata.Tokenization;

/// <summary>
/// music21's <c>instrument.partitionByInstrument</c>: one part per instrument name, in order of
/// first appearance. Each instrument of a track claims the track's elements from its offset to the
/// next instrument's; an element goes into a part once, but can go into two parts. Elements of a
/// track before its first instrument, or of a track with none, are lost. Where no track has an
/// instrument the tracks stay as they are.
/// </summary>
internal static class InstrumentPartition
{
    public sealed record Track(IReadOnlyList<ScoreElement> Elements, IReadOnlyList<TrackInstrument> Instruments);

    /// <param name="budget">Checked as elements go into parts: one element can go into many.</param>
    public static List<List<ScoreElement>> Partition(IReadOnlyList<Track> tracks, TokenBudget budget)
    {
        if (tracks.All(t => t.Instruments.Count == 0))
            return tracks.Select(t => t.Elements.ToList()).ToList();

        var parts = new List<(List<(ScoreElement Element, long Order)> Members, HashSet<ScoreElement> Seen)>();
        var partByName = new Dictionary<string, int>(StringComparer.Ordinal);
        int unnamedPart = -1;
        int PartOf(string? name)
        {
            int index = name is null ? unnamedPart : partByName.GetValueOrDefault(name, -1);
            if (index >= 0)
                return index;
            parts.Add(([], new HashSet<ScoreElement>(ReferenceEqualityComparer.Instance)));
            index = parts.Count - 1;
            if (name is null)
                unnamedPart = index;
            else
                partByName[name] = index;
            return index;
        }
        foreach (var track in tracks)
            foreach (var instrument in Sorted(track.Instruments))
                PartOf(instrument.InstrumentName);

        long order = 0;
        foreach (var track in tracks)
        {
            // The elements by offset (stable, so list order among equal offsets, the order that
            // decides ties later): each instrument's span is then found by binary search.
            var byOffset = Enumerable.Range(0, track.Elements.Count).OrderBy(i => track.Elements[i].Offset).ToArray();
            var offsets = byOffset.Select(i => track.Elements[i].Offset).ToArray();
            var instruments = Sorted(track.Instruments);
            for (int k = 0; k < instruments.Count; k++)
            {
                long start = instruments[k].Offset;
                long end = k + 1 < instruments.Count ? instruments[k + 1].Offset : long.MaxValue;
                var part = parts[PartOf(instruments[k].InstrumentName)];
                for (int at = FirstAtOrAfter(offsets, start); at < offsets.Length; at++)
                {
                    bool inSpan = offsets[at] < end;
                    bool atZeroSpan = start == end && offsets[at] == start;
                    if (!inSpan && !atZeroSpan)
                        break;
                    var e = track.Elements[byOffset[at]];
                    budget.Did();
                    if ((inSpan || e.Duration == 0) && part.Seen.Add(e))
                    {
                        part.Members.Add((e, order++));
                        budget.CheckTokens(order);
                    }
                }
            }
        }
        return parts
            .Select(p => ScoreOrder.Sort(p.Members, m => m.Element.Offset, m => m.Element, m => m.Order)
                .Select(m => m.Element).ToList())
            .ToList();
    }

    /// <summary>The first index whose offset is at least <paramref name="offset"/> (the length if none).</summary>
    private static int FirstAtOrAfter(long[] offsets, long offset)
    {
        int low = 0, high = offsets.Length;
        while (low < high)
        {
            int middle = low + (high - low) / 2;
            if (offsets[middle] < offset)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    private static List<TrackInstrument> Sorted(IReadOnlyList<TrackInstrument> instruments) =>
        instruments.Select((i, n) => (i, n)).OrderBy(x => x.i.Offset).ThenBy(x => x.n).Select(x => x.i).ToList();
}
