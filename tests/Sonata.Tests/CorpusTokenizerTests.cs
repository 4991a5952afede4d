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
