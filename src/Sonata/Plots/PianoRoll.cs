using ScottPlot;
using Sonata.IO;
using Sonata.Music;

namespace Sonata.Plots;

/// <summary>
/// A piano-roll picture: time in quarter notes across, MIDI pitch up, each note a bar from its
/// onset to its end. Single notes are blue; the notes of a chord are orange, stacked at one onset.
/// </summary>
public static class PianoRoll
{
    private static readonly Color NoteColor = Color.FromHex("#1f77b4");
    private static readonly Color ChordColor = Color.FromHex("#ff7f0e");

    /// <summary>Draws the piece and writes it as a PNG (atomically).</summary>
    public static void SavePng(string path, IReadOnlyList<PlacedToken> piece, PianoRollOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(piece);
        options ??= new PianoRollOptions();
        using var plot = Build(piece, options);
        AtomicFile.WriteVia(path, temporary => plot.SavePng(temporary, options.Width, options.Height));
    }

    private static Plot Build(IReadOnlyList<PlacedToken> piece, PianoRollOptions options)
    {
        var plot = new Plot();
        var notes = new List<Bar>();
        var chords = new List<Bar>();
        foreach (var token in piece)
        {
            var target = token.Pitches.Count > 1 ? chords : notes;
            foreach (int pitch in token.Pitches)
                target.Add(new Bar { Position = pitch, ValueBase = token.Start, Value = token.End, Size = 0.8 });
        }

        AddBars(plot, notes, NoteColor, "note");
        AddBars(plot, chords, ChordColor, "chord");

        plot.Title(options.Title);
        plot.XLabel("Time (quarter notes)");
        plot.YLabel("Pitch (MIDI)");
        LabelOctaves(plot, piece);
        if (piece.Count > 0)
        {
            int low = piece.Min(t => t.Pitches.Min()), high = piece.Max(t => t.Pitches.Max());
            plot.Axes.SetLimits(0, piece.Max(t => t.End), low - 1.5, high + 1.5);
        }
        if (notes.Count > 0 && chords.Count > 0) plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static void AddBars(Plot plot, List<Bar> bars, Color color, string label)
    {
        if (bars.Count == 0) return;
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.LegendText = label;
        plottable.Color = color;
        foreach (var bar in bars)
        {
            bar.LineWidth = 0;
            bar.FillColor = color;
        }
    }

    /// <summary>Pitch ticks at each C, named as music21 names them (C4 = 60).</summary>
    private static void LabelOctaves(Plot plot, IReadOnlyList<PlacedToken> piece)
    {
        int low = piece.Count == 0 ? 48 : piece.Min(t => t.Pitches.Min());
        int high = piece.Count == 0 ? 72 : piece.Max(t => t.Pitches.Max());
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int c = (low / 12) * 12; c <= Math.Min(high + 12, 127); c += 12)
            ticks.AddMajor(c, $"{PitchName.FromMidi(c)} ({c})");
        plot.Axes.Left.TickGenerator = ticks;
    }
}

/// <summary>The size and title of a piano-roll picture.</summary>
public sealed record PianoRollOptions
{
    /// <summary>Width in pixels.</summary>
    public int Width { get; init; } = 1600;

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 700;

    /// <summary>Title above the plot.</summary>
    public string Title { get; init; } = "Piano roll";
}
