using Sonata.Midi;

namespace Sonata.Tokenization;

/// <summary>
/// The work one file may make the tokenizer do (<see cref="ReadLimits"/>): each check runs before
/// the work it bounds and refuses the file with a message naming it.
/// </summary>
internal sealed class TokenBudget(string name)
{
    private long tokens;

    /// <summary>
    /// Steps of work done for the file so far: notes compared, elements filed, visited or split,
    /// measures made. Tests bound it where a time would depend on the machine; no limit reads it.
    /// </summary>
    public long Work { get; private set; }

    /// <summary>Counts <paramref name="steps"/> more steps of <see cref="Work"/>.</summary>
    public void Did(long steps = 1) => Work += steps;

    /// <summary>A quantized note or chord of track <paramref name="track"/>, before it is put into measures.</summary>
    public void CheckNote(ScoreElement element, int track)
    {
        long quarters = element.Duration / TimeUnits.PerQuarter;
        if (quarters > ReadLimits.MaxNoteQuarters)
            throw Refusal($"a note of track {track} lasts {quarters:N0} quarter notes "
                + $"(at most {ReadLimits.MaxNoteQuarters:N0} are read): a note-off is probably lost or misplaced");
    }

    /// <summary>
    /// The notes of track <paramref name="track"/> in note-on order, before they are grouped into
    /// chords: each is compared with every note that starts within 1/4 quarter note of it
    /// (<see cref="Quantizer.FinestDivisor"/>, the tolerance of <see cref="ChordGrouping"/>).
    /// </summary>
    public void CheckNotesStartingTogether(IReadOnlyList<NotePair> notes, int ticksPerQuarter, int track)
    {
        double tolerance = (double)ticksPerQuarter / Quantizer.FinestDivisor;
        for (int first = 0, next = 0; first < notes.Count; first++)
        {
            while (next < notes.Count && notes[next].OnTick - notes[first].OnTick < tolerance)
                next++;
            if (next - first > ReadLimits.MaxNotesStartingTogether)
                throw Refusal($"{next - first:N0} notes of track {track} start together, within 1/{Quantizer.FinestDivisor} quarter note "
                    + $"(at most {ReadLimits.MaxNotesStartingTogether:N0} are read): the file is probably corrupt");
        }
    }

    /// <summary>The notes filed so far into one measure of track <paramref name="track"/>, before voices are made for them.</summary>
    public void CheckMeasureNotes(int count, int track)
    {
        if (count > ReadLimits.MaxNotesPerMeasure)
            throw Refusal($"a measure of track {track} holds more than {ReadLimits.MaxNotesPerMeasure:N0} notes "
                + $"(at most {ReadLimits.MaxNotesPerMeasure:N0} are read): the file is probably corrupt");
    }

    /// <summary>The measures a part of track <paramref name="track"/> needs, before they are made.</summary>
    public void CheckMeasures(long measures, int track)
    {
        if (measures > ReadLimits.MaxMeasures)
            throw Refusal($"track {track} needs more than {ReadLimits.MaxMeasures:N0} measures "
                + $"(at most {ReadLimits.MaxMeasures:N0} are read): a time signature or a delta time is probably corrupt");
    }

    /// <summary>
    /// Tokens of a track, its notes with their tied continuations, counted before the ties are made
    /// (at most what the track will give: music21 loses some notes).
    /// </summary>
    public void AddTokens(long count)
    {
        tokens += count;
        CheckTokens(tokens);
    }

    /// <summary>Tokens so far once the tracks' elements are put into parts (an element can go into two).</summary>
    public void CheckTokens(long count)
    {
        if (count > ReadLimits.MaxTokens)
            throw Refusal($"its notes and their ties across barlines make more than {ReadLimits.MaxTokens:N0} tokens "
                + $"(at most {ReadLimits.MaxTokens:N0} are read): the file is probably corrupt");
    }

    private MidiFormatException Refusal(string reason) => new($"{name}: {reason}");
}
