using Sonata.Music;

namespace Sonata.Pieces;

/// <summary>
/// Places tokens at the onsets and for the durations a rhythm-aware model gave them, so that
/// music21 (and Sonata's tokenizer) reads the written file back as the same tokens. Positions
/// count twelfths of a quarter (<see cref="OnsetGrid"/>); tokens of one onset sound together. A
/// piece is written on two piano tracks, as a pianist's two hands (music21 reads them as one piano
/// part): the rules below hold within a track, and a note goes on the track where its own duration
/// fits best. What music21's reading asks of the file, and what is done for it:
/// <list type="bullet">
/// <item>onsets and durations lie on its grid: each onset is the one before plus the token's step,
/// snapped to the grid and never earlier; a duration is a grid length of at least a sixteenth;</item>
/// <item>a note crossing a barline would become two tied tokens: a note ends by the next 4/4 barline;</item>
/// <item>notes starting within a sixteenth of each other and ending within a sixteenth are gathered
/// into one chord: a note's duration is the nearest to the model's that keeps it apart from them,
/// and where none can, it starts a sixteenth later;</item>
/// <item>a note-off ends the earliest note of its pitch still sounding: a note ends no later than a
/// later note of its pitch that overlaps it (the later one lasts longer, or the earlier one is cut,
/// where that leaves it apart from its neighbours; where neither can be, the later note starts a
/// sixteenth later).</item>
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
            (double)piece.Starts[i] / OnsetGrid.UnitsPerQuarter, (double)piece.Ends[i] / OnsetGrid.UnitsPerQuarter) { Track = piece.Tracks[i] })];
    }

    /// <summary>The tokens placed so far: onsets and ends in twelfths.</summary>
    private sealed class Placement(IReadOnlyList<int>[] pitches)
    {
        public IReadOnlyList<int>[] Pitches { get; } = pitches;

        public long[] Starts { get; } = new long[pitches.Length];

        public long[] Ends { get; } = new long[pitches.Length];

        public int[] Tracks { get; } = new int[pitches.Length];

        /// <summary>
        /// Places token <paramref name="i"/> at <paramref name="start"/>, on the track (of two) where
        /// a grid duration nearest <paramref name="wanted"/> keeps it apart from that track's notes
        /// starting with it and lets it outlast that track's earlier notes of its pitches still
        /// sounding (cutting such a note where it can stay apart from its own neighbours); where
        /// neither track can, a sixteenth later. music21 reads notes of one onset track after track,
        /// so once a token of an onset is on the second track the next ones of that onset are too.
        /// </summary>
        public void Place(int i, long start, long wanted)
        {
            while (true)
            {
                Starts[i] = start;
                bool secondOnly = i > 0 && Starts[i - 1] == start && Tracks[i - 1] == 1;
                var best = (secondOnly ? [1] : new[] { 0, 1 })
                    .Select(track => (Track: track, Fit: Fit(i, track, wanted)))
                    .Where(choice => choice.Fit is not null)
                    .OrderBy(choice => Math.Abs(choice.Fit!.Value.Duration - wanted)).ThenBy(choice => choice.Track)
                    .FirstOrDefault();
                if (best.Fit is { } fit)
                {
                    Tracks[i] = best.Track;
                    Ends[i] = start + fit.Duration;
                    foreach (var (k, end) in fit.Cuts) Ends[k] = end;
                    return;
                }
                start += OnsetGrid.MinimumStep;
                while (!OnsetGrid.IsOnGrid(start)) start++;
            }
        }

        /// <summary>The duration nearest <paramref name="wanted"/> that token <paramref name="i"/> can have on <paramref name="track"/>, and the cuts it needs; null when none.</summary>
        private (long Duration, List<(int Token, long End)> Cuts)? Fit(int i, int track, long wanted)
        {
            long start = Starts[i];
            Tracks[i] = track;
            var near = Near(i, i, start);
            var sounding = Enumerable.Range(0, i).Where(k => Tracks[k] == track && Ends[k] > start && Shares(k, i)).ToList();
            foreach (long duration in Durations(start, wanted).Where(d => Apart(start + d, near)))
            {
                Ends[i] = start + duration;
                var cuts = new List<(int Token, long End)>();
                if (sounding.All(k => Ends[k] <= Ends[i] || Cut(k, i) is long end && Add(cuts, k, end))) return (duration, cuts);
            }
            return null;
        }

        private static bool Add(List<(int Token, long End)> cuts, int token, long end)
        {
            cuts.Add((token, end));
            return true;
        }

        /// <summary>
        /// The longest end of earlier token <paramref name="k"/> that is no later than token
        /// <paramref name="i"/>'s, no earlier than the notes of its pitches it outlasts, and keeps
        /// <paramref name="k"/> apart from the tokens starting with it (<paramref name="i"/> among
        /// them), or null when there is none.
        /// </summary>
        private long? Cut(int k, int i)
        {
            var near = Near(k, i + 1, Starts[k]);
            long longest = Ends[i] - Starts[k];
            long shortest = Enumerable.Range(0, k).Where(m => Tracks[m] == Tracks[k] && Ends[m] > Starts[k] && Shares(m, k))
                .Select(m => Ends[m] - Starts[k]).DefaultIfEmpty(0).Max();
            if (longest < Math.Max(shortest, OnsetGrid.MinimumStep)) return null;
            var fitting = Durations(Starts[k], longest).Where(d => d >= shortest && d <= longest && Apart(Starts[k] + d, near)).ToList();
            return fitting.Count == 0 ? null : Starts[k] + fitting.Max();
        }

        /// <summary>Grid durations from <paramref name="start"/> up to the barline, nearest <paramref name="wanted"/> first (shorter on a tie).</summary>
        private static IEnumerable<long> Durations(long start, long wanted)
        {
            long room = (start / Bar + 1) * Bar - start;
            wanted = Math.Clamp(wanted, OnsetGrid.MinimumStep, room);
            return Enumerable.Range(OnsetGrid.MinimumStep, (int)(room - OnsetGrid.MinimumStep + 1)).Select(d => (long)d)
                .Where(OnsetGrid.IsOnGrid).OrderBy(d => (Math.Abs(d - wanted), d));
        }

        /// <summary>The tokens before <paramref name="upTo"/> (but <paramref name="self"/>) on <paramref name="self"/>'s track, starting within a sixteenth of <paramref name="start"/>.</summary>
        private List<int> Near(int self, int upTo, long start) =>
            [.. Enumerable.Range(0, upTo).Where(k => k != self && Tracks[k] == Tracks[self] && Math.Abs(start - Starts[k]) < Tolerance)];

        private bool Apart(long end, List<int> near) => near.All(k => Math.Abs(Ends[k] - end) > Tolerance);

        private bool Shares(int k, int i) => Pitches[k].Intersect(Pitches[i]).Any();
    }
}
