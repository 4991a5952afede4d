using System.Text;
using NAudio.Wave;

namespace Sonata.Pieces;

/// <summary>
/// Brings a rendered WAV file to a listening level: its samples (16-bit PCM or 32-bit float) scaled
/// so that the loudest peaks at <see cref="TargetPeak"/>, about −1 dBFS, and written as 16-bit PCM.
/// FluidSynth's default gain leaves a piano piece near −20 dBFS at its loudest.
/// </summary>
public static class WavLevel
{
    /// <summary>−1 dBFS: 10^(−1/20) of full scale, short of clipping.</summary>
    public const double TargetPeak = 0.891;

    /// <summary>Never raise a piece more than this (a near-silent file stays near silent).</summary>
    private const double MaximumGain = 100;

    /// <summary>Reads <paramref name="source"/>, scales it to the target peak, and writes <paramref name="destination"/> as 16-bit PCM; returns the peak it had (0–1).</summary>
    /// <exception cref="InvalidDataException">The file is not a WAV of 16-bit PCM or 32-bit float samples.</exception>
    public static double Normalize(string source, string destination)
    {
        var (format, samples) = Read(source);
        double peak = 0;
        foreach (float sample in samples) peak = Math.Max(peak, Math.Abs(sample));
        double gain = peak > 0 ? Math.Min(TargetPeak / peak, MaximumGain) : 1;
        using var output = File.Create(destination);
        Write(output, format.Channels, format.SampleRate, samples, gain);
        return peak;
    }

    /// <summary>A WAV file's format and its samples, interleaved, as NAudio's <see cref="WaveFileReader"/> reads them (16-bit PCM as s / 32768).</summary>
    /// <exception cref="InvalidDataException">The file is not a WAV of 16-bit PCM or 32-bit float samples.</exception>
    internal static (WaveFormat Format, float[] Samples) Read(string path)
    {
        WaveFormat format;
        float[]? samples;
        try
        {
            using var reader = new WaveFileReader(path);
            format = reader.WaveFormat;
            samples = IsRead(format) ? ReadAll(reader.ToSampleProvider(), format.Channels) : null;
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or EndOfStreamException or ArgumentException or ArithmeticException)
        {
            // NAudio's word for a malformed header or body (no RIFF, no fmt or data chunk, a zero block size, cut short).
            throw new InvalidDataException($"{path} is not a WAV file ({e.Message})", e);
        }
        return samples is null
            ? throw new InvalidDataException($"{path} holds {format.BitsPerSample}-bit samples of format {(int)format.Encoding}; only 16-bit PCM and 32-bit float are read")
            : (format, samples);
    }

    private static bool IsRead(WaveFormat format) =>
        (format.Encoding == WaveFormatEncoding.Pcm && format.BitsPerSample == 16) || (format.Encoding == WaveFormatEncoding.IeeeFloat && format.BitsPerSample == 32);

    private static float[] ReadAll(ISampleProvider provider, int channels)
    {
        var samples = new List<float>();
        var buffer = new float[Math.Max(channels, 1) * 4096];
        for (int read; (read = provider.Read(buffer, 0, buffer.Length)) > 0;) samples.AddRange(buffer.AsSpan(0, read));
        return [.. samples];
    }

    private static void Write(Stream output, int channels, int rate, float[] samples, double gain)
    {
        using var writer = new BinaryWriter(output, Encoding.ASCII, leaveOpen: true);
        int dataBytes = samples.Length * 2;
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);                    // PCM
        writer.Write((short)channels);
        writer.Write(rate);
        writer.Write(rate * channels * 2);         // bytes a second
        writer.Write((short)(channels * 2));       // bytes a frame
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        foreach (float sample in samples)
            writer.Write((short)Math.Clamp(Math.Round(sample * gain * 32767), -32768, 32767));
    }
}
