namespace Sonata.Pieces;

/// <summary>FluidSynth or its soundfont is not installed; the message says how to install them.</summary>
public sealed class SoundToolMissingException : Exception
{
    public const string InstallHint = "sudo apt-get install fluidsynth fluid-soundfont-gm";

    public SoundToolMissingException(string message) : base($"{message} Install it with: {InstallHint}") { }

    public SoundToolMissingException(string message, Exception inner) : base($"{message} Install it with: {InstallHint}", inner) { }
}
