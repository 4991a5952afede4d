using Sonata.Dataset;
using Sonata.Tokenization;

namespace Sonata.Generation;

/// <summary>
/// The tokens a piece starts from, which the model continues: a window of the run's test split
/// (the lab's way, see <see cref="Runs.TrainedRun.TestWindow"/>), or the end of the user's primer
/// file; with each token's step and duration class (<see cref="TimingClasses"/>) when known.
/// </summary>
/// <param name="Tokens">The primer's tokens, oldest first.</param>
/// <param name="Description">Where they came from, for messages ("test window 1,234 of 17,131 …").</param>
public sealed record Primer(IReadOnlyList<string> Tokens, string Description)
{
    /// <summary>Each token's step class, or null when the primer's timing is not known.</summary>
    public IReadOnlyList<long>? Steps { get; init; }

    /// <summary>Each token's duration class, or null.</summary>
    public IReadOnlyList<long>? Durations { get; init; }

    /// <summary>The last <paramref name="length"/> tokens of <paramref name="tokens"/> (all of them when there are fewer).</summary>
    /// <exception cref="UnknownTokensException">Some of those tokens are not in the vocabulary.</exception>
    public static Primer FromTokens(IReadOnlyList<string> tokens, Vocabulary vocabulary, int length, string name)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (tokens.Count == 0) throw new InvalidDataException($"{name} holds no notes or chords");
        var kept = tokens.Skip(Math.Max(0, tokens.Count - length)).ToList();
        var unknown = kept.Where(t => !vocabulary.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) throw new UnknownTokensException(unknown, vocabulary.ToString(), $"the primer from {name} (its last {kept.Count} tokens)");
        return new Primer(kept, $"the last {kept.Count} of the {tokens.Count} tokens of {name}");
    }

    /// <summary>The last <paramref name="length"/> tokens of a MIDI file's, with their timing.</summary>
    public static Primer FromEvents(IReadOnlyList<TokenEvent> events, Vocabulary vocabulary, int length, string name)
    {
        ArgumentNullException.ThrowIfNull(events);
        var primer = FromTokens([.. events.Select(e => e.Token)], vocabulary, length, name);
        var timing = CorpusTiming.Of([events]);
        int skip = events.Count - primer.Tokens.Count;
        return primer with { Steps = timing.Steps[skip..], Durations = timing.Durations[skip..] };
    }
}
