using System.Buffers.Binary;

namespace Sonata.Fuzz;

/// <summary>
/// Where the chunks and events of a well-formed Standard MIDI File lie, so that a mutation can hit
/// a length field or one event precisely. It reads the standard way (running status, meta and
/// SysEx lengths) and stops at the first thing it does not understand.
/// </summary>
internal sealed class MidiStructure
{
    /// <summary>A chunk: where its 4-byte length field is, where its data starts, how long it says it is.</summary>
    public readonly record struct Chunk(int LengthField, int DataStart, int Length, bool IsTrack);

    /// <summary>An event of chunk <c>ChunkIndex</c>: its delta time's bytes, and its status and data bytes.</summary>
    public readonly record struct Event(int ChunkIndex, int DeltaStart, int DeltaLength, int Status, int DataStart);

    public List<Chunk> Chunks { get; } = [];
    public List<Event> Events { get; } = [];

    public static MidiStructure Of(byte[] bytes)
    {
        var structure = new MidiStructure();
        int position = 0;
        while (position + 8 <= bytes.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position + 4));
            int start = position + 8;
            if (length > (uint)(bytes.Length - start))
                break;
            bool isTrack = bytes.AsSpan(position, 4).SequenceEqual("MTrk"u8);
            structure.Chunks.Add(new Chunk(position + 4, start, (int)length, isTrack));
            if (isTrack)
                structure.ReadEvents(bytes, structure.Chunks.Count - 1, start, start + (int)length);
            position = start + (int)length;
        }
        return structure;
    }

    private void ReadEvents(byte[] bytes, int chunk, int position, int end)
    {
        int status = 0;
        while (position < end)
        {
            int deltaStart = position;
            while (position < end && bytes[position] >= 0x80)
                position++;
            if (++position >= end)
                return;
            int deltaLength = position - deltaStart;
            if (bytes[position] >= 0x80)
                status = bytes[position++];
            if (status < 0x80)
                return;
            Events.Add(new Event(chunk, deltaStart, deltaLength, status, position));
            position += (status & 0xF0) switch
            {
                0xC0 or 0xD0 => 1,
                < 0xF0 => 2,
                _ => MessageLength(bytes, status, position, end),
            };
        }
    }

    /// <summary>The bytes after the status of a meta or SysEx message (type, length, data).</summary>
    private static int MessageLength(byte[] bytes, int status, int position, int end)
    {
        int cursor = status == 0xFF ? position + 1 : position;
        long length = 0;
        while (cursor < end && bytes[cursor] >= 0x80)
            length = (length << 7) | (bytes[cursor++] & 0x7Fu);
        if (cursor >= end)
            return end - position;
        length = (length << 7) | bytes[cursor++];
        return (int)Math.Min(cursor - position + length, end - position);
    }
}
