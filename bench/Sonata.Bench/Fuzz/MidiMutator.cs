using System.Buffers.Binary;

namespace Sonata.Fuzz;

/// <summary>
/// Seeded mutations of corpus files, the kinds of damage a MIDI file meets (<see cref="MutationKind"/>).
/// Mutation <c>i</c> of seed <c>s</c> is always the same file with the same damage, whatever was made
/// before it, so a benchmark run and a test can name one and reproduce it.
/// </summary>
/// <param name="sources">The files to mutate: name and bytes.</param>
internal sealed class MidiMutator(IReadOnlyList<(string Name, byte[] Bytes)> sources, int seed)
{
    private static readonly MutationKind[] Kinds = Enum.GetValues<MutationKind>();

    public MidiMutation Make(int index)
    {
        var random = new Random(SeedOf(seed, index));
        var (name, original) = sources[random.Next(sources.Count)];
        var kind = Kinds[random.Next(Kinds.Length)];
        var bytes = (byte[])original.Clone();
        string detail = kind switch
        {
            MutationKind.ByteFlip => FlipBytes(bytes, random),
            MutationKind.Truncation => Truncate(ref bytes, random),
            MutationKind.Insertion => Insert(ref bytes, random),
            MutationKind.Deletion => Delete(ref bytes, random),
            MutationKind.ChunkLength => ChangeChunkLength(bytes, random),
            MutationKind.HugeDelta => MakeDeltaHuge(ref bytes, random),
            MutationKind.LostNoteOff => LoseNoteOffs(bytes, random),
            MutationKind.HeaderField => ChangeHeaderField(bytes, random),
            MutationKind.RepeatedChunk => ChunkMutations.Repeat(ref bytes, random) ?? FlipBytes(bytes, random),
            MutationKind.SwappedChunks => ChunkMutations.Swap(ref bytes, random) ?? FlipBytes(bytes, random),
            MutationKind.ForeignChunk => ChunkMutations.Foreign(ref bytes, random, Other(random)) ?? FlipBytes(bytes, random),
            MutationKind.CutChunk => ChunkMutations.Cut(ref bytes, random, Other(random)) ?? FlipBytes(bytes, random),
            MutationKind.MergedChunks => ChunkMutations.Merge(ref bytes, random) ?? FlipBytes(bytes, random),
            _ => ChunkMutations.Trail(ref bytes, random, Other(random)),
        };
        return new MidiMutation(index, name, kind, detail, bytes);
    }

    /// <summary>Another corpus file (or the same), whose chunks a chunk mutation brings in.</summary>
    private (string Name, byte[] Bytes) Other(Random random) => sources[random.Next(sources.Count)];

    /// <summary>A seed for mutation <paramref name="index"/>: SplitMix64 of both, so neighbours share nothing.</summary>
    private static int SeedOf(int seed, int index)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    private static string FlipBytes(byte[] bytes, Random random)
    {
        int count = random.Next(4) == 0 ? random.Next(2, 9) : 1;
        var positions = new List<int>();
        for (int i = 0; i < count; i++)
        {
            int at = random.Next(bytes.Length);
            bytes[at] ^= (byte)random.Next(1, 256);
            positions.Add(at);
        }
        return "bytes " + string.Join(",", positions);
    }

    private static string Truncate(ref byte[] bytes, Random random)
    {
        int length = random.Next(bytes.Length);
        bytes = bytes[..length];
        return $"cut to {length} bytes";
    }

    private static string Insert(ref byte[] bytes, Random random)
    {
        int at = random.Next(bytes.Length + 1);
        var inserted = new byte[random.Next(1, 17)];
        random.NextBytes(inserted);
        bytes = [.. bytes[..at], .. inserted, .. bytes[at..]];
        return $"{inserted.Length} bytes at {at}";
    }

    private static string Delete(ref byte[] bytes, Random random)
    {
        int at = random.Next(bytes.Length);
        int count = Math.Min(random.Next(1, 17), bytes.Length - at);
        bytes = [.. bytes[..at], .. bytes[(at + count)..]];
        return $"{count} bytes at {at}";
    }

    private static string ChangeChunkLength(byte[] bytes, Random random)
    {
        var chunks = MidiStructure.Of(bytes).Chunks;
        if (chunks.Count == 0)
            return FlipBytes(bytes, random);
        var chunk = chunks[random.Next(chunks.Count)];
        uint length = (uint)chunk.Length;
        uint changed = random.Next(5) switch
        {
            0 => (uint)random.NextInt64(uint.MaxValue + 1L),
            1 => length + (uint)random.Next(1, 17),
            2 => length - (uint)Math.Min(random.Next(1, 17), (int)length),
            3 => 0,
            _ => uint.MaxValue,
        };
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(chunk.LengthField), changed);
        return $"chunk at {chunk.LengthField - 4}: length {length} -> {changed}";
    }

    private static string MakeDeltaHuge(ref byte[] bytes, Random random)
    {
        var structure = MidiStructure.Of(bytes);
        if (structure.Events.Count == 0)
            return FlipBytes(bytes, random);
        var e = structure.Events[random.Next(structure.Events.Count)];
        // Mostly what four bytes can hold (the standard's most); sometimes a longer number, which music21 reads too.
        long delta = random.Next(8) == 0 ? random.NextInt64(1L << 28, 1L << 49) : random.NextInt64(1L << 16, 1L << 28);
        byte[] encoded = VariableLength(delta);
        var chunk = structure.Chunks[e.ChunkIndex];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(chunk.LengthField), (uint)(chunk.Length - e.DeltaLength + encoded.Length));
        bytes = [.. bytes[..e.DeltaStart], .. encoded, .. bytes[(e.DeltaStart + e.DeltaLength)..]];
        return $"delta at {e.DeltaStart} -> {delta}";
    }

    private static string LoseNoteOffs(byte[] bytes, Random random)
    {
        var offs = MidiStructure.Of(bytes).Events
            .Where(e => e.DataStart + 1 < bytes.Length
                && ((e.Status & 0xF0) == 0x80 || ((e.Status & 0xF0) == 0x90 && bytes[e.DataStart + 1] == 0)))
            .ToList();
        if (offs.Count == 0)
            return FlipBytes(bytes, random);
        var positions = new List<int>();
        for (int i = random.Next(1, 5); i > 0; i--)
        {
            var off = offs[random.Next(offs.Count)];
            bytes[off.DataStart] = (byte)((bytes[off.DataStart] + random.Next(1, 12)) & 0x7F);
            positions.Add(off.DataStart);
        }
        return "note-off pitches at " + string.Join(",", positions);
    }

    private static string ChangeHeaderField(byte[] bytes, Random random)
    {
        if (bytes.Length < 14)
            return FlipBytes(bytes, random);
        int field = random.Next(3);
        int at = 8 + 2 * field;
        int old = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at));
        int value = (field, random.Next(4)) switch
        {
            (0, _) => random.Next(4),                      // format 0..3
            (1, 0) => random.Next(65536),                  // any track count
            (1, _) => Math.Max(0, old + random.Next(-3, 4)),
            (2, 0) => random.Next(65536),                  // any division, SMPTE included
            (2, 1) => random.Next(1, 25),                  // very few ticks a quarter: everything lasts longer
            (2, 2) => random.Next(4096, 32768),            // very many: everything is squeezed together
            _ => 0,
        };
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), (ushort)value);
        return $"{(field switch { 0 => "format", 1 => "track count", _ => "division" })} {old} -> {value}";
    }

    private static byte[] VariableLength(long value)
    {
        var groups = new List<byte> { (byte)(value & 0x7F) };
        for (value >>= 7; value > 0; value >>= 7)
            groups.Insert(0, (byte)(0x80 | (value & 0x7F)));
        return [.. groups];
    }
}
