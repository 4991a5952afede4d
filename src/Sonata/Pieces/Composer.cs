using NAudio.Midi;
using Sonata.IO;
using Sonata.Music;

namespace Sonata.Pieces;

/// <summary>
/// Tokens + an offset policy → a piano piece in a Standard MIDI File, written so that music21
/// (and Sonata's tokenizer) reads back exactly the same tokens:
/// <list type="bullet">
/// <item>every onset lies on music21's grid (multiples of 1/4 or 1/3 quarter), at a whole
/// number of ticks, so its quantization moves nothing, and onsets lie at least a sixteenth
/// apart, so no two tokens share an onset;</item>
/// <item>every duration lies on that grid too, so quantizing it does not stretch a note into
/// the next token;</item>
/// <item>the notes of a chord start and end on the same ticks, so they group into one chord;</item>
/// <item>each token lasts until the next onset (less up to 2/12 quarter that no grid duration
/// fills), so a single note never overlaps another token, but never past the next barline:
/// music21 splits a note that crosses a barline into two tied notes, which would read back as
/// two tokens (the rest of that bar is silent);</item>
/// <item>all notes are on one track and one channel, after a conductor track with the tempo (one,
/// or a change wherever the tokens' own tempo changes); each note struck with its token's velocity,
/// or the options'.</item>
/// </list>
/// </summary>
public static class Composer
{
    /// <summary>A 4/4 bar in grid units (twelfths of a quarter): the time signature every piece is written in.</summary>
    private const long BarUnits = 4 * OnsetGrid.UnitsPerQuarter;

    /// <summary>
    /// Places each token in time. Onsets are the running sum of the policy's steps (drawn with
    /// <paramref name="seed"/>), each snapped to the nearest grid point at least a sixteenth after
    /// the onset before; the last token lasts one more step. A token ends at the next onset or at
    /// the next barline (4/4), whichever comes first, on the grid.
    /// </summary>
    public static IReadOnlyList<PlacedToken> Arrange(IReadOnlyList<string> tokens, OffsetPolicy offsets, int seed)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(offsets);
        var random = new Random(seed);

        // Exact running offsets, then their grid points: one more than tokens, for the last end.
        var units = new long[tokens.Count + 1];
        double exact = 0;
        for (int i = 0; i <= tokens.Count; i++)
        {
            if (i > 0) exact += offsets.NextStep(random);
            units[i] = i == 0 ? 0 : OnsetGrid.SnapAfter(exact, units[i - 1]);
        }

        var placed = new PlacedToken[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            placed[i] = new PlacedToken(tokens[i], TokenPitches.Parse(tokens[i]),
                (double)units[i] / OnsetGrid.UnitsPerQuarter, (double)EndOf(units[i], units[i + 1]) / OnsetGrid.UnitsPerQuarter);
        }
        return placed;
    }

    /// <summary>
    /// The end of a token from <paramref name="start"/>: the next onset, or the barline before it,
    /// less whatever a duration on the grid cannot fill (at most 2/12 of a quarter, a short rest).
    /// </summary>
    private static long EndOf(long start, long nextOnset) =>
        start + OnsetGrid.LongestDurationWithin(Math.Min(nextOnset, (start / BarUnits + 1) * BarUnits) - start);

    /// <summary>Arranges the tokens and writes them as a MIDI file (atomically).</summary>
    public static IReadOnlyList<PlacedToken> WriteMidi(string path, IReadOnlyList<string> tokens, OffsetPolicy offsets,
        int seed, ComposerOptions? options = null)
    {
        var piece = Arrange(tokens, offsets, seed);
        WriteMidi(path, piece, options);
        return piece;
    }

    /// <summary>Writes placed tokens as a MIDI file (atomically: a temporary file, then renamed).</summary>
    public static void WriteMidi(string path, IReadOnlyList<PlacedToken> piece, ComposerOptions? options = null)
    {
        var events = ToMidiEvents(piece, options ?? new ComposerOptions());
        AtomicFile.WriteVia(path, temporary => MidiFile.Export(temporary, events));
    }

    /// <summary>
    /// Where the tempo is set, quarter notes from the start, and to what: the options' one tempo at 0;
    /// else the first token's own at 0 (<see cref="ComposerOptions.DefaultTempoBpm"/> where it has
    /// none) and each later onset where the tokens' tempo changes, eased in: halfway from the onset
    /// before, the tempo is set to the geometric mean of the old and the new. (The corpus's
    /// performances set about as many tempi between onsets as at them: a rubato is a ramp, not a
    /// step.)
    /// </summary>
    public static IReadOnlyList<(double Quarters, double Bpm)> TempoChanges(IReadOnlyList<PlacedToken> piece, ComposerOptions options)
    {
        ArgumentNullException.ThrowIfNull(piece);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TempoBpm is { } one) return [(0, one)];
        var changes = new List<(double Quarters, double Bpm)>();
        double onset = 0, onsetBefore = 0;
        foreach (var token in piece.Where(t => t.Tempo is > 0).OrderBy(t => t.Start))
        {
            if (token.Start > onset) (onsetBefore, onset) = (onset, token.Start);
            double bpm = token.Tempo!.Value;
            if (changes.Count == 0)
            {
                changes.Add((0, bpm));
            }
            else if (Math.Abs(bpm - changes[^1].Bpm) > 1e-9)
            {
                if (onset > onsetBefore && changes[^1].Quarters < onset)
                    changes.Add(((onsetBefore + onset) / 2, Math.Round(Math.Sqrt(changes[^1].Bpm * bpm), 2)));
                changes.Add((token.Start, bpm));
            }
        }
        return changes.Count > 0 ? changes : [(0, ComposerOptions.DefaultTempoBpm)];
    }

    /// <summary>How long the piece plays, in seconds, at its tempo (<see cref="TempoChanges"/>).</summary>
    public static double Seconds(IReadOnlyList<PlacedToken> piece, ComposerOptions options)
    {
        var changes = TempoChanges(piece, options);
        double end = piece.Count == 0 ? 0 : piece.Max(t => t.End), seconds = 0;
        for (int i = 0; i < changes.Count && changes[i].Quarters < end; i++)
        {
            double until = i + 1 < changes.Count ? Math.Min(changes[i + 1].Quarters, end) : end;
            seconds += (until - changes[i].Quarters) * 60 / changes[i].Bpm;
        }
        return seconds;
    }

    /// <summary>The MIDI events of the piece: track 0 the conductor (tempo, 4/4), track 1 the piano.</summary>
    public static MidiEventCollection ToMidiEvents(IReadOnlyList<PlacedToken> piece, ComposerOptions options)
    {
        ArgumentNullException.ThrowIfNull(piece);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int tpq = options.TicksPerQuarter, channel = options.Channel;
        var events = new MidiEventCollection(1, tpq);

        var conductor = events.AddTrack();
        conductor.Add(new TimeSignatureEvent(0, 4, 2, 24, 8));
        long Ticks(double quarters) => (long)Math.Round(quarters * tpq);
        foreach (var (quarters, bpm) in TempoChanges(piece, options))
            conductor.Add(new TempoEvent((int)Math.Round(60_000_000 / bpm), Ticks(quarters)));
        long end = piece.Count == 0 ? 0 : piece.Max(t => Ticks(t.End));
        conductor.Add(new MetaEvent(MetaEventType.EndTrack, 0, end));

        // One piano track per track number used (both named Piano: music21 reads one part).
        // Events are added in time order and the export's sort is stable: at a shared tick the
        // previous token's note-offs come before the next token's note-ons, so a repeated pitch
        // pairs its on and off correctly.
        foreach (var hand in piece.GroupBy(t => t.Track).OrderBy(g => g.Key))
        {
            var piano = events.AddTrack();
            piano.Add(new TextEvent("Piano", MetaEventType.SequenceTrackName, 0));
            piano.Add(new PatchChangeEvent(0, channel, options.Program));
            foreach (var token in hand)
            {
                long start = Ticks(token.Start), stop = Ticks(token.End);
                if (start < 0 || stop <= start)
                    throw new ArgumentException($"Token '{token.Token}' must start at or after 0 and end after it starts.", nameof(piece));
                foreach (int pitch in token.Pitches)
                    piano.Add(new NoteOnEvent(start, channel, pitch, options.Velocity ?? token.Velocity ?? ComposerOptions.DefaultVelocity, 0));
                foreach (int pitch in token.Pitches)
                    piano.Add(new NoteEvent(stop, channel, MidiCommandCode.NoteOff, pitch, 0));
            }
            piano.Add(new MetaEvent(MetaEventType.EndTrack, 0, end));
        }
        events.PrepareForExport();
        return events;
    }
}
