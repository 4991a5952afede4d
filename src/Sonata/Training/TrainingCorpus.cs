using Sonata.Tokenization;

namespace Sonata.Training;

/// <summary>What a run trains on: the tokens of each file, in corpus order, and where known each token's offset and duration.</summary>
/// <param name="Files">Each file's key and tokens, in the order they are concatenated.</param>
public sealed record TrainingCorpus(IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)> Files)
{
    /// <summary>Each file's tokens with music21's offsets and durations, aligned with <see cref="Files"/>; null for a tokens file, which has no timing.</summary>
    public IReadOnlyList<TokenizedFile>? Events { get; init; }

    /// <summary>The corpus's steps between consecutive onsets (quarter notes → count), for <c>--offsets corpus</c>; null without timing.</summary>
    public IReadOnlyDictionary<double, double>? Steps =>
        Events is null ? null : StepDistribution.FromOnsets(Events.Select(f => f.Tokens.Select(t => t.Offset).ToList()));

    /// <summary>A tokenized corpus, with its timing.</summary>
    public static TrainingCorpus Of(IReadOnlyList<TokenizedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return new TrainingCorpus([.. files.Select(f => (f.Key, (IReadOnlyList<string>)[.. f.Tokens.Select(t => t.Token)]))]) { Events = files };
    }
}
