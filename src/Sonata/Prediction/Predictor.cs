using Sonata.Dataset;
using Sonata.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Prediction;

/// <summary>
/// The next-token distribution of a trained run: its networks and, when the run has one, its
/// n-gram memory blended in. Evaluation, generation and the benchmarks ask only this. It predicts
/// in eval mode (BatchNorm's running statistics) and without gradients; each context is read from
/// a zero LSTM state, as the lab reads its windows.
/// </summary>
public sealed class Predictor : IDisposable
{
    public Predictor(MusicModel networks, MemoryBlend? memory, Device device, ContextCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(device);
        Networks = networks;
        Memory = memory is { Weight: > 0 } ? memory : null;
        Cache = cache is { Weight: > 0 } ? cache : null;
        Device = device;
    }

    /// <summary>What the context itself repeats, blended in last; null: none.</summary>
    public ContextCache? Cache { get; }

    /// <summary>The trained networks: one, or an ensemble averaged.</summary>
    public MusicModel Networks { get; }

    /// <summary>The memory and its share, or null when the networks predict alone.</summary>
    public MemoryBlend? Memory { get; }

    /// <summary>The memory's share of each prediction; 0 without one.</summary>
    public double MemoryWeight => Memory?.Weight ?? 0;

    public Device Device { get; }

    public int VocabularySize => Networks.VocabularySize;

    /// <summary>Whether the networks read each token's timing, and predict it.</summary>
    public bool ReadsTiming => Networks.ReadsTiming;

    /// <summary>
    /// The networks of a run with the memory <paramref name="memory"/> describes, counted over the
    /// labels of the training windows of <paramref name="split"/> (never a validation or test label).
    /// </summary>
    public static Predictor ForSplit(
        MusicModel networks, CorpusData corpus, DatasetSplit split, int sequenceLength, MemoryOptions memory, Device device)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(memory);
        if (memory.Weight is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(memory), memory.Weight, "a memory weight lies in [0, 1]");
        var blend = memory.Weight <= 0 ? null
            : new MemoryBlend(NGramMemory.OfTrainingSplit(corpus, split, sequenceLength, memory.Order), memory.Weight, memory.HalfContext);
        return new Predictor(networks, blend, device, memory.Cache);
    }

    /// <summary>
    /// This predictor with the memory's share <paramref name="weight"/>: the same networks and memory,
    /// shared (dispose only one of the two).
    /// </summary>
    public Predictor WithMemoryWeight(double weight) =>
        Memory is null && weight > 0
            ? throw new InvalidOperationException("this predictor has no n-gram memory to weigh")
            : new Predictor(Networks, Memory is null ? null : Memory with { Weight = weight }, Device, Cache);

    /// <summary>
    /// The next token after each row of <paramref name="contexts"/> (B, L), oldest first: (B, V)
    /// log-probabilities, blended and the networks' own, in the caller's dispose scope.
    /// </summary>
    public Prediction Predict(Contexts contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        using var eval = new EvalMode(Networks);
        using var noGrad = torch.no_grad();
        var inputs = contexts.To(Device);                                                // (B, L)
        var output = Networks.forward(inputs, null);                                     // (B, V)
        return new Prediction(Blend(output.LogProbabilities, inputs.Tokens), output.LogProbabilities) { Rhythm = output.Rhythm };
    }

    /// <summary>
    /// The networks' (B, V) next-token log-probabilities after <paramref name="tokens"/> (B, L),
    /// blended with the memory's when there is one (for a rhythm-aware network, its tokens given a step).
    /// </summary>
    public Tensor Blend(Tensor networkLogProbabilities, Tensor tokens)
    {
        var remembered = Memory is null ? networkLogProbabilities : Memory.Apply(networkLogProbabilities, tokens);
        return Cache is null ? remembered : Cache.Apply(remembered, tokens);
    }

    /// <summary>
    /// In place: the networks' (V) log-probabilities blended with the memory's after
    /// <paramref name="context"/> (its last tokens), when there is one.
    /// </summary>
    public void Blend(Span<float> logProbabilities, ReadOnlySpan<long> context)
    {
        if (Memory is { } blend)
        {
            var memory = new float[logProbabilities.Length];
            blend.Memory.Predict(context, memory);
            double share = blend.ShareAfter(context);
            for (int v = 0; v < memory.Length; v++)
                logProbabilities[v] = (float)Math.Log(((1 - share) * Math.Exp(logProbabilities[v])) + (share * memory[v]));
        }
        Cache?.Blend(logProbabilities, context);
    }

    /// <summary>
    /// A stream of predictions over one growing sequence, read a token at a time with the LSTM
    /// state carried (much faster than <see cref="Predict"/> on the whole window each time, and not
    /// quite the same: the state holds more than the window). The LSTMs' weights are copied as they
    /// are now. An attending network holds no state: it reads the last
    /// <paramref name="contextLength"/> tokens through the network itself, so training it further
    /// changes what an open stream says.
    /// </summary>
    public PredictorStream OpenStream(int contextLength) => new(this, contextLength);

    public void Dispose() => Networks.Dispose();
}
