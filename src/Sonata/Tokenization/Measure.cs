namespace Sonata.Tokenization;

/// <summary>
/// One music21 Measure of a part while measures, voices and ties are made: its notes, held either
/// in the measure itself or in its voices, each with the insertion number music21 sorts ties by.
/// </summary>
internal sealed class Measure(long start)
{
    public long Start { get; set; } = start;
    public Container Own { get; } = new();
    public List<Container> Voices { get; } = [];

    /// <summary>A measure or a voice: elements at offsets relative to the measure.</summary>
    internal sealed class Container
    {
        public List<Slot> Slots { get; } = [];

        public long HighestTime => Slots.Count == 0 ? 0 : Slots.Max(s => s.LocalOffset + s.Element.Duration);

        public void Insert(long localOffset, ScoreElement element, ref long sequence) =>
            Slots.Add(new Slot(localOffset, element, sequence++));

        /// <summary>Slots in music21's sort order: offset, grace notes first, then insertion.</summary>
        public List<Slot> Sorted() =>
            Slots.OrderBy(s => s.LocalOffset).ThenBy(s => s.Element.IsGrace ? 0 : 1).ThenBy(s => s.Sequence).ToList();
    }

    internal readonly record struct Slot(long LocalOffset, ScoreElement Element, long Sequence);
}
