using Sonata.Cli.Views;
using Sonata.Corpus;
using Sonata.Tokenization;
using Sonata.Training;
using Spectre.Console;

namespace Sonata.Cli.Commands.Train;

/// <summary>The tokens of a corpus (<c>--data</c>, by default the lab's), read as music21 would, with its onset steps.</summary>
public sealed class CorpusTokenSource(IAnsiConsole console, CorpusOptions options, string? source) : ITokenSource
{
    public string Description => $"corpus {source ?? options.Url.ToString()}";

    public async Task<TrainingCorpus> LoadAsync(CancellationToken cancellationToken)
    {
        var files = await CorpusProgress.ResolveAsync(console, source, options, cancellationToken);
        var corpus = CorpusTokenizer.Tokenize(files.Paths, skipBad: false, filesDone: null, cancellationToken);
        return TrainingCorpus.Of(corpus.Files);
    }
}
