namespace Sonata.Cli.Tokens;

/// <summary>
/// Where <c>sonata train</c> gets the corpus's tokens (per file, files in corpus order) when no
/// <c>--tokens</c> file is given. <see cref="SonataApp"/> registers the one to use.
/// </summary>
public interface ITokenSource
{
    /// <summary>What the tokens are, for config.json ("corpus ...", "file ...").</summary>
    string Description { get; }

    Task<IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// After <see cref="LoadAsync"/>: the corpus's steps between consecutive onsets (quarter notes →
    /// count, see <see cref="Composing.StepDistribution"/>), or null when the source has no onsets.
    /// </summary>
    IReadOnlyDictionary<double, double>? Steps => null;
}
