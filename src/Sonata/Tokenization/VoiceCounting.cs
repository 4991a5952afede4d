namespace Sonata.Tokenization;

/// <summary>
/// How many voices music21's <c>makeVoices</c> makes for a measure: the size of the largest group
/// that <c>getOverlaps</c> reports. Its grouping is greedy and can undercount, which is why a note
/// can find no free voice; this reproduces it step for step.
/// </summary>
internal static class VoiceCounting
{
    /// <param name="budget">Counts each pair of notes compared and each group looked through.</param>
    public static int MaxOverlapGroup(IReadOnlyList<Measure.Slot> sorted, TokenBudget budget)
    {
        int n = sorted.Count;
        var overlaps = new List<int>[n];
        for (int i = 0; i < n; i++)
            overlaps[i] = [];
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                budget.Did();
                if (!Overlap(sorted[i], sorted[j]))
                    break;
                overlaps[i].Add(j);
                overlaps[j].Add(i);
            }
        }
        foreach (var list in overlaps)
            list.Sort();

        // Groups keyed by offset, in the order music21's dictionary creates them.
        var groups = new List<(long Offset, List<int> Members)>();
        var groupOf = new Dictionary<int, int>();
        int FindGroup(int member) => groupOf.TryGetValue(member, out int at) ? at : -1;
        void Store(long offset, int member)
        {
            budget.Did(groups.Count);
            int at = groups.FindIndex(g => g.Offset == offset);
            if (at < 0)
            {
                groups.Add((offset, []));
                at = groups.Count - 1;
            }
            groups[at].Members.Add(member);
            groupOf[member] = at;
        }

        for (int i = 0; i < n; i++)
        {
            if (overlaps[i].Count == 0)
                continue;
            long? destination = null;
            foreach (int j in overlaps[i])
            {
                int existing = FindGroup(j);
                if (existing >= 0)
                    destination = groups[existing].Offset;
                destination ??= sorted[i].LocalOffset;
                if (existing < 0)
                    Store(destination.Value, j);
            }
            if (FindGroup(i) < 0)
                Store(destination ?? sorted[i].LocalOffset, i);
        }
        return groups.Count == 0 ? 1 : Math.Max(1, groups.Max(g => g.Members.Count));
    }

    /// <summary>Two spans overlap when the later one starts before the earlier one ends.</summary>
    private static bool Overlap(Measure.Slot a, Measure.Slot b)
    {
        var first = (a.LocalOffset, End: a.LocalOffset + a.Element.Duration);
        var second = (b.LocalOffset, End: b.LocalOffset + b.Element.Duration);
        if (second.LocalOffset < first.LocalOffset
            || (second.LocalOffset == first.LocalOffset && second.End < first.End))
            (first, second) = (second, first);
        return second.LocalOffset < first.End;
    }
}
