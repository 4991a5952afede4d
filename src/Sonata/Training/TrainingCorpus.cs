namespace Sonata.Training;

/// <summary>What a run trains on: the tokens of each file, in corpus order, and where known the corpus's onset steps.</summary>
/// <param name="Files">Each file's key and tokens, in the order they are concatenated.</param>
/// <param name="Steps">The corpus's steps between consecutive onsets (quarter notes → count), kept for <c>--offsets corpus</c>; null when the source has no onsets (a tokens file).</param>
public sealed record TrainingCorpus(
    IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)> Files, IReadOnlyDictionary<double, double>? Steps = null);
