using System.Buffers.Binary;
using System.Text;
using Sonata.Pieces;

namespace Sonata.Tests;

/// <summary>A rendered piece is brought to a listening level: its peak at −1 dBFS, never clipped.</summary>
public sealed class WavLevelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sonata-level-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A stereo 32-bit float WAV of a quiet sine, as FluidSynth's <c>-O float</c> writes.</summary>
    private string QuietSine(double peak)
    {
        string path = Path.Combine(_folder, "quiet.wav");
        int frames = 4410;
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + (frames * 8));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)3);
        writer.Write((short)2);
        writer.Write(44100);
        writer.Write(44100 * 8);
        writer.Write((short)8);
        writer.Write((short)32);
        writer.Write("data"u8);
        writer.Write(frames * 8);
        for (int i = 0; i < frames; i++)
        {
            float sample = (float)(peak * Math.Sin(2 * Math.PI * 440 * i / 44100));
            writer.Write(sample);
            writer.Write(sample / 2);
        }
        return path;
    }

    [Fact]
    public void A_quiet_float_wav_becomes_16_bit_pcm_peaking_at_minus_1_dbfs()
    {
        string loud = Path.Combine(_folder, "loud.wav");
        double before = WavLevel.Normalize(QuietSine(0.087), loud);

        byte[] wav = File.ReadAllBytes(loud);
        Assert.Equal(0.087, before, 3);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(34)));
        var samples = Enumerable.Range(0, (wav.Length - 44) / 2).Select(i => BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + (2 * i))) / 32768.0).ToList();
        Assert.InRange(samples.Max(Math.Abs), 0.885, 0.895);   // −1 dBFS = 0.891
        Assert.Equal(0.1, WavRendererTests.Measure(wav).Seconds, 3);         // 4,410 frames at 44.1 kHz
    }
}
