using Sonata.Corpus;
using Spectre.Console;

namespace Sonata.Cli.Views;

/// <summary>Resolves a corpus source, drawing a progress bar while a download runs (in a terminal; a log gets one line).</summary>
public static class CorpusProgress
{
    public static async Task<CorpusFiles> ResolveAsync(
        IAnsiConsole console, string? source, CorpusOptions options, CancellationToken cancellationToken)
    {
        using var locator = new CorpusLocator();
        if (!console.Profile.Capabilities.Interactive)
        {
            bool told = false;
            var lines = new Sonata.Runtime.CallbackProgress<DownloadProgress>(_ =>
            {
                if (told) return;
                told = true;
                console.MarkupLine("downloading the corpus");
            });
            return await locator.ResolveAsync(source, options, lines, cancellationToken);
        }
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async context =>
            {
                ProgressTask? bar = null;
                var progress = new Progress<DownloadProgress>(p =>
                {
                    bar ??= context.AddTask("Downloading the corpus", maxValue: p.TotalBytes ?? 1);
                    if (p.TotalBytes is { } total)
                        bar.MaxValue = total;
                    bar.Value = p.BytesReceived;
                });
                return await locator.ResolveAsync(source, options, progress, cancellationToken);
            });
    }
}
