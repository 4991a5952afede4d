using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Sonata.Cli.Views;
using Sonata.Corpus;
using Sonata.IO;
using Sonata.Midi;
using Sonata.Tokenization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli.Commands.Data;

/// <summary><c>sonata data</c>: find the corpus, tokenize it as music21 does, summarize or write the tokens.</summary>
public sealed class DataCommand(IAnsiConsole console, CorpusOptions corpusOptions) : AsyncCommand<DataCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--data <SOURCE>")]
        [Description("A folder of .mid files, a .tar.gz/.tgz, one MIDI file, or an http(s) URL of an archive. Default: the lab's 20 Mozart sonatas, downloaded once into the cache.")]
        public string? Data { get; init; }

        [CommandOption("--tokens-out <FILE>")]
        [Description("Write the tokens as JSON (file name -> list of tokens) instead of a summary.")]
        public string? TokensOut { get; init; }

        [CommandOption("--json")]
        [Description("Print the summary as JSON.")]
        public bool Json { get; init; }

        [CommandOption("--skip-bad")]
        [Description("Warn about unreadable MIDI files and go on without them.")]
        public bool SkipBad { get; init; }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        TokenizedCorpus corpus;
        try
        {
            var files = await CorpusProgress.ResolveAsync(console, settings.Data, corpusOptions, cancellationToken);
            corpus = CorpusTokenizer.Tokenize(files.Paths, settings.SkipBad, null, cancellationToken);
        }
        catch (Exception e) when (e is CorpusException or MidiFormatException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            if (e is MidiFormatException)
                console.MarkupLine("Use [bold]--skip-bad[/] to leave unreadable files out.");
            return 1;
        }
        foreach (var skipped in corpus.Skipped)
            console.MarkupLineInterpolated($"[yellow]skipped:[/] {skipped.Reason}");

        if (settings.TokensOut is not null)
        {
            var byFile = corpus.Files.ToDictionary(f => f.Key, f => f.Tokens.Select(t => t.Token).ToList());
            AtomicFile.WriteAllText(settings.TokensOut, JsonSerializer.Serialize(byFile, JsonOptions));
            console.MarkupLineInterpolated($"Wrote the tokens of {corpus.Files.Count} files to [bold]{settings.TokensOut}[/].");
            return 0;
        }

        var summary = CorpusSummary.Of(corpus, clock.Elapsed);
        if (settings.Json)
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(summary, JsonOptions));
        else
            console.Write(SummaryView.Build(summary));
        return 0;
    }
}
