using System.Globalization;
using System.Text;
using Sonata.Evaluation;
using Sonata.Runs;

namespace Sonata.Reports;

/// <summary>
/// One piece on the page: a player for its WAV, its piano roll, its figures beside the corpus's
/// range (those outside marked, each cell's exact value in <c>data-figure</c>/<c>data-value</c>),
/// where its longest copy comes from, and the settings that made it.
/// </summary>
internal static class HtmlPieceSection
{
    public static void Write(StringBuilder html, ReportPiece piece, string id, string pageFolder)
    {
        html.Append("<section class=\"piece\" id=\"").Append(id).Append("\" data-piece=\"").Append(Html.Text(piece.Name)).Append("\">\n")
            .Append("<h3>").Append(Html.Text(piece.Name)).Append("</h3>\n<div class=\"piece-body\">\n<div class=\"listen\">\n");
        string stem = Path.GetFileNameWithoutExtension(piece.Name);
        if (piece.Wav is { } wav)
        {
            string link = Html.Text(Html.Link(pageFolder, wav));
            html.Append("<audio controls preload=\"metadata\" src=\"").Append(link).Append("\">")
                .Append("<a href=\"").Append(link).Append("\">").Append(Html.Text(Path.GetFileName(wav))).Append("</a></audio>\n");
        }
        else
        {
            html.Append("<p class=\"missing\">No ").Append(Html.Text(stem)).Append(".wav beside it to listen to (sonata generate --wav writes one).</p>\n");
        }
        if (piece.PianoRoll is { } roll)
        {
            html.Append("<figure><img src=\"").Append(Html.Text(Html.Link(pageFolder, roll))).Append("\" alt=\"Piano roll of ").Append(Html.Text(piece.Name)).Append('"');
            if (Header(roll) is var (width, height)) html.Append($" width=\"{width}\" height=\"{height}\"");
            html.Append("><figcaption>Piano roll: time in quarter notes across, pitch up; notes blue, chords orange, each shaded by how hard it is struck (pale soft, full loud); the green line is the tempo (right axis).</figcaption></figure>\n");
        }
        else
        {
            html.Append("<p class=\"missing\">No ").Append(Html.Text(stem)).Append(".png beside it to look at (sonata generate --piano-roll writes one).</p>\n");
        }
        html.Append("<p class=\"note\">Files: ");
        string[] files = [piece.Midi, .. new[] { piece.Wav, piece.PianoRoll }.OfType<string>()];
        html.AppendJoin(" · ", files.Select(f => $"<a href=\"{Html.Text(Html.Link(pageFolder, f))}\">{Html.Text(Path.GetFileName(f))}</a>"));
        html.Append("</p>\n</div>\n<div class=\"judged\">\n");
        if (piece.Judgement is { } judgement) Figures(html, judgement);
        else html.Append("<p class=\"note\" data-no-figures>No figures: ").Append(Html.Text(piece.NoFigures ?? "not judged")).Append("</p>\n");
        html.Append("</div>\n<div class=\"made\">\n");
        Settings(html, piece.Settings, stem);
        html.Append("</div>\n</div>\n</section>\n");
    }

    private static void Figures(StringBuilder html, PieceJudgement judgement)
    {
        var figures = judgement.Figures;
        html.Append("<h4>Figures</h4>\n<p class=\"note\">The ")
            .Append(figures.Tokens - figures.PrimerLength).Append(" tokens generated after the ").Append(figures.PrimerLength)
            .Append("-token primer, beside excerpts of the corpus as long as it (their median; 10th–90th percentile).</p>\n")
            .Append("<div class=\"scroll\"><table class=\"figures\">\n<thead><tr><th>Figure</th><th class=\"num\">Piece</th><th class=\"num\">Corpus median</th><th class=\"num\">Corpus range</th></tr></thead>\n<tbody>\n");
        foreach (var verdict in judgement.Verdicts)
        {
            html.Append("<tr><th scope=\"row\" title=\"").Append(Html.Text(FigureLabels.Meaning(verdict.Figure))).Append("\">")
                .Append(Html.Text(FigureLabels.Name(verdict.Figure))).Append("</th>");
            Html.FigureCell(html, verdict);
            html.Append("<td class=\"num\">").Append(Html.Text(FigureLabels.Median(verdict.Figure, verdict.Range))).Append("</td>")
                .Append("<td class=\"num\">").Append(Html.Text(FigureLabels.Range(verdict.Figure, verdict.Range))).Append("</td></tr>\n");
        }
        html.Append("</tbody></table></div>\n");
        Copy(html, figures.LongestCopy);
    }

    private static void Copy(StringBuilder html, VerbatimCopy copy)
    {
        if (copy.Source is not { } source)
        {
            html.Append("<p data-copy>Not one generated token occurs in the corpus: nothing is copied.</p>\n");
            return;
        }
        html.Append(CultureInfo.InvariantCulture, $"<p data-copy data-copy-file=\"{Html.Text(source.FileKey)}\" data-copy-position=\"{source.Position}\" data-copy-length=\"{copy.Length}\">")
            .Append(CultureInfo.InvariantCulture, $"Its longest verbatim copy: {copy.Length} tokens (from its token {copy.PieceStart}) as they stand in ")
            .Append("<code>").Append(Html.Text(source.FileKey)).Append("</code>")
            .Append(CultureInfo.InvariantCulture, $" from token {source.Position}.</p>\n");
    }

    private static void Settings(StringBuilder html, PieceRecord? settings, string stem)
    {
        if (settings is null)
        {
            html.Append("<p class=\"missing\">No ").Append(Html.Text(stem)).Append(".piece.json beside it: the settings that made it are not known.</p>\n");
            return;
        }
        html.Append("<h4>Made with</h4>\n<dl class=\"facts settings\">\n");
        Setting(html, "seed", "Seed", settings.Seed.ToString(CultureInfo.InvariantCulture));
        Setting(html, "primer", "Primer", $"{settings.PrimerLength} tokens: {settings.Primer}");
        if (settings.PrimerMapped > 0)
            Setting(html, "primer_mapped", "Primer read as", string.Create(CultureInfo.InvariantCulture,
                $"{settings.PrimerMapped} of its tokens are not in the model's vocabulary, read as the nearest it knows: {string.Join(", ", settings.PrimerSubstitutions)}"));
        Setting(html, "generated", "Generated", string.Create(CultureInfo.InvariantCulture, $"{settings.Generated} tokens in {settings.Seconds:0.00} s"));
        Setting(html, "strategy", "Strategy", settings.Strategy);
        Setting(html, "timing", "Timing", settings.Timing);
        if (settings.Played.Length > 0) Setting(html, "played", "Played", settings.Played);
        Setting(html, "context", "Context", settings.Context);
        Setting(html, "memory_weight", "Memory weight", settings.MemoryWeight.ToString("0.##", CultureInfo.InvariantCulture));
        if (settings.CacheWeight > 0)
            Setting(html, "cache_weight", "Context cache", string.Create(CultureInfo.InvariantCulture, $"at most {settings.CacheWeight:0.##} of each prediction: what the piece so far repeats"));
        Setting(html, "max_copy", "Max copy", settings.MaxCopy is int limit
            ? string.Create(CultureInfo.InvariantCulture, $"{limit} tokens ({settings.CopiesRefused} draws refused)") : "no limit");
        Setting(html, "key_pull", "Key pull", settings.KeyPull is double pull
            ? string.Create(CultureInfo.InvariantCulture, $"{pull:0.##} a pitch outside the key of the last 100 tokens") : "none");
        Setting(html, "model", "Model", settings.Model);
        Setting(html, "checkpoint", "Checkpoint", $"epoch {settings.Epoch}: {Path.GetFileName(settings.Checkpoint)}");
        html.Append("</dl>\n");
    }

    private static void Setting(StringBuilder html, string key, string name, string value) =>
        html.Append("<dt>").Append(Html.Text(name)).Append("</dt><dd data-setting=\"").Append(key).Append("\">").Append(Html.Text(value)).Append("</dd>\n");

    /// <summary>The width and height in a PNG file's header, or null when it is not a PNG.</summary>
    private static (int, int)? Header(string png)
    {
        var header = new byte[24];
        using var stream = File.OpenRead(png);
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length ? Html.PngSize(header) : null;
    }
}
