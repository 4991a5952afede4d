using Sonata.Music;

namespace Sonata.Pieces;

/// <summary>
/// Places tokens at the onsets and for the durations a rhythm-aware model gave them, so that
/// music21 (and Sonata's tokenizer) reads the written file back as the same tokens. Positions
/// count twelfths of a quarter (<see cref="OnsetGrid"/>); tokens of one onset sound together.
/// What music21's reading asks of the file, and what is done for it:
/// <list type="bullet">
/// <item>onsets and durations lie on its grid: each onset is the one before plus the token's step,
/// snapped to the grid and never earlier; a duration is a grid length of at least a sixteenth;</item>
/// <item>a note crossing a barline would become two tied tokens: a note ends by the next 4/4 barline;</item>
/// <item>notes starting within a sixteenth of each other and ending within a sixteenth are gathered
/// into one chord: a note's duration is the nearest to the model's that keeps it apart from them,
/// and where none can, it starts on the next grid point a sixteenth after them;</item>
/// <item>a note-off ends the earliest note of its pitch still sounding: a note ends no later than a
/// later note of its pitch that overlaps it (cut where that leaves it apart from its neighbours).</item>
/// </list>
/// </summary>
public static class TimedArrangement
{
    private const long Bar = 4 * OnsetGrid.UnitsPerQuarter;
    private const long Tolerance = OnsetGrid.MinimumStep;   // music21 gathers notes within a sixteenth into chords

    /// <param name="steps">Each token's step from the one before, in quarter notes (the first token's is ignored: it starts the piece).</param>
    /// <param name="durations">Each token's duration in quarter notes.</param>
    public static IReadOnlyList<PlacedToken> Arrange(IReadOnlyList<string> tokens, IReadOnlyList<double> steps, IReadOnlyList<double> durations)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(durations);
        if (steps.Count != tokens.Count || durations.Count != tokens.Count)
            throw new ArgumentException("each token has one step and one duration");
        var piece = new Placement(tokens.Select(TokenPitches.Parse).ToArray());
        for (int i = 0; i < tokens.Count; i++)
        {
            long start = i == 0 ? 0 : OnsetGrid.SnapNotBefore(steps[i] * OnsetGrid.UnitsPerQuarter + piece.Starts[i - 1], piece.Starts[i - 1]);
            piece.Place(i, start, (long)Math.Round(durations[i] * OnsetGrid.UnitsPerQuarter));
        }
        return [.. tokens.Select((token, i) => new PlacedToken(token, piece.Pitches[i],
            (double)piece.Starts[i] / OnsetGrid.UnitsPerQuarter, (double)piece.Ends[i] / OnsetGrid.UnitsPerQuarter))];
    }

    /// <summary>The tokens placed so far: onsets and ends in twelfths.</summary>
    private sealed class Placement(IReadOnlyList<int>[] pitches)
    {
        public IReadOnlyList<int>[] Pitches { get; } = pitches;

        public long[] Starts { get; } = new long[pitches.Length];

        public long[] Ends { get; } = new long[pitches.Length];

        /// <summary>Places token <paramref name="i"/> at <paramref name="start"/> (or later, where it cannot be kept apart there) for about <paramref name="wanted"/>.</summary>
        public void Place(int i, long start, long wanted)
        {
            while (true)
            {
                Starts[i] = start;
                var near = Near(i, i, start);
                long outlast = Enumerable.Range(0, i).Where(k => Ends[k] > start && Shares(k, i)).Select(k => Ends[k] - start).DefaultIfEmpty(0).Max();
                var fitting = Durations(start, wanted).Where(d => Apart(start + d, near)).ToList();
                if (fitting.Count > 0)
                {
                    long duration = fitting.FirstOrDefault(d => d >= outlast, fitting[0]);
                    Ends[i] = start + duration;
                    CutOutlasting(i);
                    return;
                }
                // Nothing keeps it apart here: start a sixteenth after the notes it would join.
                long after = near.Max(k => Starts[k]) + Tolerance;
                while (!OnsetGrid.IsOnGrid(after)) after++;
                start = after;
            }
        }

        /// <summary>Grid durations from <paramref name="start"/> up to the barline, nearest <paramref name="wanted"/> first (shorter on a tie).</summary>
        private static IEnumerable<long> Durations(long start, long wanted)
        {
            long room = (start / Bar + 1) * Bar - start;
            wanted = Math.Clamp(wanted, OnsetGrid.MinimumStep, room);
            return Enumerable.Range(OnsetGrid.MinimumStep, (int)(room - OnsetGrid.MinimumStep + 1)).Select(d => (long)d)
                .Where(OnsetGrid.IsOnGrid).OrderBy(d => (Math.Abs(d - wanted), d));
        }

        /// <summary>The tokens before <paramref name="upTo"/> (but <paramref name="self"/>) starting within a sixteenth of <paramref name="start"/>.</summary>
        private List<int> Near(int self, int upTo, long start) =>
            [.. Enumerable.Range(0, upTo).Where(k => k != self && Math.Abs(start - Starts[k]) < Tolerance)];

        private bool Apart(long end, List<int> near) => near.All(k => Math.Abs(Ends[k] - end) > Tolerance);

        private bool Shares(int k, int i) => Pitches[k].Intersect(Pitches[i]).Any();

        /// <summary>An earlier note of a pitch of token <paramref name="i"/> that would outlast it ends by its end, where it can stay apart.</summary>
        private void CutOutlasting(int i)
        {
            for (int k = 0; k < i; k++)
            {
                if (Ends[k] <= Ends[i] || Ends[k] <= Starts[i] || !Shares(k, i)) continue;
                var near = Near(k, i + 1, Starts[k]);
                long longest = Ends[i] - Starts[k];
                var cut = Durations(Starts[k], longest).Where(d => d <= longest && Apart(Starts[k] + d, near)).DefaultIfEmpty(0).Max();
                if (cut > 0) Ends[k] = Starts[k] + cut;
            }
        }
    }
}
