namespace Sonata.Tokenization;

/// <summary>
/// Gathers notes of a track into chords the way music21's <c>midiTrackToStream</c> does: notes whose
/// note-ons lie closer than 1/4 quarter note (one over the finest quantization divisor) to a note's
/// own and whose note-offs lie within that tolerance of its note-off join its chord; a note that starts with it but ends elsewhere
/// stays apart and makes the track need voices. Like music21, a later note does not skip notes
/// already gathered, so a note can join two chords.
/// </summary>
internal static class ChordGrouping
{
    private const int PercussionChannel = 10;

    /// <param name="budget">Counts each pair of notes compared.</param>
    public static (List<ScoreElement> Elements, bool VoicesRequired) Group(
        IReadOnlyList<NotePair> notes, int ticksPerQuarter, int finestDivisor, TokenBudget budget)
    {
        double tolerance = (double)ticksPerQuarter / finestDivisor;
        var elements = new List<ScoreElement>(notes.Count);
        var gathered = new bool[notes.Count];
        bool voicesRequired = false;
        var chord = new List<NotePair>();

        for (int i = 0; i < notes.Count; i++)
        {
            if (gathered[i])
                continue;
            var first = notes[i];
            for (int j = i + 1; j < notes.Count; j++)
            {
                var other = notes[j];
                budget.Did();
                if (Math.Abs(other.OnTick - first.OnTick) >= tolerance)
                    break;
                if (Math.Abs(other.OffTick - first.OffTick) > tolerance)
                {
                    voicesRequired = true;
                    continue;
                }
                if (chord.Count == 0)
                {
                    chord.Add(first);
                    gathered[i] = true;
                }
                chord.Add(other);
                gathered[j] = true;
            }

            if (chord.Count > 0)
            {
                elements.Add(MakeChord(chord, first.OnTick));
                chord.Clear();
            }
            else
            {
                elements.Add(new ScoreElement
                {
                    Pitches = [first.Pitch],
                    IsPitched = first.Channel != PercussionChannel,
                    Velocity = first.Velocity,
                    StartTick = first.OnTick,
                    DurationTicks = first.OffTick - first.OnTick,
                });
            }
        }
        return (elements, voicesRequired);
    }

    /// <summary>music21 times a chord by its first note-on but takes its length from its last note.</summary>
    private static ScoreElement MakeChord(List<NotePair> chord, long startTick)
    {
        var last = chord[^1];
        return new ScoreElement
        {
            Pitches = chord.Select(n => n.Pitch).ToArray(),
            IsChord = true,
            IsPitched = chord.All(n => n.Channel != PercussionChannel),
            Velocity = (int)Math.Round(chord.Average(n => n.Velocity)),
            StartTick = startTick,
            DurationTicks = last.OffTick - last.OnTick,
        };
    }
}
