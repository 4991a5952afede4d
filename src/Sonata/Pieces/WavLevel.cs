using System.Buffers.Binary;
using System.Text;

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
        byte[] wav = File.ReadAllBytes(source);
        var (channels, rate, samples) = Read(wav, source);
        double peak = 0;
        foreach (float sample in samples) peak = Math.Max(peak, Math.Abs(sample));
        double gain = peak > 0 ? Math.Min(TargetPeak / peak, MaximumGain) : 1;
        using var output = File.Create(destination);
        Write(output, channels, rate, samples, gain);
        return peak;
    }

    private static (int Channels, int Rate, float[] Samples) Read(byte[] wav, string name)
    {
        if (wav.Length < 12 || Encoding.ASCII.GetString(wav, 0, 4) != "RIFF" || Encoding.ASCII.GetString(wav, 8, 4) != "WAVE")
            throw new InvalidDataException($"{name} is not a WAV file");
        int format = 0, channels = 0, rate = 0, bits = 0;
        for (int at = 12; at + 8 <= wav.Length;)
        {
            string id = Encoding.ASCII.GetString(wav, at, 4);
            int size = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(at + 4)), (uint)(wav.Length - at - 8));
            var body = wav.AsSpan(at + 8, size);
            if (id == "fmt " && size >= 16)
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
            }
            else if (id == "data")
            {
                if (format == 1 && bits == 16)
                {
                    var samples = new float[size / 2];
                    for (int i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(2 * i)..]) / 32768f;
                    return (channels, rate, samples);
                }
                if (format == 3 && bits == 32)
                {
                    var samples = new float[size / 4];
                    for (int i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadSingleLittleEndian(body[(4 * i)..]);
                    return (channels, rate, samples);
                }
                throw new InvalidDataException($"{name} holds {bits}-bit samples of format {format}; only 16-bit PCM and 32-bit float are read");
            }
            at += 8 + size + (size & 1);
        }
        throw new InvalidDataException($"{name} has no sound (no data chunk)");
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
