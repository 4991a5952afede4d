using Sonata.Tokenization;

namespace Sonata.Tests;

/// <summary>music21 8.1.0's tokens of the Mozart corpus (114,208 tokens, 668 distinct), read once.</summary>
public static class ReferenceTokens
{
    private static readonly Lazy<IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)>> Loaded =
        new(() => TokensJsonFile.Read(File));

    public static string File => Path.Combine(SharedData.ReferenceFolder, "mozart_sonatas.music21-8.1.0.tokens.json");

    public static IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)> Files => Loaded.Value;

    /// <summary>The same, as a corpus to train on (a tokens file knows no onsets).</summary>
    public static Sonata.Training.TrainingCorpus Corpus => new(Files);
}
