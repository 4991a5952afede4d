namespace Sonata.Generation;

/// <summary>
/// The tokens a piece starts from, which the model continues: a window of the run's test split
/// (the lab's way, see <see cref="Runs.TrainedRun.TestWindow"/>), or the end of the user's primer file.
/// </summary>
/// <param name="Tokens">The primer's tokens, oldest first.</param>
/// <param name="Description">Where they came from, for messages ("test window 1,234 of 17,131 …").</param>
public sealed record Primer(IReadOnlyList<string> Tokens, string Description)
{
    /// <summary>The last <paramref name="length"/> tokens of <paramref name="tokens"/> (all of them when there are fewer).</summary>
    /// <exception cref="UnknownTokensException">Some of those tokens are not in the vocabulary.</exception>
    public static Primer FromTokens(IReadOnlyList<string> tokens, Dataset.Vocabulary vocabulary, int length, string name)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (tokens.Count == 0) throw new InvalidDataException($"{name} holds no notes or chords");
        var kept = tokens.Skip(Math.Max(0, tokens.Count - length)).ToList();
        var unknown = kept.Where(t => !vocabulary.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) throw new UnknownTokensException(unknown, vocabulary.ToString(), $"the primer from {name} (its last {kept.Count} tokens)");
        return new Primer(kept, $"the last {kept.Count} of the {tokens.Count} tokens of {name}");
    }
}
