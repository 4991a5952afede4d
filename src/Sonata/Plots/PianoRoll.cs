using ScottPlot;
using Sonata.IO;
using Sonata.Music;

namespace Sonata.Plots;

/// <summary>
/// A piano-roll picture: time in quarter notes across, MIDI pitch up, each note a bar from its
/// onset to its end. Single notes are blue; the notes of a chord are orange, stacked at one onset.
/// A played piece's notes are shaded by how hard they are struck (pale: soft, full: loud), and its
/// tempo is drawn over time against the right axis.
/// </summary>
public static class PianoRoll
{
    private static readonly Color NoteColor = Color.FromHex("#1f77b4");
    private static readonly Color ChordColor = Color.FromHex("#ff7f0e");
    private static readonly Color TempoColor = Color.FromHex("#2ca02c");

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
            var (target, color) = token.Pitches.Count > 1 ? (chords, ChordColor) : (notes, NoteColor);
            foreach (int pitch in token.Pitches)
                target.Add(new Bar { Position = pitch, ValueBase = token.Start, Value = token.End, Size = 0.8, FillColor = Shade(color, token.Velocity) });
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
        AddTempo(plot, piece);
        if ((notes.Count > 0 && chords.Count > 0) || piece.Any(t => t.Tempo is not null)) plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>A note's colour at its loudness: a quarter of the colour at velocity 0, all of it at 127.</summary>
    private static Color Shade(Color color, int? velocity) =>
        velocity is { } v ? color.WithAlpha((byte)Math.Round(255 * (0.25 + (0.75 * Math.Clamp(v, 0, 127) / 127)))) : color;

    /// <summary>The tokens' tempo over time, a step at each change, against the right axis.</summary>
    private static void AddTempo(Plot plot, IReadOnlyList<PlacedToken> piece)
    {
        var played = piece.Where(t => t.Tempo is not null).OrderBy(t => t.Start).ToList();
        if (played.Count == 0) return;
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var token in played)
        {
            double bpm = token.Tempo!.Value;
            if (ys.Count > 0 && ys[^1] == bpm) continue;
            if (ys.Count > 0) { xs.Add(token.Start); ys.Add(ys[^1]); }
            xs.Add(ys.Count == 0 ? 0 : token.Start);
            ys.Add(bpm);
        }
        xs.Add(piece.Max(t => t.End));
        ys.Add(ys[^1]);
        var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), TempoColor);
        line.LineWidth = 2;
        line.LegendText = "tempo";
        line.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "Tempo (quarter notes a minute)";
        plot.Axes.Right.Min = 0;
        plot.Axes.Right.Max = Math.Max(200, ys.Max() * 1.1);
    }

    private static void AddBars(Plot plot, List<Bar> bars, Color color, string label)
    {
        if (bars.Count == 0) return;
        var shades = bars.Select(b => b.FillColor).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.LegendText = label;
        plottable.Color = color;
        foreach (var bar in bars) bar.LineWidth = 0;
        // The plottable's colour is its legend's and, set, every bar's: each bar's own shade goes after it.
        for (int i = 0; i < bars.Count; i++) bars[i].FillColor = shades[i];
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
