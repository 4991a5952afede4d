using Sonata.Cli.Views;
using Sonata.Corpus;
using Sonata.Tokenization;
using Sonata.Training;
using Spectre.Console;

namespace Sonata.Cli.Commands.Train;

/// <summary>
/// The tokens of a corpus (<c>--data</c>, by default the lab's), read as music21 would, with its
/// onset steps; with <paramref name="skipBad"/>, unreadable files are left out and listed.
/// </summary>
public sealed class CorpusTokenSource(IAnsiConsole console, CorpusOptions options, string? source, bool skipBad = false) : ITokenSource
{
    /// <summary>Skipped files listed one a line; more are counted.</summary>
    private const int ListedSkips = 10;

    public string Description => $"corpus {source ?? options.Url.ToString()}";

    public async Task<TrainingCorpus> LoadAsync(CancellationToken cancellationToken)
    {
        var files = await CorpusProgress.ResolveAsync(console, source, options, cancellationToken);
        var corpus = CorpusTokenizer.Tokenize(files.Paths, skipBad, filesDone: null, cancellationToken);
        foreach (var skipped in corpus.Skipped.Take(ListedSkips))
            console.MarkupLineInterpolated($"[yellow]skipped:[/] {skipped.Reason}");
        if (corpus.Skipped.Count > ListedSkips)
            console.MarkupLineInterpolated($"[yellow]skipped:[/] {corpus.Skipped.Count - ListedSkips} more unreadable file(s) ({corpus.Skipped.Count} of {files.Paths.Count} in all)");
        return TrainingCorpus.Of(corpus.Files);
    }
}
