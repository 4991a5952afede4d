using Sonata.Training;

namespace Sonata.Cli.Commands.Train;

/// <summary>
/// Where <c>sonata train</c> gets the corpus's tokens (per file, files in corpus order) when no
/// <c>--tokens</c> file is given. <see cref="SonataApp"/> registers the one to use.
/// </summary>
public interface ITokenSource
{
    /// <summary>What the tokens are, for config.json ("corpus ...", "file ...").</summary>
    string Description { get; }

    Task<TrainingCorpus> LoadAsync(CancellationToken cancellationToken);
}
