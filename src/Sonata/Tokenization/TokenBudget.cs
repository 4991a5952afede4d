using Sonata.Midi;

namespace Sonata.Tokenization;

/// <summary>
/// The work one file may make the tokenizer do (<see cref="ReadLimits"/>): each check runs before
/// the work it bounds and refuses the file with a message naming it.
/// </summary>
internal sealed class TokenBudget(string name)
{
    private long tokens;

    /// <summary>A quantized note or chord of track <paramref name="track"/>, before it is put into measures.</summary>
    public void CheckNote(ScoreElement element, int track)
    {
        long quarters = element.Duration / TimeUnits.PerQuarter;
        if (quarters > ReadLimits.MaxNoteQuarters)
            throw Refusal($"a note of track {track} lasts {quarters:N0} quarter notes "
                + $"(at most {ReadLimits.MaxNoteQuarters:N0} are read): a note-off is probably lost or misplaced");
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
