namespace Sonata.Tokenization;

/// <summary>
/// One music21 Measure of a part while measures, voices and ties are made: its notes, held either
/// in the measure itself or in its voices, each with the insertion number music21 sorts ties by.
/// It also tracks music21's cached highest time of the measure and of each voice: music21 lays
/// measures end to end by that cached length, and a chord cut by a tie does not clear it (its
/// Chord.duration setter skips informSites), so a stale length can push the rest of the track later.
/// </summary>
internal sealed class Measure(long start)
{
    public long Start { get; set; } = start;
    public Container Own { get; } = new();
    public List<Container> Voices { get; } = [];

    /// <summary>A clef or time signature stands at the start (first measure, or a change of meter).</summary>
    public bool HasSignatureAtStart { get; init; }

    /// <summary>The measure's highest time as music21 reads it: cached, or computed (and cached) now.</summary>
    public long ReadHighestTime() =>
        Own.Cached ??= Math.Max(Own.HighestTime, Voices.Select(v => v.ReadHighestTime()).DefaultIfEmpty(0).Max());

    /// <summary>Something in the measure or one of its voices changed: its cached length is gone.</summary>
    public void Changed() => Own.Cached = null;

    public void Insert(Container container, long localOffset, ScoreElement element, ref long sequence)
    {
        container.Insert(localOffset, element, ref sequence);
        container.Cached = null;
        Changed();
    }

    /// <summary>A measure or a voice: elements at offsets relative to the measure.</summary>
    internal sealed class Container
    {
        public List<Slot> Slots { get; } = [];

        /// <summary>music21's cached highest time, while valid.</summary>
        public long? Cached { get; set; }

        public long ReadHighestTime() => Cached ??= HighestTime;

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
        public List<Slot> Sorted() => ScoreOrder.Sort(Slots, s => s.LocalOffset, s => s.Element, s => s.Sequence);
    }

    internal readonly record struct Slot(long LocalOffset, ScoreElement Element, long Sequence);
}
