using Sonata.Data;
using Sonata.Training;

namespace Sonata.Generation;

/// <summary>
/// The tokens generation starts from: a window of the run's own test split (the lab's way), or
/// the end of the user's primer.
/// </summary>
/// <param name="Tokens">The seed's tokens, oldest first.</param>
/// <param name="Description">Where they came from, for messages ("test window 1234 of 17131").</param>
public sealed record SeedWindow(IReadOnlyList<string> Tokens, string Description)
{
    /// <summary>
    /// A window of the test split, chosen with <paramref name="seed"/>. The split is rebuilt as
    /// the trainer made it: the run's tokens in training order (<see cref="CorpusData"/>), windows of
    /// <see cref="DataOptions.SequenceLength"/>, the seeded split of <see cref="DatasetSplit.Make"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The corpus tokens do not give the checkpoint's vocabulary.</exception>
    public static SeedWindow FromTestSplit(
        IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)> corpus, Vocabulary vocabulary, TrainingConfig config, int seed)
    {
        var (data, split) = RunCorpus.Rebuild(corpus, vocabulary, config);
        long[] ids = data.Ids;
        int length = config.Data.SequenceLength;
        if (split.Test.Length == 0) throw new InvalidDataException("the run's test split holds no window");
        int pick = new Random(seed).Next(split.Test.Length);
        long start = split.Test[pick];
        var tokens = ids[(int)start..(int)(start + length)].Select(id => vocabulary.TokenOf((int)id)).ToList();
        return new SeedWindow(tokens, $"test window {pick + 1:N0} of {split.Test.Length:N0} (tokens {start:N0}–{start + length - 1:N0} of the corpus)");
    }

    /// <summary>The last <paramref name="length"/> tokens of a primer (all of them when it is shorter).</summary>
    /// <exception cref="UnknownTokensException">Some of those tokens are not in the vocabulary.</exception>
    public static SeedWindow FromPrimer(IReadOnlyList<string> primer, Vocabulary vocabulary, int length, string name)
    {
        ArgumentNullException.ThrowIfNull(primer);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (primer.Count == 0) throw new InvalidDataException($"{name} holds no notes or chords");
        var tokens = primer.Skip(Math.Max(0, primer.Count - length)).ToList();
        var unknown = tokens.Where(t => !vocabulary.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) throw new UnknownTokensException(unknown, vocabulary.ToString(), $"the seed from {name} (its last {tokens.Count} tokens)");
        return new SeedWindow(tokens, $"the last {tokens.Count} of the {primer.Count} tokens of {name}");
    }
}
