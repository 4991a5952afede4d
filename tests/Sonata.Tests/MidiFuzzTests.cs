using Sonata.Fuzz;
using Sonata.Midi;
using Sonata.Tokenization;

namespace Sonata.Tests;

/// <summary>
/// Damaged copies of the corpus files, made as the fuzz benchmark makes them (<see cref="MidiMutator"/>):
/// each reads, or is refused with a <see cref="MidiFormatException"/> naming it, with work in
/// proportion to what it holds (counted, <see cref="TokenBudget.Work"/>, not timed: a slow or busy
/// machine reads the same).
/// </summary>
public sealed class MidiFuzzTests : IDisposable
{
    private const int Seed = 2024;
    private const int Files = 300;

    /// <summary>
    /// Steps of work a file may take for each event it holds and token it gives: the corpus files
    /// take at most 7; of the fuzz benchmark's 10,000 damaged ones (seed 1), at most 31.
    /// </summary>
    private const int MaxWorkPerEventAndToken = 64;

    private static readonly Lazy<List<(string Name, byte[] Bytes)>> Sources =
        new(() => ArchiveSources.Read([SharedData.MozartArchive, SharedData.MidiSongsArchive]));

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"sonata-fuzz-test-{Guid.NewGuid():N}");

    public MidiFuzzTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Each_damaged_file_reads_or_is_refused_naming_it_with_bounded_work()
    {
        var mutator = new MidiMutator(Sources.Value, Seed);
        var problems = new List<string>();
        int read = 0, refused = 0;
        for (int i = 0; i < Files; i++)
        {
            var mutation = mutator.Make(i);
            string path = Path.Combine(folder, mutation.FileName);
            File.WriteAllBytes(path, mutation.Bytes);
            var budget = new TokenBudget(path);
            long events = 0, tokens = 0;
            try
            {
                var midi = MidiFileParser.Read(path);
                events = midi.Tracks.Sum(t => (long)t.Count);
                tokens = Music21Tokenizer.Tokenize(midi, path, budget).Count;
                read++;
            }
            catch (MidiFormatException e) when (!e.IsUnforeseen)
            {
                refused++;
                if (!e.Message.StartsWith(path + ": ", StringComparison.Ordinal) || e.Message.Contains('\n'))
                    problems.Add($"{mutation.FileName} ({mutation.Detail}): refused with \"{e.Message}\"");
            }
            catch (Exception e)
            {
                var cause = e.InnerException ?? e;
                problems.Add($"{mutation.FileName} ({mutation.Detail}): {cause.GetType().Name}: {cause.Message}");
            }
            if (budget.Work > MaxWorkPerEventAndToken * (events + tokens))
                problems.Add($"{mutation.FileName} ({mutation.Detail}): {budget.Work:N0} steps of work for {events:N0} events and {tokens:N0} tokens");
            File.Delete(path);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(read > Files / 5 && refused > Files / 5, $"{read} read, {refused} refused: the mutations miss one side");
    }

    [Fact]
    public void Every_kind_of_damage_is_made()
    {
        var mutator = new MidiMutator(Sources.Value, Seed);
        var kinds = Enumerable.Range(0, Files).Select(i => mutator.Make(i).Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<MutationKind>().ToHashSet(), kinds);
    }

    [Fact]
    public void A_mutation_is_the_same_for_the_same_seed_and_index_whatever_came_before()
    {
        var first = new MidiMutator(Sources.Value, Seed).Make(123);
        var again = new MidiMutator(Sources.Value, Seed);
        again.Make(7);
        var second = again.Make(123);
        var otherSeed = new MidiMutator(Sources.Value, Seed + 1).Make(123);

        Assert.Equal(first.FileName, second.FileName);
        Assert.Equal(first.Bytes, second.Bytes);
        Assert.NotEqual(first.Bytes, otherSeed.Bytes);
    }

    [Fact]
    public void Swapped_chunks_keep_every_chunk_whole_and_a_repeated_chunk_adds_one_more()
    {
        var mutator = new MidiMutator(Sources.Value, Seed);
        var made = Enumerable.Range(0, Files).Select(mutator.Make).ToList();
        var swapped = made.Where(m => m.Kind == MutationKind.SwappedChunks).ToList();
        var repeated = made.Where(m => m.Kind == MutationKind.RepeatedChunk && !m.Detail.Contains("into")).ToList();

        Assert.NotEmpty(swapped);
        foreach (var m in swapped)
            Assert.Equal(Chunks(SourceOf(m)).Order(), Chunks(m.Bytes).Order());
        Assert.NotEmpty(repeated);
        foreach (var m in repeated)
        {
            var sizes = Chunks(SourceOf(m)).Select(c => c.Length / 2).ToList();
            Assert.Equal(sizes.Count + 1, Chunks(m.Bytes).Count);
            Assert.Contains(m.Bytes.Length - SourceOf(m).Length, sizes);
        }
    }

    [Fact]
    public void A_huge_delta_mutation_keeps_the_file_well_formed_and_is_refused_for_its_time()
    {
        var mutator = new MidiMutator(Sources.Value, Seed);
        var mutation = Enumerable.Range(0, Files).Select(mutator.Make)
            .First(m => m.Kind == MutationKind.HugeDelta && long.Parse(m.Detail.Split("-> ")[1]) > (1L << 40));

        var error = Assert.Throws<MidiFormatException>(() =>
            Music21Tokenizer.Tokenize(MidiFileParser.Parse(mutation.Bytes, mutation.FileName), mutation.FileName));

        Assert.Contains("lies at quarter note", error.Message);
    }

    private static byte[] SourceOf(MidiMutation m) => Sources.Value.First(s => s.Name == m.Source).Bytes;

    /// <summary>Each chunk of a file, header and data, as hex.</summary>
    private static List<string> Chunks(byte[] bytes) =>
        [.. MidiStructure.Of(bytes).Chunks.Select(c => Convert.ToHexString(bytes, c.LengthField - 4, c.Length + 8))];
}
