using System.Globalization;
using System.Text;
using Sonata.Evaluation;

namespace Sonata.Reports;

/// <summary>
/// The table of all pieces: a row each, a column per figure and per setting, the corpus's median
/// and range below. With scripts on, a heading sorts by its column (<see cref="ReportStyle.Script"/>);
/// without, the rows stand in name order.
/// </summary>
internal static class HtmlPiecesTable
{
    public static void Write(StringBuilder html, RunReport report, IReadOnlyDictionary<string, string> ids)
    {
        html.Append("<section id=\"pieces\" aria-labelledby=\"pieces-title\">\n<h2 id=\"pieces-title\">All pieces</h2>\n");
        if (report.Pieces.Count == 0)
        {
            html.Append("<p class=\"missing\">No piece (*.mid) in ").Append(Html.Text(report.PiecesFolder))
                .Append(" yet: sonata generate --run RUN --out NAME.mid --wav NAME.wav --piano-roll NAME.png writes one there.</p>\n</section>\n");
            return;
        }
        html.Append("<p class=\"note\">")
            .Append(report.CorpusPieces is int corpus
                ? $"Each figure beside the run's {corpus} training piece{(corpus == 1 ? "" : "s")}: a value outside the corpus's range is marked ▲ above or ▼ below. "
                : Html.Text(report.FiguresMissing) + " ")
            .Append("<span class=\"sort-hint\">A heading sorts the table by its column.</span></p>\n")
            .Append("<div class=\"scroll\"><table class=\"sortable\" id=\"pieces-table\">\n<thead><tr><th data-sort=\"text\">Piece</th>");
        foreach (var figure in FigureLabels.All)
            html.Append("<th class=\"num\" data-sort=\"number\" title=\"").Append(Html.Text(FigureLabels.Meaning(figure))).Append("\">")
                .Append(Html.Text(FigureLabels.Name(figure))).Append("</th>");
        html.Append("<th data-sort=\"text\">Copied from</th><th class=\"num\" data-sort=\"number\">Seed</th><th data-sort=\"text\">Strategy</th>")
            .Append("<th data-sort=\"text\">Timing</th><th class=\"num\" data-sort=\"number\">Memory</th><th class=\"num\" data-sort=\"number\">Max copy</th>")
            .Append("<th class=\"num\" data-sort=\"number\">Epoch</th></tr></thead>\n<tbody>\n");
        foreach (var piece in report.Pieces) Row(html, piece, ids[piece.Name]);
        html.Append("</tbody>\n");
        Footer(html, report.Ranges);
        html.Append("</table></div>\n</section>\n");
    }

    private static void Row(StringBuilder html, ReportPiece piece, string id)
    {
        html.Append("<tr data-piece=\"").Append(Html.Text(piece.Name)).Append("\"><th scope=\"row\" data-sort=\"").Append(Html.Text(piece.Name))
            .Append("\"><a href=\"#").Append(id).Append("\">").Append(Html.Text(piece.Name)).Append("</a></th>");
        if (piece.Judgement is { } judgement)
        {
            foreach (var verdict in judgement.Verdicts) Html.FigureCell(html, verdict);
            html.Append("<td>").Append(Html.Text(FigureLabels.CopiedFrom(judgement.Figures.LongestCopy))).Append("</td>");
        }
        else
        {
            html.Append(string.Concat(Enumerable.Repeat("<td class=\"num\" data-value=\"\">–</td>", FigureLabels.All.Count))).Append("<td>–</td>");
        }
        var settings = piece.Settings;
        Number(html, settings?.Seed);
        Text(html, settings?.Strategy);
        Text(html, settings?.Timing);
        Number(html, settings?.MemoryWeight);
        Number(html, settings?.MaxCopy, settings is null ? "–" : "no limit");
        Number(html, settings?.Epoch);
        html.Append("</tr>\n");
    }

    /// <summary>The corpus's median and range of each figure, for each length of piece judged.</summary>
    private static void Footer(StringBuilder html, IReadOnlyList<CorpusRanges> ranges)
    {
        if (ranges.Count == 0) return;
        html.Append("<tfoot>\n");
        foreach (var range in ranges)
        {
            string of = ranges.Count > 1 ? $" ({range.ExcerptTokens} tokens, primer {range.PrimerLength})" : "";
            html.Append("<tr><th scope=\"row\">corpus median").Append(of).Append("</th>");
            foreach (var figure in FigureLabels.All)
                html.Append("<td class=\"num\">").Append(Html.Text(FigureLabels.Median(figure, range.Of(figure)))).Append("</td>");
            html.Append("<td colspan=\"7\"></td></tr>\n<tr><th scope=\"row\">corpus range").Append(of).Append("</th>");
            foreach (var figure in FigureLabels.All)
                html.Append("<td class=\"num\">").Append(Html.Text(FigureLabels.Range(figure, range.Of(figure)))).Append("</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td colspan=\"7\">over {range.Excerpts} excerpts</td></tr>\n");
        }
        html.Append("</tfoot>\n");
    }

    private static void Number(StringBuilder html, double? value, string none = "–") =>
        html.Append("<td class=\"num\" data-value=\"").Append(Html.Exact(value)).Append("\">")
            .Append(value is double v ? v.ToString("0.##", CultureInfo.InvariantCulture) : Html.Text(none)).Append("</td>");

    private static void Text(StringBuilder html, string? value) => html.Append("<td>").Append(Html.Text(value ?? "–")).Append("</td>");
}
