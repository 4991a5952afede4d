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

        var parts = new List<(string? Name, List<(ScoreElement Element, long Order)> Members, HashSet<ScoreElement> Seen)>();
        int PartOf(string? name)
        {
            int index = parts.FindIndex(p => p.Name == name);
            if (index < 0)
            {
                parts.Add((name, [], new HashSet<ScoreElement>(ReferenceEqualityComparer.Instance)));
                index = parts.Count - 1;
            }
            return index;
        }
        foreach (var track in tracks)
            foreach (var instrument in Sorted(track.Instruments))
                PartOf(instrument.InstrumentName);

        long order = 0;
        foreach (var track in tracks)
        {
            var instruments = Sorted(track.Instruments);
            for (int k = 0; k < instruments.Count; k++)
            {
                long start = instruments[k].Offset;
                long end = k + 1 < instruments.Count ? instruments[k + 1].Offset : long.MaxValue;
                var part = parts[PartOf(instruments[k].InstrumentName)];
                foreach (var e in track.Elements)
                {
                    bool inSpan = start <= e.Offset && e.Offset < end;
                    bool zeroLengthAtZeroSpan = start == end && e.Duration == 0 && e.Offset == start;
                    if ((inSpan || zeroLengthAtZeroSpan) && part.Seen.Add(e))
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

    private static List<TrackInstrument> Sorted(IReadOnlyList<TrackInstrument> instruments) =>
        instruments.Select((i, n) => (i, n)).OrderBy(x => x.i.Offset).ThenBy(x => x.n).Select(x => x.i).ToList();
}
