using System.Buffers.Binary;

namespace Sonata.Fuzz;

/// <summary>
/// Damage to whole chunks, as copying, joining and splitting files does it: a chunk repeated, two
/// swapped, one from another file, one cut short, two joined, data after the last. Each chunk
/// stays well formed inside; only where chunks lie, and what the header counts, goes wrong.
/// </summary>
internal static class ChunkMutations
{
    /// <summary>A chunk (the header among them) copied after itself, between two others, at the end, or into another track.</summary>
    public static string? Repeat(ref byte[] bytes, Random random)
    {
        var chunks = MidiStructure.Of(bytes).Chunks;
        if (chunks.Count == 0)
            return null;
        int index = random.Next(chunks.Count);
        byte[] copy = bytes[Span(chunks[index])];
        string where;
        switch (random.Next(4))
        {
            case 0:
                bytes = Insert(bytes, End(chunks[index]), copy);
                where = "after itself";
                break;
            case 1:
                int before = random.Next(chunks.Count + 1);
                bytes = Insert(bytes, before < chunks.Count ? Start(chunks[before]) : End(chunks[^1]), copy);
                where = $"before chunk {before}";
                break;
            case 2:
                bytes = [.. bytes, .. copy];
                where = "at the end";
                break;
            default:
                var hosts = chunks.Where(c => c.IsTrack).DefaultIfEmpty(chunks[0]).ToList();
                var host = hosts[random.Next(hosts.Count)];
                int at = host.DataStart + random.Next(host.Length + 1);
                bytes = Insert(bytes, at, copy);
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(host.LengthField), (uint)(host.Length + copy.Length));
                where = $"into the chunk at {Start(host)}, at {at}";
                break;
        }
        return $"chunk {index} ({copy.Length} bytes) repeated {where}" + MaybeCountOneMore(bytes, random);
    }

    /// <summary>Two chunks, the header among them, exchanged.</summary>
    public static string? Swap(ref byte[] bytes, Random random)
    {
        var chunks = MidiStructure.Of(bytes).Chunks;
        if (chunks.Count < 2)
            return null;
        int first = random.Next(chunks.Count);
        int second = (first + random.Next(1, chunks.Count)) % chunks.Count;
        if (first > second)
            (first, second) = (second, first);
        var (a, b) = (Span(chunks[first]), Span(chunks[second]));
        bytes = [.. bytes[..a.Start], .. bytes[b], .. bytes[a.End..b.Start], .. bytes[a], .. bytes[b.End..]];
        return $"chunks {first} and {second} swapped";
    }

    /// <summary>A track chunk of another file in place of one, between two, or over part of one's data.</summary>
    public static string? Foreign(ref byte[] bytes, Random random, (string Name, byte[] Bytes) other)
    {
        var chunks = MidiStructure.Of(bytes).Chunks;
        var tracks = MidiStructure.Of(other.Bytes).Chunks.Where(c => c.IsTrack).ToList();
        if (chunks.Count == 0 || tracks.Count == 0)
            return null;
        int from = random.Next(tracks.Count);
        byte[] foreign = other.Bytes[Span(tracks[from])];
        string source = $"track chunk {from} of {other.Name}";
        int index = random.Next(chunks.Count);
        var chunk = chunks[index];
        int dataLength = foreign.Length - 8;
        switch (dataLength == 0 || chunk.Length == 0 ? 0 : random.Next(3))
        {
            case 0:
                bytes = [.. bytes[..Start(chunk)], .. foreign, .. bytes[End(chunk)..]];
                return $"{source} in place of chunk {index}";
            case 1:
                bytes = Insert(bytes, random.Next(2) == 0 ? Start(chunk) : End(chunk), foreign);
                return $"{source} beside chunk {index}" + MaybeCountOneMore(bytes, random);
            default:
                // Data only, the length field kept: as a disk or a copy mixes up blocks.
                int length = Math.Min(random.Next(1, dataLength + 1), chunk.Length);
                int at = chunk.DataStart + random.Next(chunk.Length - length + 1);
                int fromAt = 8 + random.Next(dataLength - length + 1);
                foreign.AsSpan(fromAt, length).CopyTo(bytes.AsSpan(at));
                return $"{length} bytes of {source} over chunk {index}'s data at {at}";
        }
    }

    /// <summary>A chunk cut short in the middle, its length unchanged, and followed by a chunk of another file or the rest of this one.</summary>
    public static string? Cut(ref byte[] bytes, Random random, (string Name, byte[] Bytes) other)
    {
        var chunks = MidiStructure.Of(bytes).Chunks.Where(c => c.IsTrack && c.Length > 1).ToList();
        var tracks = MidiStructure.Of(other.Bytes).Chunks.Where(c => c.IsTrack).ToList();
        if (chunks.Count == 0)
            return null;
        var chunk = chunks[random.Next(chunks.Count)];
        int cut = chunk.DataStart + random.Next(1, chunk.Length);
        if (tracks.Count == 0 || random.Next(2) == 0)
        {
            bytes = [.. bytes[..cut], .. bytes[End(chunk)..]];
            return $"chunk at {Start(chunk)} cut at {cut}, the next chunk after it";
        }
        int from = random.Next(tracks.Count);
        bytes = [.. bytes[..cut], .. other.Bytes[Span(tracks[from])], .. bytes[End(chunk)..]];
        return $"chunk at {Start(chunk)} cut at {cut}, track chunk {from} of {other.Name} after it";
    }

    /// <summary>Two neighbouring tracks joined into one chunk: the second's events follow the first's end of track, in its running status.</summary>
    public static string? Merge(ref byte[] bytes, Random random)
    {
        var chunks = MidiStructure.Of(bytes).Chunks;
        var pairs = Enumerable.Range(0, chunks.Count - 1).Where(i => chunks[i].IsTrack && chunks[i + 1].IsTrack).ToList();
        if (pairs.Count == 0)
            return null;
        int first = pairs[random.Next(pairs.Count)];
        var (a, b) = (chunks[first], chunks[first + 1]);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(a.LengthField), (uint)(a.Length + b.Length));
        bytes = [.. bytes[..Start(b)], .. bytes[b.DataStart..]];
        string count = "";
        if (random.Next(2) == 0 && bytes.Length >= 14)
        {
            int tracks = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(10));
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), (ushort)Math.Max(0, tracks - 1));
            count = $"; track count {tracks} -> {Math.Max(0, tracks - 1)}";
        }
        return $"chunks {first} and {first + 1} joined" + count;
    }

    /// <summary>Bytes after the last chunk: random ones, a chunk of another file, a chunk header with a wild length, or this file's own tail.</summary>
    public static string Trail(ref byte[] bytes, Random random, (string Name, byte[] Bytes) other)
    {
        var tracks = MidiStructure.Of(other.Bytes).Chunks.Where(c => c.IsTrack).ToList();
        (byte[] tail, string what) = random.Next(4) switch
        {
            0 => (RandomBytes(random, random.Next(1, 65)), "random bytes"),
            1 when tracks.Count > 0 => (other.Bytes[Span(tracks[random.Next(tracks.Count)])], $"a track chunk of {other.Name}"),
            2 => ([.. "MTrk"u8, .. RandomBytes(random, 4), .. RandomBytes(random, random.Next(0, 33))], "a track header with a wild length"),
            _ => (bytes[Math.Max(0, bytes.Length - random.Next(1, 257))..], "its own tail"),
        };
        bytes = [.. bytes, .. tail];
        return $"{tail.Length} bytes after the end: {what}" + MaybeCountOneMore(bytes, random);
    }

    /// <summary>Half the time, the header counts one track more, so that a reader goes on into what was added.</summary>
    private static string MaybeCountOneMore(byte[] bytes, Random random)
    {
        if (random.Next(2) == 0 || bytes.Length < 14 || !bytes.AsSpan(0, 4).SequenceEqual("MThd"u8))
            return "";
        int tracks = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(10));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), (ushort)(tracks + 1));
        return $"; track count {tracks} -> {(ushort)(tracks + 1)}";
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Insert(byte[] bytes, int at, byte[] inserted) => [.. bytes[..at], .. inserted, .. bytes[at..]];

    private static int Start(MidiStructure.Chunk chunk) => chunk.LengthField - 4;

    private static int End(MidiStructure.Chunk chunk) => chunk.DataStart + chunk.Length;

    private static Range Span(MidiStructure.Chunk chunk) => Start(chunk)..End(chunk);
}
