namespace Sonata.Tokenization;

/// <summary>
/// music21's order of notes and chords in a stream (its sortTuple, for elements of equal priority
/// and class): by offset, grace notes before others, then in the order they were inserted.
/// </summary>
internal static class ScoreOrder
{
    public static List<T> Sort<T>(
        IEnumerable<T> items, Func<T, long> offset, Func<T, ScoreElement> element, Func<T, long> insertion)
    {
        var sorted = items.ToList();
        sorted.Sort((a, b) =>
        {
            int order = offset(a).CompareTo(offset(b));
            if (order == 0) order = GraceFirst(element(a)).CompareTo(GraceFirst(element(b)));
            return order != 0 ? order : insertion(a).CompareTo(insertion(b));
        });
        return sorted;
    }

    private static int GraceFirst(ScoreElement e) => e.IsGrace ? 0 : 1;
}
