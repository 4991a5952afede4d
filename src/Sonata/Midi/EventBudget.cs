namespace Sonata.Midi;

/// <summary>Counts the events of one file as they are read and checks their times against <see cref="ReadLimits"/>.</summary>
internal sealed class EventBudget(string name, int ticksPerQuarter)
{
    private readonly long maxTick = ReadLimits.MaxQuarters * ticksPerQuarter;
    private int events;

    /// <summary>One more event, at <paramref name="tick"/> of track <paramref name="trackIndex"/>.</summary>
    /// <exception cref="MidiFormatException">The event lies too late, or the file has too many.</exception>
    public void Count(long tick, int trackIndex)
    {
        if (tick > maxTick)
            throw new MidiFormatException(
                $"{name}: an event of track {trackIndex} lies at quarter note {tick / ticksPerQuarter:N0} "
                + $"(at most {ReadLimits.MaxQuarters:N0} quarter notes are read): a delta time is probably corrupt");
        if (++events > ReadLimits.MaxEvents)
            throw new MidiFormatException(
                $"{name}: the file holds more than {ReadLimits.MaxEvents:N0} MIDI events (at most {ReadLimits.MaxEvents:N0} are read): it is probably corrupt");
    }
}
