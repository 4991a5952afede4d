using Sonata.Tokens;

namespace Sonata.Cli.Tokens;

/// <summary>Tokens read from a tokens JSON file (<c>--tokens FILE.json</c>): file name → token list.</summary>
public sealed class TokensFileSource(string path) : ITokenSource
{
    public string Description => $"file {Path.GetFullPath(path)}";

    public Task<IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)>> LoadAsync(CancellationToken cancellationToken) =>
        Task.Run(() => TokensJsonFile.Read(path), cancellationToken);
}
