using System.Globalization;
using Sonata.Evaluation;
using Sonata.Music;
using Spectre.Console;

namespace Sonata.Cli.Views;

/// <summary>A piece's statistics as a terminal table, beside the corpus's when known.</summary>
public static class StatisticsTable
{
    private const string None = "–";

    public static Table Build(PieceStatistics piece, PieceStatistics? corpus)
    {
        ArgumentNullException.ThrowIfNull(piece);
        var comparison = StatisticsComparison.Compare(piece, corpus);
        var table = new Table().Border(TableBorder.Rounded).Title("Music statistics");
        table.AddColumn(new TableColumn("Statistic"));
        table.AddColumn(new TableColumn("Piece").RightAligned());
        if (corpus is not null) table.AddColumn(new TableColumn("Corpus").RightAligned());

        void Row(string name, Func<PieceStatistics, string> value)
        {
            var cells = new List<Text> { new(name), new(value(piece)) };
            if (corpus is not null) cells.Add(new Text(value(corpus)));
            table.AddRow(cells);
        }

        Row("Tokens", s => Count(s.Tokens));
        Row("Distinct tokens", s => Count(s.DistinctTokens));
        Row("Repeats the token before", s => Percent(s.RepeatRate));
        Row("Longest stretch repeated (tokens)", s => Count(s.LongestRepeat));
        Row("Lowest pitch", s => Pitch(s.LowestPitch));
        Row("Highest pitch", s => Pitch(s.HighestPitch));
        Row("Mean pitches per onset", s => s.MeanPitchesPerOnset.ToString("0.00", CultureInfo.InvariantCulture));
        Row("Best scale", s => s.Scale is null ? None : s.Scale.Name);
        Row("Pitches in that scale", s => s.Scale is null ? None : Percent(s.Scale.Fraction));
        for (int pitchClass = 0; pitchClass < 12; pitchClass++)
        {
            int bin = pitchClass;
            Row($"  pitch class {PitchName.PitchClassName(bin)}", s => Percent(s.PitchClassHistogram[bin]));
        }
        if (corpus is not null)
        {
            string distance = comparison.PitchClassDistance?.ToString("0.000", CultureInfo.InvariantCulture) ?? None;
            table.AddRow(new Text("Pitch classes vs corpus (Jensen-Shannon, 0–1)"), new Text(distance), new Text(None));
        }
        return table;
    }

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => fraction.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Pitch(int? midi) => midi is int m ? $"{PitchName.FromMidi(m)} ({m})" : None;
}
