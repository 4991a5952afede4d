using Sonata.Cli.Data;
using Sonata.Composing;
using Sonata.Corpus;
using Sonata.Tokenization;
using Spectre.Console;

namespace Sonata.Cli.Tokens;

/// <summary>The tokens of a corpus (<c>--data</c>, by default the lab's), read as music21 would.</summary>
public sealed class CorpusTokenSource(IAnsiConsole console, CorpusOptions options, string? source) : ITokenSource
{
    public string Description => $"corpus {source ?? options.Url.ToString()}";

    public IReadOnlyDictionary<double, double>? Steps { get; private set; }

    public async Task<IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)>> LoadAsync(CancellationToken cancellationToken)
    {
        var files = await CorpusProgress.ResolveAsync(console, source, options, cancellationToken);
        var corpus = CorpusTokenizer.Tokenize(files.Paths, skipBad: false, filesDone: null, cancellationToken);
        Steps = StepDistribution.FromOnsets(corpus.Files.Select(f => f.Tokens.Select(t => t.Offset).ToList()));
        return corpus.Files.Select(f => (f.Key, (IReadOnlyList<string>)f.Tokens.Select(t => t.Token).ToList())).ToList();
    }
}
