using Sonata.Midi;

namespace Sonata.Tokenization;

/// <summary>
/// A performance's tempo over time, from the set-tempo events of every track of a MIDI file: the
/// tempo at a point is the last one set at or before it, 120 quarter notes a minute before the
/// first (the MIDI default).
/// </summary>
public sealed class TempoMap
{
    /// <summary>The MIDI default, where a file sets no tempo.</summary>
    public const double DefaultBpm = 120;

    private readonly double[] _quarters;
    private readonly double[] _bpm;

    private TempoMap(double[] quarters, double[] bpm)
    {
        _quarters = quarters;
        _bpm = bpm;
    }

    public static TempoMap Of(MidiFileContent midi)
    {
        ArgumentNullException.ThrowIfNull(midi);
        var changes = midi.Tracks.SelectMany(t => t)
            .Where(e => e.IsMeta(MidiEvent.TempoMeta) && e.Payload.Length >= 3)
            .Select(e => (Quarters: (double)e.Tick / midi.TicksPerQuarter, Bpm: Bpm(e.Payload.Span)))
            .Where(c => double.IsFinite(c.Bpm))
            .OrderBy(c => c.Quarters)
            .ToArray();
        return new TempoMap([.. changes.Select(c => c.Quarters)], [.. changes.Select(c => c.Bpm)]);
    }

    /// <summary>The tempo at <paramref name="quarters"/> from the start, in quarter notes a minute.</summary>
    public double At(double quarters)
    {
        // The last change at or before the point (a small tolerance: offsets are quantized, ticks not).
        int index = Array.BinarySearch(_quarters, quarters + 1e-6);
        if (index < 0) index = ~index;
        return index == 0 ? DefaultBpm : _bpm[index - 1];
    }

    private static double Bpm(ReadOnlySpan<byte> payload)
    {
        int microseconds = payload[0] << 16 | payload[1] << 8 | payload[2];
        return microseconds == 0 ? double.NaN : 60_000_000.0 / microseconds;
    }
}
