namespace Sonata.Cli.Tokens;

/// <summary>Stands in for the corpus tokenizer until it is wired into <see cref="SonataApp"/>.</summary>
public sealed class PendingTokenizerSource : ITokenSource
{
    public string Description => "corpus (tokenizer not wired yet)";

    public Task<IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)>> LoadAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("sonata cannot tokenize the corpus yet: pass --tokens FILE.json (file name → token list)");
}
