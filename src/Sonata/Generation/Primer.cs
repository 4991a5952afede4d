using Sonata.Dataset;
using Sonata.Tokenization;

namespace Sonata.Generation;

/// <summary>
/// The tokens a piece starts from, which the model continues: a window of the run's test split
/// (the lab's way, see <see cref="Runs.TrainedRun.TestWindow"/>), or a stretch of the user's primer
/// file (by default its end); with each token's step and duration class (<see cref="TimingClasses"/>)
/// when known. A primer file's tokens outside the model's vocabulary are read as the nearest it
/// knows (<see cref="NearestToken"/>); the piece keeps the file's own.
/// </summary>
/// <param name="Tokens">The primer's tokens, oldest first, as they were written.</param>
/// <param name="Description">Where they came from, for messages ("test window 1,234 of 17,131 …").</param>
public sealed record Primer(IReadOnlyList<string> Tokens, string Description)
{
    /// <summary>Each token's step class, or null when the primer's timing is not known.</summary>
    public IReadOnlyList<long>? Steps { get; init; }

    /// <summary>Each token's duration class, or null.</summary>
    public IReadOnlyList<long>? Durations { get; init; }

    /// <summary>How hard each token was played and the tempo where it starts (0 where not known), or null when the primer's performance is not known.</summary>
    public IReadOnlyList<Performed>? Performance { get; init; }

    /// <summary>The tokens as the model reads them (each outside its vocabulary as the nearest it knows); null: <see cref="Tokens"/>.</summary>
    public IReadOnlyList<string>? ReadAs { get; init; }

    /// <summary>The tokens read as others, and as which, in order of first appearance.</summary>
    public IReadOnlyList<TokenSubstitution> Substitutions { get; init; } = [];

    /// <summary>The tokens the model reads.</summary>
    public IReadOnlyList<string> ModelTokens => ReadAs ?? Tokens;

    /// <summary>Primer tokens read as another.</summary>
    public int Mapped => Substitutions.Sum(s => s.Count);

    /// <summary>
    /// The stretch <paramref name="span"/> asks for of a MIDI file's tokens (by default its last
    /// <paramref name="contextLength"/>), with their timing (the first token's step counted from the
    /// token before it in the file) and read with <paramref name="vocabulary"/>.
    /// </summary>
    /// <exception cref="UserErrorException">The file holds no notes, or the span lies outside it or is longer than the context.</exception>
    public static Primer FromEvents(IReadOnlyList<TokenEvent> events, Vocabulary vocabulary, PrimerSpan span, int contextLength, string name)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(span);
        if (events.Count == 0) throw new UserErrorException($"{name} holds no notes or chords to prime a piece with");
        int length = span.Length ?? contextLength;
        if (length < 1 || length > contextLength)
            throw new UserErrorException($"a primer of {length} tokens: the model reads 1 to {contextLength} tokens of context (--primer-length)");
        int start = span.From is { } from ? StartOf(events, from, name) : Math.Max(0, events.Count - length);
        int count = Math.Min(length, events.Count - start);
        var tokens = events.Skip(start).Take(count).Select(e => e.Token).ToList();
        var reading = new NearestToken(vocabulary).Read(tokens);
        var timing = CorpusTiming.Of([events]);
        string description = span.From is null
            ? $"the last {count} of the {events.Count} tokens of {name}"
            : $"tokens {start:N0}–{start + count - 1:N0} of the {events.Count:N0} of {name} (from {span.From}; tokens counted from 0)";
        return new Primer(tokens, description)
        {
            Steps = timing.Steps[start..(start + count)],
            Durations = timing.Durations[start..(start + count)],
            Performance = Performed.Slice(timing, start, count),
            ReadAs = reading.Mapped == 0 ? null : reading.Tokens,
            Substitutions = reading.Substitutions,
        };
    }

    /// <summary>The index of the token <paramref name="from"/> names.</summary>
    private static int StartOf(IReadOnlyList<TokenEvent> events, PrimerPosition from, string name)
    {
        if (!from.InQuarterNotes)
        {
            return from.Value < events.Count ? (int)from.Value
                : throw new UserErrorException($"--primer-from {from.Value}: {name} holds {events.Count:N0} tokens (0 to {events.Count - 1:N0})");
        }
        for (int i = 0; i < events.Count; i++)
            if (events[i].Offset >= from.Value - 1e-9) return i;
        throw new UserErrorException($"--primer-from {from.Value}q: the last note of {name} starts at quarter note {events[^1].Offset:0.###}");
    }
}
