using System.Text;
using Sonata.IO;

namespace Sonata.Reports;

/// <summary>
/// The report as one static HTML page: the run, a sortable table of all pieces, then each piece
/// with a player, its piano roll, its figures and its settings. Style and script are inline and the
/// run's plots are data: URIs; the pieces' WAVs and piano rolls are linked relative to the page, so
/// the page needs nothing from the network and reads the same with scripts off.
/// </summary>
public static class ReportPage
{
    /// <summary>The page's file name when none is given.</summary>
    public const string DefaultFileName = "report.html";

    /// <summary>Writes the page of <paramref name="report"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(RunReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.WriteAllText(path, Render(report, Path.GetDirectoryName(Path.GetFullPath(path))!));
    }

    /// <summary>The page's HTML, its links to the pieces' files relative to <paramref name="pageFolder"/>.</summary>
    public static string Render(RunReport report, string pageFolder)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(pageFolder);
        pageFolder = Path.GetFullPath(pageFolder);
        var ids = Ids(report.Pieces);
        string title = $"Sonata: {Count(report.Pieces.Count, "piece")} of the run “{Path.GetFileName(report.Run.Folder)}”";
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ReportStyle.ContentSecurityPolicy).Append("\">\n")
            .Append("<title>").Append(Html.Text(title)).Append("</title>\n<link rel=\"icon\" href=\"data:,\">\n")
            .Append("<style>\n").Append(ReportStyle.Css).Append("\n</style>\n</head>\n<body>\n<main>\n<header>\n")
            .Append("<h1>").Append(Html.Text(title)).Append("</h1>\n")
            .Append("<p class=\"muted\">The run in <code>").Append(Html.Text(report.Run.Folder)).Append("</code> and the pieces in <code>")
            .Append(Html.Text(report.PiecesFolder)).Append("</code>: listen, look and compare.</p>\n")
            .Append("<nav aria-label=\"Contents\"><ul><li><a href=\"#run\">The run</a></li><li><a href=\"#pieces\">All pieces</a></li>");
        foreach (var piece in report.Pieces)
            html.Append("<li><a href=\"#").Append(ids[piece.Name]).Append("\">").Append(Html.Text(piece.Name)).Append("</a></li>");
        html.Append("</ul></nav>\n</header>\n");
        HtmlRunSection.Write(html, report.Run);
        HtmlPiecesTable.Write(html, report, ids);
        foreach (var piece in report.Pieces) HtmlPieceSection.Write(html, piece, ids[piece.Name], pageFolder);
        Legend(html);
        html.Append("</main>\n<script>\n").Append(ReportStyle.Script).Append("\n</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>What each figure measures, and the rule for "outside".</summary>
    private static void Legend(StringBuilder html)
    {
        html.Append("<footer>\n<h2 id=\"figures\">The figures</h2>\n<dl class=\"facts\">\n");
        foreach (var figure in FigureLabels.All)
            html.Append("<dt>").Append(Html.Text(FigureLabels.Name(figure))).Append("</dt><dd>").Append(Html.Text(FigureLabels.Meaning(figure))).Append("</dd>\n");
        html.Append("</dl>\n<p class=\"note\">The corpus's range of a figure is its 10th to 90th percentile over excerpts of the training pieces as long as the piece, ")
            .Append("each measured as a piece (its first tokens playing the primer, its copies looked up in the other pieces). A figure outside it is marked; ")
            .Append("the longest verbatim copy only when longer than the longest any excerpt copies.</p>\n</footer>\n");
    }

    /// <summary>Each piece's element id: "piece-" and its name's letters and digits, unique.</summary>
    private static Dictionary<string, string> Ids(IReadOnlyList<ReportPiece> pieces)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var piece in pieces)
        {
            string name = "piece-" + string.Concat(piece.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
            string id = name;
            for (int n = 2; !taken.Add(id); n++) id = $"{name}-{n}";
            ids[piece.Name] = id;
        }
        return ids;
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
