using NAudio.Wave;
using Sonata.Pieces;

namespace Sonata.Tests;

public sealed class WavRendererTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sonata-wav-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_composed_piece_renders_to_sound_of_about_its_length()
    {
        // 16 tokens half a quarter apart at 120 BPM: 8 quarters, 4 seconds.
        string[] tokens = [.. Enumerable.Range(0, 16).Select(i => i % 4 == 0 ? "C3.E3.G3" : Sonata.Music.PitchName.FromMidi(60 + i))];
        string midi = Path.Combine(_folder, "piece.mid"), wav = Path.Combine(_folder, "piece.wav");
        Composer.WriteMidi(midi, tokens, OffsetPolicy.Fixed(0.5), seed: 0);

        await WavRenderer.RenderAsync(midi, wav);

        var (seconds, rms) = Measure(wav);
        Assert.InRange(seconds, 3.9, 4.0 + 5.0);    // FluidSynth adds a release tail (about 3 s)
        Assert.True(rms > 0.01, $"RMS {rms} is silence");
    }

    [Fact]
    public async Task A_missing_fluidsynth_says_how_to_install_it()
    {
        string midi = Path.Combine(_folder, "one.mid");
        Composer.WriteMidi(midi, ["C4"], OffsetPolicy.Fixed(1), seed: 0);

        var missingProgram = await Assert.ThrowsAsync<SoundToolMissingException>(() =>
            WavRenderer.RenderAsync(midi, Path.Combine(_folder, "x.wav"), new WavRendererOptions { FluidSynth = "no-such-fluidsynth" }));
        var missingFont = await Assert.ThrowsAsync<SoundToolMissingException>(() =>
            WavRenderer.RenderAsync(midi, Path.Combine(_folder, "y.wav"), new WavRendererOptions { SoundFont = Path.Combine(_folder, "none.sf2") }));

        Assert.Contains("sudo apt-get install fluidsynth fluid-soundfont-gm", missingProgram.Message);
        Assert.Contains("sudo apt-get install fluidsynth fluid-soundfont-gm", missingFont.Message);
    }

    /// <summary>Length in seconds and RMS (0–1) of a 16-bit PCM WAV file, read as <see cref="WavLevel"/> reads one (NAudio's reader).</summary>
    internal static (double Seconds, double Rms) Measure(string wav)
    {
        var (format, samples) = WavLevel.Read(wav);
        Assert.Equal(WaveFormatEncoding.Pcm, format.Encoding);
        Assert.Equal(16, format.BitsPerSample);
        double sum = samples.Sum(s => (double)s * s);
        return ((double)samples.Length / format.Channels / format.SampleRate, Math.Sqrt(sum / Math.Max(samples.Length, 1)));
    }
}
