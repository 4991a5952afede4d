using System.Buffers.Binary;

namespace Sonata.Midi;

/// <summary>
/// Reads a Standard MIDI File the way music21 8.1.0's <c>midi.MidiFile</c> does, quirks included:
/// running status carries over from any status byte (meta and SysEx too), an unknown event drops
/// only its delta time and the next byte is read as a new delta, and a file whose chunks are cut
/// short is refused. NAudio's reader is stricter and would reject files music21 reads. Unlike
/// music21, it refuses a file past <see cref="ReadLimits"/> (size, events, the time of an event).
/// </summary>
public static class MidiFileParser
{
    /// <summary>music21's tick resolution when a file counts in SMPTE frames instead.</summary>
    private const int DefaultTicksPerQuarter = 1024;

    /// <summary>
    /// Where a variable-length number stops growing (music21's are unbounded): far beyond any
    /// limit, and small enough that neither it nor a tick adding it up can overflow.
    /// </summary>
    private const long VariableLengthCeiling = 1L << 48;

    public static MidiFileContent Read(string path)
    {
        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            if (length > ReadLimits.MaxFileBytes)
                throw new MidiFormatException(
                    $"{path}: the file is {length:N0} bytes long (at most {ReadLimits.MaxFileBytes:N0} are read): it is not a piano piece");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MidiFormatException($"{path}: cannot read the file: {e.Message}");
        }
        return Parse(bytes, path);
    }

    public static MidiFileContent Parse(ReadOnlyMemory<byte> file, string name)
    {
        var bytes = file.Span;
        if (bytes.Length > ReadLimits.MaxFileBytes)
            throw new MidiFormatException(
                $"{name}: the file is {bytes.Length:N0} bytes long (at most {ReadLimits.MaxFileBytes:N0} are read): it is not a piano piece");
        if (bytes.Length < 14 || !bytes[..4].SequenceEqual("MThd"u8))
            throw new MidiFormatException($"{name}: not a MIDI file (no MThd header)");
        if (BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]) != 6)
            throw new MidiFormatException($"{name}: the MThd header has a length other than 6");
        int format = BinaryPrimitives.ReadUInt16BigEndian(bytes[8..]);
        if (format is not (0 or 1))
            throw new MidiFormatException($"{name}: MIDI format {format} is not supported (only 0 and 1)");
        int trackCount = BinaryPrimitives.ReadUInt16BigEndian(bytes[10..]);
        int division = BinaryPrimitives.ReadUInt16BigEndian(bytes[12..]);
        int ticksPerQuarter = (division & 0x8000) != 0 ? DefaultTicksPerQuarter : division & 0x7FFF;
        if (ticksPerQuarter == 0)
            throw new MidiFormatException($"{name}: the header gives 0 ticks per quarter note");

        var tracks = new List<IReadOnlyList<MidiEvent>>(trackCount);
        var budget = new EventBudget(name, ticksPerQuarter);
        int position = 14;
        for (int index = 0; index < trackCount; index++)
        {
            if (position + 8 > bytes.Length)
                throw new MidiFormatException(
                    $"{name}: truncated: the header announces {trackCount} tracks but the file ends after {index}");
            if (!bytes.Slice(position, 4).SequenceEqual("MTrk"u8))
                throw new MidiFormatException($"{name}: track {index} does not start with MTrk (byte {position})");
            long length = BinaryPrimitives.ReadUInt32BigEndian(bytes[(position + 4)..]);
            int start = position + 8;
            if (start + length > bytes.Length)
                throw new MidiFormatException(
                    $"{name}: truncated: track {index} announces {length} bytes but only {bytes.Length - start} remain");
            tracks.Add(ReadTrack(file.Slice(start, (int)length), name, index, budget));
            position = start + (int)length;
        }
        return new MidiFileContent(format, ticksPerQuarter, tracks);
    }

    private static List<MidiEvent> ReadTrack(ReadOnlyMemory<byte> track, string name, int trackIndex, EventBudget budget)
    {
        var data = track.Span;
        var events = new List<MidiEvent>(Math.Min(data.Length / 3, ReadLimits.MaxEvents));
        long tick = 0;
        int position = 0;
        int? runningStatus = null;
        while (position < data.Length)
        {
            long delta = ReadVariableLength(data, ref position, name, trackIndex);
            int eventStart = position;
            if (TryReadEvent(track, ref position, runningStatus, out var e, out int statusSeen, name, trackIndex))
            {
                tick += delta;
                budget.Count(tick, trackIndex);
                events.Add(e with { Tick = tick });
                runningStatus = statusSeen;
            }
            else
            {
                position = eventStart; // music21 drops the event but keeps reading right after its delta
            }
        }
        return events;
    }

    /// <summary>Reads one event at <paramref name="position"/>; false where music21 would skip it.</summary>
    private static bool TryReadEvent(
        ReadOnlyMemory<byte> track, ref int position, int? runningStatus, out MidiEvent e, out int statusSeen,
        string name, int trackIndex)
    {
        var data = track.Span;
        e = default;
        statusSeen = runningStatus ?? 0x90;
        int remaining = data.Length - position;
        if (remaining < 2)
        {
            position = data.Length;
            e = new MidiEvent(0, MidiEventKind.Empty, 0, 0, 0, ReadOnlyMemory<byte>.Empty);
            return true;
        }

        // A data byte where a status byte should be: reuse the last status (music21 defaults to note-on).
        bool running = data[position] < 0x80;
        int status = running ? statusSeen : data[position];
        int dataStart = running ? position : position + 1;
        statusSeen = status;

        int kind = status & 0xF0;
        int channel = (status & 0x0F) + 1;
        switch (kind)
        {
            case 0xC0 or 0xD0:
                if (ByteAt(data, dataStart) > 127)
                    return false;
                e = new MidiEvent(0, kind == 0xC0 ? MidiEventKind.ProgramChange : MidiEventKind.ChannelPressure,
                    channel, ByteAt(data, dataStart), 0, ReadOnlyMemory<byte>.Empty);
                position = Math.Min(dataStart + 1, data.Length);
                return true;
            case >= 0x80 and <= 0xE0:
                var channelKind = kind switch
                {
                    0x80 => MidiEventKind.NoteOff,
                    0x90 => MidiEventKind.NoteOn,
                    0xA0 => MidiEventKind.PolyphonicPressure,
                    0xB0 when ByteAt(data, dataStart) >= 0x78 => MidiEventKind.ChannelMode,
                    0xB0 => MidiEventKind.ControllerChange,
                    _ => MidiEventKind.PitchBend,
                };
                e = new MidiEvent(0, channelKind, channel, ByteAt(data, dataStart), ByteAt(data, dataStart + 1), ReadOnlyMemory<byte>.Empty);
                position = Math.Min(dataStart + 2, data.Length);
                return true;
        }

        if (status is 0xF0 or 0xF7 or 0xFF)
        {
            int cursor = status == 0xFF ? dataStart + 1 : dataStart;
            int metaType = status == 0xFF ? ByteAt(data, dataStart) : 0;
            if (status == 0xFF && !IsKnownMetaType(metaType))
                return false;
            long length = ReadVariableLength(data, ref cursor, name, trackIndex);
            int payloadStart = Math.Min(cursor, data.Length);
            int payloadEnd = (int)Math.Min(payloadStart + length, data.Length);
            e = new MidiEvent(0, status == 0xFF ? MidiEventKind.Meta : MidiEventKind.SysEx, 0, metaType, 0,
                track[payloadStart..payloadEnd]);
            position = payloadEnd;
            return true;
        }
        return false; // system common and real-time bytes: music21 skips them
    }

    /// <summary>A data byte, or 0 past the end as music21 assumes.</summary>
    private static int ByteAt(ReadOnlySpan<byte> data, int index) => index < data.Length ? data[index] : 0;

    private static bool IsKnownMetaType(int type) =>
        type is (>= 0x00 and <= 0x09) or 0x20 or 0x21 or 0x2F or 0x51 or 0x54 or 0x58 or 0x59 or 0x7F;

    private static long ReadVariableLength(ReadOnlySpan<byte> data, ref int position, string name, int trackIndex)
    {
        long value = 0;
        for (int count = 0; count < 999; count++)
        {
            if (position >= data.Length)
                throw new MidiFormatException(
                    $"{name}: truncated: track {trackIndex} ends inside a variable-length number");
            byte b = data[position++];
            value = Math.Min((value << 7) | (uint)(b & 0x7F), VariableLengthCeiling);
            if ((b & 0x80) == 0)
                return value;
        }
        throw new MidiFormatException($"{name}: track {trackIndex} has a variable-length number that never ends");
    }
}

/// <summary>A parsed Standard MIDI File: its timing and the events of each track in file order.</summary>
public sealed record MidiFileContent(int Format, int TicksPerQuarter, IReadOnlyList<IReadOnlyList<MidiEvent>> Tracks);
