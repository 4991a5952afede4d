using System.ComponentModel;
using System.Diagnostics;
using Sonata.IO;

namespace Sonata.Pieces;

/// <summary>
/// Renders a MIDI file to a WAV file with the FluidSynth program and a General MIDI soundfont:
/// <c>fluidsynth -ni -T wav -O float -F OUT.wav -r 44100 SOUNDFONT IN.mid</c>, then brings it to a
/// listening level (<see cref="WavLevel"/>: its loudest sample at −1 dBFS, 16-bit PCM).
/// </summary>
public static class WavRenderer
{
    /// <summary>
    /// Renders <paramref name="midiPath"/> into <paramref name="wavPath"/>: FluidSynth writes a
    /// temporary file beside it, which is then renamed (an atomic write, as <see cref="AtomicFile"/> does).
    /// </summary>
    /// <exception cref="SoundToolMissingException">FluidSynth or the soundfont is not installed.</exception>
    public static async Task RenderAsync(string midiPath, string wavPath, WavRendererOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new WavRendererOptions();
        if (!File.Exists(midiPath))
            throw new FileNotFoundException($"No MIDI file at {midiPath}.", midiPath);
        if (!File.Exists(options.SoundFont))
            throw new SoundToolMissingException($"The soundfont {options.SoundFont} is missing.");
        string program = FindProgram(options.FluidSynth)
            ?? throw new SoundToolMissingException($"FluidSynth ('{options.FluidSynth}') is not installed.");

        string full = Path.GetFullPath(wavPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = AtomicFile.TemporaryPath(full), rendered = AtomicFile.TemporaryPath(full);
        try
        {
            await RunAsync(program, ["-ni", "-T", "wav", "-O", "float", "-F", rendered, "-r", options.SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                options.SoundFont, midiPath], cancellationToken).ConfigureAwait(false);
            if (!File.Exists(rendered))
                throw new InvalidOperationException($"FluidSynth wrote no sound for {midiPath}.");
            WavLevel.Normalize(rendered, temporary);
            File.Move(temporary, full, overwrite: true);   // the atomic step
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            if (File.Exists(rendered)) File.Delete(rendered);
        }
    }

    private static async Task RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new SoundToolMissingException($"FluidSynth could not be started ({e.Message}).", e);
        }

        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string messages = (await output.ConfigureAwait(false)) + (await errors.ConfigureAwait(false));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"FluidSynth failed (exit code {process.ExitCode}): {messages.Trim()}");
    }

    /// <summary>The program's full path: itself when it is a path, else the first match on PATH.</summary>
    private static string? FindProgram(string program)
    {
        if (program.Contains(Path.DirectorySeparatorChar))
            return File.Exists(program) ? program : null;
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (folder.Length == 0) continue;
            string candidate = Path.Combine(folder, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>How a MIDI file is rendered to sound with FluidSynth.</summary>
public sealed record WavRendererOptions
{
    /// <summary>The FluidSynth program: a name looked up on PATH, or a path.</summary>
    public string FluidSynth { get; init; } = "fluidsynth";

    /// <summary>The General MIDI soundfont (Debian's fluid-soundfont-gm).</summary>
    public string SoundFont { get; init; } = "/usr/share/sounds/sf2/FluidR3_GM.sf2";

    /// <summary>Samples a second.</summary>
    public int SampleRate { get; init; } = 44100;
}
