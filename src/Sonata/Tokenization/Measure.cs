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

        /// <summary>Where the latest element ends; computed afresh because ties shorten elements.</summary>
        public long HighestTime
        {
            get
            {
                long highest = 0;
                foreach (var slot in Slots)
                    highest = Math.Max(highest, slot.LocalOffset + slot.Element.Duration);
                return highest;
            }
        }

        public void Insert(long localOffset, ScoreElement element, ref long sequence) =>
            Slots.Add(new Slot(localOffset, element, sequence++));

        /// <summary>Slots in music21's sort order: offset, grace notes first, then insertion.</summary>
        public List<Slot> Sorted()
        {
            var sorted = new List<Slot>(Slots);
            sorted.Sort(static (a, b) =>
            {
                int order = a.LocalOffset.CompareTo(b.LocalOffset);
                if (order == 0) order = (a.Element.IsGrace ? 0 : 1).CompareTo(b.Element.IsGrace ? 0 : 1);
                return order != 0 ? order : a.Sequence.CompareTo(b.Sequence);
            });
            return sorted;
        }
    }

    internal readonly record struct Slot(long LocalOffset, ScoreElement Element, long Sequence);
}
