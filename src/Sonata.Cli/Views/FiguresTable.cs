using Sonata.Evaluation;
using Sonata.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Sonata.Cli.Views;

/// <summary>
/// Judged pieces as a terminal table, beside the corpus's median and range; a value outside the
/// range is red, with ▲ or ▼, and each piece says where its longest verbatim copy comes from.
/// </summary>
public static class FiguresTable
{
    private const string Above = "▲", Below = "▼";

    /// <summary>More pieces than this are listed a row each: a column each would not fit a terminal.</summary>
    private const int ColumnsAtMost = 3;

    /// <summary>
    /// A few pieces (or pieces of several lengths, each beside its own range) a column each
    /// (<see cref="ByFigure"/>); more of one length a row each (<see cref="ByPiece"/>).
    /// </summary>
    public static IRenderable Build(FolderJudgement judgement, string corpusDescription)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        return judgement.Pieces.Count <= ColumnsAtMost || judgement.Ranges.Count > 1
            ? ByFigure(judgement, corpusDescription)
            : new Spectre.Console.Rows(new Text(Caption(judgement, corpusDescription)), ByPiece(judgement));
    }

    /// <summary>A row per figure, a column per piece (and their median when there are several), then the corpus's median and range.</summary>
    private static IRenderable ByFigure(FolderJudgement judgement, string corpusDescription)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        bool median = judgement.Pieces.Count > 1, severalLengths = judgement.Ranges.Count > 1;
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("Figure"));
        foreach (var piece in judgement.Pieces)
            table.AddColumn(new TableColumn(Markup.Escape(piece.Name)).RightAligned());
        if (median)
            table.AddColumn(new TableColumn($"[bold]median of {judgement.Pieces.Count}[/]").RightAligned());
        foreach (var ranges in judgement.Ranges)
        {
            string of = severalLengths ? $"\n{ranges.ExcerptTokens} tokens" : "";
            table.AddColumn(new TableColumn($"[dim]corpus median{of}[/]").RightAligned());
            table.AddColumn(new TableColumn($"[dim]corpus range{of}[/]").RightAligned());
        }

        foreach (var figure in FigureLabels.All)
        {
            var cells = new List<IRenderable> { new Text(FigureLabels.Name(figure)) };
            cells.AddRange(judgement.Pieces.Select(p => Cell(p.Verdicts, figure)));
            if (median) cells.Add(Cell(judgement.Median.Verdicts, figure));
            foreach (var ranges in judgement.Ranges)
            {
                var range = ranges.Of(figure);
                cells.Add(Dim(FigureLabels.Median(figure, range)));
                cells.Add(Dim(FigureLabels.Range(figure, range)));
            }
            table.AddRow(cells);
        }
        var copiedFrom = new List<IRenderable> { new Text("  copied from") };
        copiedFrom.AddRange(judgement.Pieces.Select(p => new Text(FigureLabels.CopiedFrom(p.Figures.LongestCopy))));
        copiedFrom.AddRange(Enumerable.Repeat(Text.Empty, (median ? 1 : 0) + (2 * judgement.Ranges.Count)));
        table.AddRow(copiedFrom);

        string legend = $"[red]{Above}[/] [red]{Below}[/] outside the range: above the corpus's 90th or below its 10th percentile; "
            + "the verbatim copy when longer than the longest an excerpt copies. Copied from: file @ token position.";
        return new Spectre.Console.Rows(new Text(Caption(judgement, corpusDescription)), table, new Markup(legend));
    }

    private static string Caption(FolderJudgement judgement, string corpusDescription)
    {
        var first = judgement.Ranges[0];
        return $"{Plural(judgement.Pieces.Count, "piece")} against {corpusDescription}. The generated part is what follows "
            + $"the first {judgement.PrimerLength} tokens, the primer. The corpus's range: {first.Excerpts} excerpts of {first.ExcerptTokens} "
            + $"tokens from its {Plural(judgement.CorpusPieces, "piece")}, each measured as a piece, its copies looked up in the other pieces.";
    }

    /// <summary>
    /// Many pieces of one length as a table a row each (a column per figure), then their median
    /// and the corpus's median and range: for <c>generate --count</c>.
    /// </summary>
    public static IRenderable ByPiece(FolderJudgement judgement)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("Piece"));
        var figures = FigureLabels.All;
        foreach (var figure in figures) table.AddColumn(new TableColumn(FigureLabels.Name(figure)).RightAligned());
        table.AddColumn(new TableColumn("copied from"));
        foreach (var piece in judgement.Pieces)
        {
            table.AddRow([new Text(piece.Name), .. figures.Select(f => Cell(piece.Verdicts, f)),
                new Text(FigureLabels.CopiedFrom(piece.Figures.LongestCopy))]);
        }
        table.AddRow([new Markup($"[bold]median of {judgement.Pieces.Count}[/]"), .. figures.Select(f => Cell(judgement.Median.Verdicts, f)), Text.Empty]);
        var ranges = judgement.Ranges.Single(r => r.ExcerptTokens == judgement.Median.ExcerptTokens);
        table.AddRow([Dim("corpus median"), .. figures.Select(f => Dim(FigureLabels.Median(f, ranges.Of(f)))), Text.Empty]);
        table.AddRow([Dim("corpus range"), .. figures.Select(f => Dim(FigureLabels.Range(f, ranges.Of(f)))), Text.Empty]);
        string legend = $"[red]{Above}[/] [red]{Below}[/] outside the corpus's range (its 10th to 90th percentile over {ranges.Excerpts} excerpts of {ranges.ExcerptTokens} tokens; "
            + "for the verbatim copy, the longest an excerpt copies from the other pieces). Copied from: file @ token position.";
        return new Spectre.Console.Rows(table, new Markup(legend));
    }

    private static IRenderable Cell(IReadOnlyList<FigureVerdict> verdicts, Figure figure)
    {
        var verdict = verdicts.Single(v => v.Figure == figure);
        if (verdict.Value is not double value) return new Text("–");
        string text = FigureLabels.Format(figure, value);
        if (!verdict.Outside) return new Text(text);
        return new Markup($"[red]{Markup.Escape(text)} {(value > verdict.Range!.P90 ? Above : Below)}[/]");
    }

    private static Markup Dim(string text) => new($"[dim]{Markup.Escape(text)}[/]");

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
