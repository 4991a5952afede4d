using System.Text;
using Sonata.Dataset;
using Sonata.Training;

namespace Sonata.Reports;

/// <summary>The page's account of the run: what it learned from and with what, how long, how well, and its curves.</summary>
internal static class HtmlRunSection
{
    public static void Write(StringBuilder html, RunOverview run)
    {
        html.Append("<section id=\"run\" aria-labelledby=\"run-title\">\n<h2 id=\"run-title\">The run</h2>\n<dl class=\"facts\">\n");
        Fact(html, "Tokens from", run.TokenSource.Length > 0 ? run.TokenSource : "(not recorded)");
        Fact(html, "Recipe", $"{Name(run.Recipe)}, windows dealt {(run.Split == SplitKind.Pieces ? "by pieces (whole files held out)" : "at random (the lab's 70/15/15)")}");
        Fact(html, "Model", $"{run.Model}; {run.Memory}; a vocabulary of {run.Vocabulary:N0} tokens");
        if (run.Summary is { } summary)
            Fact(html, "Training", $"{summary.Epochs} epoch{(summary.Epochs == 1 ? "" : "s")} in {Html.Duration(summary.Seconds)}; it ended because {Why(summary.StopReason)}");
        else
            Fact(html, "Training", "no summary.json yet: the run has not ended (sonata train writes it when training stops)");
        Fact(html, "Checkpoint", $"epoch {run.Checkpoint.Epoch} ({run.Checkpoint.Why}): {Path.GetFileName(run.Checkpoint.File)}");
        Fact(html, "Folder", run.Folder);
        html.Append("</dl>\n");
        if (run.Summary is { } scored)
        {
            Accuracy(html, scored);
            WhichMusic(html, run.Split);
        }
        html.Append("<div class=\"plots\">\n");
        Plot(html, run.LossPlot, "Loss by epoch: training and validation (loss.png)", "loss.png");
        Plot(html, run.AccuracyPlot, "Validation accuracy by epoch (accuracy.png)", "accuracy.png");
        html.Append("</div>\n</section>\n");
    }

    /// <summary>The final scores of summary.json: the model tested, and the networks alone when a memory is blended in; each cell's exact value in data-value.</summary>
    private static void Accuracy(StringBuilder html, TrainingSummary summary)
    {
        bool memory = summary.NetworkValAccuracy is not null || summary.NetworkTestAccuracy is not null;
        bool steps = summary.ValStepAccuracy is not null || summary.TestStepAccuracy is not null;
        bool sampledTest = summary.TestWindowsScored > 0 && summary.TestWindowsScored < summary.TestSplitWindows;
        bool sampledValidation = summary.ValAccuracy is null && summary.ValWindowsScored > 0;
        html.Append("<p class=\"note\">Next-token accuracy of the ")
            .Append(Html.Text(summary.TestModel ?? "tested"))
            .Append(sampledTest || sampledValidation
                ? $" model: validation on {(sampledValidation ? "the seeded windows each epoch scored" : "the whole split")}, test on {(sampledTest ? $"a seeded {summary.TestWindowsScored:N0} of the split's {summary.TestSplitWindows:N0} windows" : "the whole split")}; ± is a 95 % interval.</p>\n"
                : summary.ValAccuracy is not null && summary.BestValAccuracy is double best
                ? $" model on the whole splits (each epoch scored a sample of validation windows: best {Html.Percent(best)}).</p>\n" : " model on the whole splits.</p>\n")
            .Append("<div class=\"scroll\"><table class=\"accuracy\">\n<thead><tr><th>Split</th><th class=\"num\">Accuracy</th><th class=\"num\">± (95 %)</th><th class=\"num\">Windows</th>");
        if (memory) html.Append("<th class=\"num\">Networks alone</th>");
        if (steps) html.Append("<th class=\"num\">Step accuracy</th>");
        html.Append("<th class=\"num\">Loss</th></tr></thead>\n<tbody>\n");
        var validation = summary.ValAccuracy is not null ? ("val_accuracy", summary.ValAccuracy) : ("best_val_accuracy", summary.BestValAccuracy);
        Row(html, "Validation", validation, summary.ValWindowsScored, memory ? ("network_val_accuracy", summary.NetworkValAccuracy) : null,
            steps ? ("val_step_accuracy", summary.ValStepAccuracy) : null, ("val_loss", summary.ValLoss));
        Row(html, "Test", ("test_accuracy", summary.TestAccuracy), summary.TestWindowsScored, memory ? ("network_test_accuracy", summary.NetworkTestAccuracy) : null,
            steps ? ("test_step_accuracy", summary.TestStepAccuracy) : null, ("test_loss", summary.TestLoss));
        html.Append("</tbody></table></div>\n");
    }

    /// <summary>Which music the figures above are of: new to the model, or read in training.</summary>
    private static void WhichMusic(StringBuilder html, SplitKind split) => html.Append(split == SplitKind.Pieces
        ? "<p class=\"note\" data-split=\"pieces\">Validation and test are whole pieces held out: music the model never read.</p>\n"
        : "<p class=\"note\" data-split=\"windows\">Validation and test are the lab's split: windows dealt at random, so every label above was read as input "
          + "in training and the figures measure recall as much as music. On pieces it never read, measure it with "
          + "<code>sonata evaluate --run RUN --data MUSIC</code>. Trained as the main job trains it on 16 sonatas, the default predicted "
          + "34.5 % of the next tokens of the 4 others (the mean of four choices of them, 29.9–36.4 %; docs/generalizing.md).</p>\n");

    private static void Row(
        StringBuilder html, string split, (string, double?) accuracy, long windows, (string, double?)? networks, (string, double?)? steps, (string, double?) loss)
    {
        html.Append("<tr><th scope=\"row\">").Append(split).Append("</th>");
        Metric(html, accuracy, Html.Percent);
        html.Append("<td class=\"num\">").Append(accuracy.Item2 is double a && windows > 0 ? Html.Percent(Binomial.HalfWidth95(a, windows)) : "–")
            .Append("</td><td class=\"num\">").Append(windows > 0 ? windows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "–").Append("</td>");
        if (networks is { } n) Metric(html, n, Html.Percent);
        if (steps is { } s) Metric(html, s, Html.Percent);
        Metric(html, loss, v => v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));
        html.Append("</tr>\n");
    }

    private static void Metric(StringBuilder html, (string Name, double? Value) metric, Func<double, string> format) =>
        html.Append("<td class=\"num\" data-metric=\"").Append(metric.Name).Append("\" data-value=\"").Append(Html.Exact(metric.Value)).Append("\">")
            .Append(metric.Value is double v ? format(v) : "–").Append("</td>");

    private static void Plot(StringBuilder html, byte[]? png, string caption, string file)
    {
        html.Append("<figure>");
        if (png is null)
        {
            html.Append("<p class=\"missing\">The run folder holds no ").Append(file).Append(" yet.</p>");
        }
        else
        {
            var size = Html.PngSize(png);
            html.Append("<img src=\"").Append(Html.PngData(png)).Append("\" alt=\"").Append(Html.Text(caption)).Append('"');
            if (size is var (width, height)) html.Append($" width=\"{width}\" height=\"{height}\"");
            html.Append('>');
        }
        html.Append("<figcaption>").Append(Html.Text(caption)).Append("</figcaption></figure>\n");
    }

    private static void Fact(StringBuilder html, string name, string value) =>
        html.Append("<dt>").Append(Html.Text(name)).Append("</dt><dd>").Append(Html.Text(value)).Append("</dd>\n");

    private static string Name(Recipe recipe) => recipe == Recipe.Streams ? "streams (contiguous streams, the LSTM state carried)" : "the lab's (shuffled windows)";

    private static string Why(StopReason reason) => reason switch
    {
        StopReason.Epochs => "every epoch asked for was done",
        StopReason.TargetAccuracy => "validation reached the target accuracy",
        StopReason.Cancelled => "it was cancelled (Ctrl-C)",
        StopReason.Patience => "validation stopped improving (its patience ran out)",
        StopReason.TimeBudget => "its time budget ran out",
        _ => reason.ToString(),
    };
}
