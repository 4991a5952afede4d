namespace Sonata.Tokenization;

/// <summary>The tokens of each file of a corpus, in file order, and the files that could not be read.</summary>
public sealed record TokenizedCorpus(
    IReadOnlyList<TokenizedFile> Files, IReadOnlyList<SkippedFile> Skipped)
{
    /// <summary>All tokens, file after file: the sequence the lab trains on.</summary>
    public IEnumerable<string> AllTokens => Files.SelectMany(f => f.Tokens.Select(t => t.Token));
}

public sealed record TokenizedFile(string Key, IReadOnlyList<TokenEvent> Tokens);

public sealed record SkippedFile(string Key, string Reason);
