using System.Buffers.Binary;
using Sonata.Fuzz;
using Sonata.Midi;
using Sonata.Tokenization;

namespace Sonata.Tests;

/// <summary>The corpus tokenizer over good and damaged files: order, keys, what skipBad keeps and what it throws.</summary>
public sealed class CorpusTokenizerTests : IDisposable
{
    private readonly CorpusScratch scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Skip_bad_leaves_out_a_file_past_the_limits_with_its_message_and_reads_the_rest()
    {
        string good = scratch.Write("a_good.mid", File.ReadAllBytes(ExtractedCorpus.MozartFiles[0]));
        string bad = scratch.Write("b_huge_delta.mid", WithHugeDelta(ExtractedCorpus.MozartFiles[1]));
        string last = scratch.Write("c_good.mid", File.ReadAllBytes(ExtractedCorpus.MozartFiles[2]));

        var corpus = CorpusTokenizer.Tokenize([good, bad, last], skipBad: true);

        Assert.Equal(["a_good.mid", "c_good.mid"], corpus.Files.Select(f => f.Key));
        var skipped = Assert.Single(corpus.Skipped);
        Assert.Equal("b_huge_delta.mid", skipped.Key);
        Assert.StartsWith(bad + ": an event of track 1 lies at quarter note", skipped.Reason);
    }

    [Fact]
    public void Without_skip_bad_the_first_bad_file_in_order_is_the_error()
    {
        string good = scratch.Write("a_good.mid", File.ReadAllBytes(ExtractedCorpus.MozartFiles[0]));
        string first = scratch.Write("b_huge_delta.mid", WithHugeDelta(ExtractedCorpus.MozartFiles[1]));
        string second = scratch.Write("c_truncated.mid", File.ReadAllBytes(ExtractedCorpus.MozartFiles[2])[..100]);
        var many = Enumerable.Range(0, 8).Select(i => scratch.Write($"d_{i}.mid", File.ReadAllBytes(ExtractedCorpus.MozartFiles[3])));

        var error = Assert.Throws<MidiFormatException>(() => CorpusTokenizer.Tokenize([good, first, second, .. many]));

        Assert.StartsWith(first + ": ", error.Message);
    }

    [Fact]
    public void Chunk_damage_in_a_folder_leaves_out_only_the_unreadable_files_each_named()
    {
        var folder = DamagedFolder();

        var corpus = CorpusTokenizer.Tokenize(folder.Paths, skipBad: true);

        Assert.Equal(folder.Readable, corpus.Files.Select(f => f.Key));
        Assert.Equal(folder.Unreadable, corpus.Skipped.Select(s => s.Key));
        foreach (var (skipped, path) in corpus.Skipped.Zip(folder.Unreadable.Select(name => scratch.PathOf(name))))
        {
            Assert.StartsWith(path + ": ", skipped.Reason);
            Assert.DoesNotContain('\n', skipped.Reason);
            Assert.DoesNotContain("unexpected", skipped.Reason);
        }
        Assert.Equal(["C#9"], corpus.Files.Single(f => f.Key == "f_pitch_byte_145.mid").Tokens.Select(t => t.Token));
    }

    [Fact]
    public void Without_skip_bad_the_first_file_with_chunk_damage_in_order_is_the_error()
    {
        var folder = DamagedFolder();

        var error = Assert.Throws<MidiFormatException>(() => CorpusTokenizer.Tokenize(folder.Paths));

        Assert.StartsWith(scratch.PathOf(folder.Unreadable[0]) + ": ", error.Message);
    }

    /// <summary>
    /// Corpus files damaged chunk by chunk, in name order: some still read (as music21 reads them:
    /// the header's tracks, nothing after), the others cannot.
    /// </summary>
    private (List<string> Paths, string[] Readable, string[] Unreadable) DamagedFolder()
    {
        byte[] sonata = File.ReadAllBytes(ExtractedCorpus.MozartFiles[0]);
        byte[] other = File.ReadAllBytes(ExtractedCorpus.MozartFiles[3]);
        var chunks = MidiStructure.Of(sonata).Chunks.Select(c => sonata[(c.LengthField - 4)..(c.DataStart + c.Length)]).ToList();
        var (header, first, second) = (chunks[0], chunks[1], chunks[2]);
        var rest = chunks.Skip(3).SelectMany(c => c).ToArray();
        var otherTrack = MidiStructure.Of(other).Chunks[2];
        byte[] cutThenOther = [.. first[..(first.Length / 2)], .. other[(otherTrack.LengthField - 4)..(otherTrack.DataStart + otherTrack.Length)]];
        var files = new (string Name, byte[] Bytes, bool Readable)[]
        {
            ("a_good.mid", sonata, true),
            ("b_track_repeated.mid", [.. header, .. first, .. first, .. second, .. rest], true),
            ("c_header_repeated.mid", [.. header, .. header, .. first, .. second, .. rest], false),
            ("d_tracks_swapped.mid", [.. header, .. second, .. first, .. rest], true),
            ("e_cut_then_another_files_track.mid", [.. header, .. cutThenOther, .. second, .. rest], false),
            ("f_pitch_byte_145.mid", PitchByte145, true),
            ("g_header_swapped.mid", [.. first, .. header, .. second, .. rest], false),
            ("h_data_after_the_end.mid", [.. sonata, .. second, .. "MTrk"u8, 0xFF, 0xFF], true),
            ("i_good.mid", other, true),
        };
        var paths = files.Select(f => scratch.Write(f.Name, f.Bytes)).ToList();
        return (paths, [.. files.Where(f => f.Readable).Select(f => f.Name)], [.. files.Where(f => !f.Readable).Select(f => f.Name)]);
    }

    /// <summary>
    /// One note whose pitch byte is 145 (0x91), on and off, as damage can leave it: music21 reads
    /// it as C#9; it once ended the whole corpus with "midi (145) must be less than or equal to 127".
    /// </summary>
    private static readonly byte[] PitchByte145 =
    [
        .. "MThd"u8, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96,
        .. "MTrk"u8, 0, 0, 0, 12, 0, 0x90, 0x91, 64, 0x60, 0x80, 0x91, 0, 0, 0xFF, 0x2F, 0,
    ];

    /// <summary>The file with the delta time of its track 1's last event made 100,000 quarter notes.</summary>
    private static byte[] WithHugeDelta(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var structure = MidiStructure.Of(bytes);
        var e = structure.Events.Last(e => e.ChunkIndex == 2); // chunk 0 is the header, 1 track 0
        int ticksPerQuarter = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(12));
        long delta = 100_000L * ticksPerQuarter;
        byte[] encoded = [(byte)(0x80 | (delta >> 21) & 0x7F), (byte)(0x80 | (delta >> 14) & 0x7F), (byte)(0x80 | (delta >> 7) & 0x7F), (byte)(delta & 0x7F)];
        var chunk = structure.Chunks[e.ChunkIndex];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(chunk.LengthField), (uint)(chunk.Length - e.DeltaLength + encoded.Length));
        return [.. bytes[..e.DeltaStart], .. encoded, .. bytes[(e.DeltaStart + e.DeltaLength)..]];
    }
}
