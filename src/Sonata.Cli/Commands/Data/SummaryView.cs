using System.Globalization;
using Sonata.Tokenization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Sonata.Cli.Commands.Data;

/// <summary>The corpus summary as tables for the terminal.</summary>
public static class SummaryView
{
    public static IRenderable Build(CorpusSummary s)
    {
        var counts = new Table().HideHeaders().AddColumns("", "");
        counts.AddRow("files", Format(s.Files) + (s.SkippedFiles > 0 ? $" ({s.SkippedFiles} skipped)" : ""));
        counts.AddRow("tokens", Format(s.Tokens));
        counts.AddRow("distinct tokens", Format(s.DistinctTokens));
        counts.AddRow("notes", Format(s.Notes));
        counts.AddRow("chords", Format(s.Chords));
        counts.AddRow("time", $"{s.Seconds:0.000} s");

        var common = new Table().Title("most common tokens").AddColumns("token", "count");
        foreach (var c in s.MostCommon)
            common.AddRow(Markup.Escape(c.Token), Format(c.Count));

        var steps = new Table().Title("offset steps between tokens").AddColumns("step", "share");
        foreach (var step in s.StepShares.Take(10))
            steps.AddRow(step.Step.ToString("0.###", CultureInfo.InvariantCulture), $"{step.Share:P1}");

        return new Rows(counts, new Columns(common, steps));
    }

    private static string Format(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
