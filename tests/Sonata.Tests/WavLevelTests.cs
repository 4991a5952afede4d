using NAudio.Wave;
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

        var (format, samples) = WavLevel.Read(loud);
        Assert.Equal(0.087, before, 3);
        Assert.Equal(new WaveFormat(44100, 16, 2), format);
        Assert.Equal(44 + (samples.Length * 2), new FileInfo(loud).Length);   // the plain 44-byte header, nothing after the data
        Assert.InRange(samples.Max(Math.Abs), 0.885, 0.895);   // −1 dBFS = 0.891
        Assert.Equal(0.1, WavRendererTests.Measure(loud).Seconds, 3);         // 4,410 frames at 44.1 kHz
    }

    /// <summary>A text file, then a float WAV cut short: empty, inside its header, inside its format, before its data.</summary>
    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(36)]
    public void A_file_that_is_no_whole_wav_is_refused_in_one_line_naming_it(int keep)
    {
        string path = Path.Combine(_folder, "bad.wav");
        byte[] bytes = keep < 0 ? "not a WAV file at all"u8.ToArray() : File.ReadAllBytes(QuietSine(0.5))[..keep];
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => WavLevel.Normalize(path, Path.Combine(_folder, "out.wav")));

        Assert.StartsWith($"{path} is not a WAV file (", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_wav_of_8_bit_samples_is_refused_saying_what_is_read()
    {
        string path = Path.Combine(_folder, "eight.wav");
        using (var writer = new WaveFileWriter(path, new WaveFormat(8000, 8, 1))) writer.Write(new byte[800], 0, 800);

        var error = Assert.Throws<InvalidDataException>(() => WavLevel.Normalize(path, Path.Combine(_folder, "out.wav")));

        Assert.Equal($"{path} holds 8-bit samples of format 1; only 16-bit PCM and 32-bit float are read", error.Message);
    }
}
