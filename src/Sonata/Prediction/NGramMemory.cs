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
    private readonly Dictionary<ulong, Continuations> _contexts;

    private NGramMemory(int order, int vocabularySize, Dictionary<ulong, Continuations> contexts)
    {
        Order = order;
        VocabularySize = vocabularySize;
        _contexts = contexts;
    }

    /// <summary>The longest context counted, in tokens.</summary>
    public int Order { get; }

    public int VocabularySize { get; }

    /// <summary>Training labels counted: each once, after the empty context.</summary>
    public int LabelCount => _contexts.TryGetValue(EmptyContext, out var all) ? all.Total : 0;

    /// <summary>Contexts (of every length up to <see cref="Order"/>) seen before a training label.</summary>
    public int ContextCount => _contexts.Count;

    /// <summary>
    /// Counts every label of <paramref name="tokens"/> after each of its contexts of 0 to
    /// <paramref name="order"/> tokens that lie in one stretch of the corpus.
    /// </summary>
    public static NGramMemory Build(TrainingTokens tokens, int vocabularySize, int order)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        var contexts = new Dictionary<ulong, Continuations>();
        for (int i = 0; i < tokens.Ids.Length; i++)
        {
            if (!tokens.IsTarget[i]) continue;
            int label = checked((int)tokens.Ids[i]);
            ulong key = EmptyContext;
            for (int k = 0; ; k++)
            {
                if (!contexts.TryGetValue(key, out var seen)) contexts[key] = seen = new Continuations();
                seen.Add(label);
                // The context grows by the token k + 1 back, if it is the corpus's previous token.
                if (k == order || i - k - 1 < 0 || tokens.Positions[i - k - 1] != tokens.Positions[i] - k - 1) break;
                key = Extend(key, tokens.Ids[i - k - 1]);
            }
        }
        return new NGramMemory(order, vocabularySize, contexts);
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
            if (!_contexts.TryGetValue(key, out var seen)) break;
            float escape = seen.Distinct;                           // Witten–Bell: weight of the shorter context
            float scale = 1f / (seen.Total + escape);
            for (int v = 0; v < probabilities.Length; v++) probabilities[v] *= escape * scale;
            foreach (var (token, count) in seen.Counts) probabilities[token] += count * scale;
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
            if (!_contexts.ContainsKey(key)) return k;
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

    /// <summary>The tokens that followed one context, and how often.</summary>
    private sealed class Continuations
    {
        private readonly Dictionary<int, int> _counts = [];

        public int Total { get; private set; }

        public int Distinct => _counts.Count;

        public IEnumerable<KeyValuePair<int, int>> Counts => _counts;

        public void Add(int token)
        {
            _counts[token] = _counts.GetValueOrDefault(token) + 1;
            Total++;
        }
    }
}
