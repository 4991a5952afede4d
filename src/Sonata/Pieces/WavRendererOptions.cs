namespace Sonata.Pieces;

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
