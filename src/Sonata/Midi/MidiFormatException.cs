namespace Sonata.Midi;

/// <summary>A MIDI file that cannot be read; the message names the file and what is wrong.</summary>
/// <param name="innerException">The unforeseen exception this refusal stands for (<see cref="FileRefusal"/>), else null.</param>
public sealed class MidiFormatException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>Whether reading failed for a reason Sonata does not foresee: a bug, not a damaged file.</summary>
    public bool IsUnforeseen => InnerException is not null;
}
