using Sonata.Tokenization;
using Sonata.Training;

namespace Sonata.Cli.Commands.Train;

/// <summary>Tokens read from a tokens JSON file (<c>--tokens FILE.json</c>): file name → token list, no onsets.</summary>
public sealed class TokensFileSource(string path) : ITokenSource
{
    public string Description => $"file {Path.GetFullPath(path)}";

    public Task<TrainingCorpus> LoadAsync(CancellationToken cancellationToken) =>
        Task.Run(() => new TrainingCorpus(TokensJsonFile.Read(path)), cancellationToken);
}
