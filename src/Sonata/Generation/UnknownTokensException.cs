namespace Sonata.Generation;

/// <summary>A seed (a primer's tokens) holds tokens that the model's vocabulary lacks; the message lists them.</summary>
public sealed class UnknownTokensException : Exception
{
    public UnknownTokensException(IReadOnlyList<string> tokens, string vocabulary, string source)
        : base($"{source} holds {tokens.Count} token{(tokens.Count == 1 ? "" : "s")} not in the model's vocabulary ({vocabulary}): "
            + string.Join(", ", tokens))
    {
        Tokens = tokens;
    }

    /// <summary>The distinct unknown tokens, in order of first appearance.</summary>
    public IReadOnlyList<string> Tokens { get; }
}
