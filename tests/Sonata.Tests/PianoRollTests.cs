using System.Buffers.Binary;
using Sonata.Pieces;
using Sonata.Plots;

namespace Sonata.Tests;

public sealed class PianoRollTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sonata-roll-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_piece_is_drawn_as_a_png_of_the_asked_size()
    {
        string[] tokens = ["C4", "E4.G4.C5", "E-5", "B2.B3", "F#4", "A4.C5.E5", "D5", "G3"];
        var piece = Composer.Arrange(tokens, OffsetPolicy.Fixed(0.5), seed: 0);
        string path = Path.Combine(_folder, "roll.png");

        PianoRoll.SavePng(path, piece, new PianoRollOptions { Width = 800, Height = 400, Title = "Test" });

        byte[] png = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(800, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(400, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.DoesNotContain(Directory.GetFiles(_folder), Sonata.IO.AtomicFile.IsTemporary);
    }
}

public sealed class PlayedPianoRollTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sonata-roll-played-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Pixels within a small distance of a colour.</summary>
    private static int Pixels(string png, (int R, int G, int B) color)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        int count = 0;
        foreach (var pixel in bitmap.Pixels)
            if (Math.Abs(pixel.Red - color.R) + Math.Abs(pixel.Green - color.G) + Math.Abs(pixel.Blue - color.B) < 12) count++;
        return count;
    }

    [Fact]
    public void Notes_are_shaded_by_how_hard_they_are_struck_and_the_tempo_is_drawn_over_time()
    {
        string[] tokens = ["C4", "D4", "E4", "F4", "G4", "A4", "B4", "C5"];
        var piece = Composer.Arrange(tokens, OffsetPolicy.Fixed(1), seed: 0);
        string Draw(string name, Func<Sonata.Music.PlacedToken, int, Sonata.Music.PlacedToken> play)
        {
            string path = Path.Combine(_folder, name + ".png");
            PianoRoll.SavePng(path, [.. piece.Select(play)], new PianoRollOptions { Width = 800, Height = 400 });
            return path;
        }
        var blue = (31, 119, 180);
        var paleBlue = (198, 220, 236);   // the blue a quarter strong over white
        var green = (44, 160, 44);

        string loud = Draw("loud", (t, _) => t with { Velocity = 127 });
        string soft = Draw("soft", (t, _) => t with { Velocity = 0 });
        string timed = Draw("timed", (t, i) => t with { Velocity = 127, Tempo = i < 4 ? 60 : 150 });

        Assert.True(Pixels(loud, blue) > 1000, "loud notes are drawn in full colour");
        Assert.True(Pixels(soft, blue) < 10, "soft notes are not drawn in full colour");
        Assert.True(Pixels(soft, paleBlue) > 1000, "soft notes are pale");
        Assert.True(Pixels(loud, green) < 10, "a piece without tempi has no tempo line");
        Assert.True(Pixels(timed, green) > 200, "the tempo is drawn");
    }
}
