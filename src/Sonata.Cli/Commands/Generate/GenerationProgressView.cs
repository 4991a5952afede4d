using System.Diagnostics;
using Sonata.Generation;
using Spectre.Console;

namespace Sonata.Cli.Commands.Generate;

/// <summary>Draws a <see cref="Generator"/>'s reports as one bar with the tokens made a second.</summary>
internal sealed class GenerationProgressView(ProgressContext context, string description) : IProgress<GenerationProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private ProgressTask? _task;

    public void Report(GenerationProgress report)
    {
        _task ??= context.AddTask(description, maxValue: Math.Max(report.Total, 1));
        double perSecond = report.Generated / Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);
        _task.Description = $"{description}  {perSecond:F1} tokens/s";
        _task.Value = report.Generated;
    }
}
