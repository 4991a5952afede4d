using System.Globalization;
using Sonata.Runs;
using Spectre.Console;

namespace Sonata.Cli.Commands.Evaluate;

/// <summary>A <see cref="ModelScore"/> in a few lines: what was scored, how much the model did not know, and how well it predicted.</summary>
internal static class ModelScoreView
{
    public static void Write(IAnsiConsole console, ModelScore score, string music, string run)
    {
        console.MarkupLineInterpolated(
            $"the model of {run} (epoch {score.Epoch}, memory weight {score.MemoryWeight.ToString("0.##", CultureInfo.InvariantCulture)}) on {music}: {score.Files} file(s), {score.Tokens:N0} tokens, {score.Windows:N0} windows");
        console.MarkupLineInterpolated(
            $"tokens outside its vocabulary: {score.UnknownTokens:N0} ({Percent((double)score.UnknownTokens / score.Tokens)}, {score.UnknownDistinct:N0} distinct), read as the nearest it knows; {score.UnknownLabels:N0} windows' next token among them, counted as misses");
        string networks = score.NetworkAccuracy is { } alone ? $" (networks alone {Percent(alone)})" : "";
        string steps = score.StepAccuracy is { } s ? $"; next step {Percent(s)}" : "";
        console.MarkupLineInterpolated(
            $"[bold]accuracy {Percent(score.Accuracy)}[/]{networks}{steps}; loss {score.Loss.ToString("0.000", CultureInfo.InvariantCulture)} nats a token (the labels it knows)");
    }

    private static string Percent(double share) => (share * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";
}
