using Sonata.Dataset;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Prediction;

/// <summary>
/// What followed each context in training: an interpolated (Witten–Bell) n-gram model counted
/// over the training labels only, each with up to <see cref="Order"/> tokens of the context right
/// before it. Sonatas repeat whole sections, so a quarter of the lab's validation labels follow a
/// 12-token context seen in training, and there the next token is nearly certain; the network,
/// which has learned those passages by heart too, still spreads its bets. Blended with the
/// network's probabilities (<see cref="MemoryBlend"/>), it lifts accuracy on the lab's random-window
/// split at no training cost; on sonatas held out whole, which repeat nothing, it costs a point.
/// It counts exactly the targets the recipes train on, so no validation or test label is in it.
/// </summary>
public sealed class NGramMemory
{
    // Every context seen, by its hash (sorted), with how many labels followed it and where its
    // continuations start; the continuations of each context, by token: a few flat arrays (20 MB
    // for the lab's split), where a dictionary per context took 160 MB.
    private readonly ulong[] _keys;
    private readonly int[] _totals;
    private readonly int[] _starts;       // one more than _keys: context c's continuations are [_starts[c], _starts[c + 1])
    private readonly int[] _tokens;
    private readonly int[] _counts;

    private NGramMemory(int order, int vocabularySize, ulong[] keys, int[] totals, int[] starts, int[] tokens, int[] counts)
    {
        Order = order;
        VocabularySize = vocabularySize;
        (_keys, _totals, _starts, _tokens, _counts) = (keys, totals, starts, tokens, counts);
    }

    /// <summary>The longest context counted, in tokens.</summary>
    public int Order { get; }

    public int VocabularySize { get; }

    /// <summary>Training labels counted: each once, after the empty context.</summary>
    public int LabelCount => Find(EmptyContext) is int empty and >= 0 ? _totals[empty] : 0;

    /// <summary>Contexts (of every length up to <see cref="Order"/>) seen before a training label.</summary>
    public int ContextCount => _keys.Length;

    /// <summary>
    /// Counts every label of <paramref name="tokens"/> after each of its contexts of 0 to
    /// <paramref name="order"/> tokens that lie in one stretch of the corpus.
    /// </summary>
    public static NGramMemory Build(TrainingTokens tokens, int vocabularySize, int order)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        var seen = new List<(ulong Key, int Label)>();
        for (int i = 0; i < tokens.Ids.Length; i++)
        {
            if (!tokens.IsTarget[i]) continue;
            int label = checked((int)tokens.Ids[i]);
            ulong key = EmptyContext;
            for (int k = 0; ; k++)
            {
                seen.Add((key, label));
                // The context grows by the token k + 1 back, if it is the corpus's previous token.
                if (k == order || i - k - 1 < 0 || tokens.Positions[i - k - 1] != tokens.Positions[i] - k - 1) break;
                key = Extend(key, tokens.Ids[i - k - 1]);
            }
        }
        seen.Sort();
        var keys = new List<ulong>();
        var totals = new List<int>();
        var starts = new List<int>();
        var continuations = new List<int>();
        var counts = new List<int>();
        for (int i = 0; i < seen.Count; i++)
        {
            bool newContext = i == 0 || seen[i].Key != seen[i - 1].Key;
            if (newContext)
            {
                keys.Add(seen[i].Key);
                totals.Add(0);
                starts.Add(continuations.Count);
            }
            totals[^1]++;
            if (newContext || seen[i].Label != seen[i - 1].Label)
            {
                continuations.Add(seen[i].Label);
                counts.Add(0);
            }
            counts[^1]++;
        }
        starts.Add(continuations.Count);
        return new NGramMemory(order, vocabularySize, [.. keys], [.. totals], [.. starts], [.. continuations], [.. counts]);
    }

    /// <summary>
    /// The memory of a run: every label of the training windows of <paramref name="split"/>, each
    /// with its contexts (never a validation or test label).
    /// </summary>
    public static NGramMemory OfTrainingSplit(CorpusData corpus, DatasetSplit split, int sequenceLength, int order)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(split);
        return Build(TrainingTokens.From(corpus.Ids, split.Train, sequenceLength), corpus.Vocabulary.Count, order);
    }

    /// <summary>
    /// P(next | <paramref name="context"/>) into <paramref name="probabilities"/> (V): from the
    /// uniform distribution, each longer context seen in training mixes in its own counts, weighted
    /// by how often it was seen against how many different tokens followed it.
    /// </summary>
    public void Predict(ReadOnlySpan<long> context, Span<float> probabilities)
    {
        if (probabilities.Length != VocabularySize)
            throw new ArgumentException($"{probabilities.Length} probabilities for a vocabulary of {VocabularySize}", nameof(probabilities));
        probabilities.Fill(1f / VocabularySize);
        ulong key = EmptyContext;
        for (int k = 0; ; k++)
        {
            int seen = Find(key);
            if (seen < 0) break;
            int first = _starts[seen], end = _starts[seen + 1];
            float escape = end - first;                             // Witten–Bell: weight of the shorter context
            float scale = 1f / (_totals[seen] + escape);
            for (int v = 0; v < probabilities.Length; v++) probabilities[v] *= escape * scale;
            for (int c = first; c < end; c++) probabilities[_tokens[c]] += _counts[c] * scale;
            if (k == Order || k == context.Length) break;
            key = Extend(key, context[^(k + 1)]);
        }
    }

    /// <summary>The length of the longest end of <paramref name="context"/> (at most <see cref="Order"/>) that was seen before a training label.</summary>
    public int LongestSeenContext(ReadOnlySpan<long> context)
    {
        ulong key = EmptyContext;
        for (int k = 0; k < Math.Min(Order, context.Length); k++)
        {
            key = Extend(key, context[^(k + 1)]);
            if (Find(key) < 0) return k;
        }
        return Math.Min(Order, context.Length);
    }

    /// <summary>(B, V) probabilities of the next token after each row of <paramref name="inputs"/> (B, L) ids.</summary>
    public Tensor Predict(Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        long[] ids = inputs.cpu().data<long>().ToArray();
        int rows = (int)inputs.shape[0], length = (int)inputs.shape[1];
        var probabilities = new float[rows * VocabularySize];
        for (int b = 0; b < rows; b++)
            Predict(ids.AsSpan(b * length, length), probabilities.AsSpan(b * VocabularySize, VocabularySize));
        return torch.tensor(probabilities, [rows, VocabularySize]);
    }

    private const ulong EmptyContext = 0x9E3779B97F4A7C15;

    // A 64-bit hash of the context grown by one token further back (splitmix64's mixer): contexts
    // are told apart by hash alone, and among a few hundred thousand a collision is ~1e-8 likely.
    private static ulong Extend(ulong key, long token)
    {
        ulong z = key ^ (unchecked((ulong)token) * 0xBF58476D1CE4E5B9 + 0x94D049BB133111EB);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>The index of a context's hash among those seen, or -1.</summary>
    private int Find(ulong key)
    {
        int at = Array.BinarySearch(_keys, key);
        return at >= 0 ? at : -1;
    }
}
