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
