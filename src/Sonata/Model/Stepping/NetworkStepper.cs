using System.Numerics.Tensors;
using Sonata.Dataset;
using Tensor = TorchSharp.torch.Tensor;

namespace Sonata.Model.Stepping;

/// <summary>
/// A trained model's weights copied out of torch and read one token at a time in plain C#, with
/// its LSTM state kept between tokens: generation's fast way to continue a piece (a token costs no
/// tensor, no dispose scope and no native call; the same sums as the model's eval mode, to
/// float rounding). Log-probabilities are written into the caller's spans.
/// </summary>
public abstract class NetworkStepper
{
    public abstract int VocabularySize { get; }

    /// <summary>Reads the next token (with its step and duration classes for a rhythm-aware model).</summary>
    public abstract void Read(long token, long step, long duration);

    /// <summary>Back to the zero state, as made: a new sequence with the same weights.</summary>
    public abstract void Reset();

    /// <summary>(V) log-probabilities of the next token (a rhythm-aware model's with the step summed out).</summary>
    public abstract void Tokens(Span<float> logProbabilities);

    /// <summary>(S) log-probabilities of the next token's step class (rhythm-aware models).</summary>
    public abstract void Steps(Span<float> logProbabilities);

    /// <summary>(V) log-probabilities of the next token given its step class (rhythm-aware models).</summary>
    public abstract void TokensGiven(long step, Span<float> logProbabilities);

    /// <summary>(D) log-probabilities of the next token's duration class given its step and token (rhythm-aware models).</summary>
    public abstract void DurationsGiven(long step, long token, Span<float> logProbabilities);

    /// <summary>
    /// A stepper of <paramref name="model"/>'s weights as they are now (its state starts at zero);
    /// an attending network reads the last <paramref name="contextLength"/> tokens (it holds no state).
    /// </summary>
    public static NetworkStepper For(MusicModel model, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(model);
        var members = model.Members.Select(m => One(m, contextLength)).ToList();
        return members.Count == 1 ? members[0] : new EnsembleStepper(members);
    }

    private static NetworkStepper One(MusicModel network, int contextLength)
    {
        if (network is RhythmTransformer attending) return new TransformerStepper(attending, contextLength);
        var weights = network.state_dict();
        return network.ReadsTiming
            ? new RhythmStepper(weights, network.Options.Layers)
            : new LabStepper(weights, network.Options.Layers);
    }

    /// <summary>In place: log-softmax of <paramref name="x"/>.</summary>
    internal static void LogSoftmax(Span<float> x)
    {
        float max = TensorPrimitives.Max(x);
        double sum = 0;
        foreach (float v in x) sum += Math.Exp(v - max);
        TensorPrimitives.Subtract(x, (float)(max + Math.Log(sum)), x);
    }

    /// <summary>The members' probabilities averaged, as log-probabilities.</summary>
    private sealed class EnsembleStepper(IReadOnlyList<NetworkStepper> members) : NetworkStepper
    {
        private float[] _scratch = [];

        public override int VocabularySize => members[0].VocabularySize;

        public override void Read(long token, long step, long duration)
        {
            foreach (var member in members) member.Read(token, step, duration);
        }

        public override void Reset()
        {
            foreach (var member in members) member.Reset();
        }

        public override void Tokens(Span<float> into) => Mean(into, (m, s) => m.Tokens(s));

        public override void Steps(Span<float> into) => Mean(into, (m, s) => m.Steps(s));

        public override void TokensGiven(long step, Span<float> into) => Mean(into, (m, s) => m.TokensGiven(step, s));

        public override void DurationsGiven(long step, long token, Span<float> into) => Mean(into, (m, s) => m.DurationsGiven(step, token, s));

        private delegate void Ask(NetworkStepper member, Span<float> into);

        private void Mean(Span<float> into, Ask ask)
        {
            if (_scratch.Length != into.Length) _scratch = new float[into.Length];
            var sum = new double[into.Length];
            foreach (var member in members)
            {
                ask(member, _scratch);
                for (int i = 0; i < sum.Length; i++) sum[i] += Math.Exp(_scratch[i]);
            }
            for (int i = 0; i < sum.Length; i++) into[i] = (float)Math.Log(sum[i] / members.Count);
        }
    }
}

/// <summary>The lab's <see cref="MusicLstm"/> stepped: embedding → LSTM → its head.</summary>
internal sealed class LabStepper : NetworkStepper
{
    private readonly Table _embedding;
    private readonly StackedLstm _lstm;
    private readonly TokenHead _head;

    public LabStepper(IReadOnlyDictionary<string, Tensor> weights, int layers)
    {
        _embedding = Table.Of(weights, "embedding");
        _lstm = new StackedLstm(weights, "lstm", layers);
        _head = new TokenHead(weights);
    }

    public override int VocabularySize => _head.Outputs;

    public override void Read(long token, long step, long duration) => _lstm.Step(_embedding.Row(token));

    public override void Reset() => _lstm.Reset();

    public override void Tokens(Span<float> into) => _head.Apply(_lstm.Output, into);

    public override void Steps(Span<float> into) => throw NoTiming();

    public override void TokensGiven(long step, Span<float> into) => throw NoTiming();

    public override void DurationsGiven(long step, long token, Span<float> into) => throw NoTiming();

    private static InvalidOperationException NoTiming() => new("the lab's network predicts no timing");
}

/// <summary>The rhythm-aware <see cref="RhythmLstm"/> stepped: its three embeddings → LSTM → its step, token and duration heads.</summary>
internal sealed class RhythmStepper : NetworkStepper
{
    private readonly Table _embedding, _stepEmbedding, _durationEmbedding, _nextStep, _nextToken;
    private readonly StackedLstm _lstm;
    private readonly Dense _stepHead, _durationDense, _durationOutput;
    private readonly TokenHead _tokenHead;
    private readonly float[] _input, _withStep, _withToken, _durationHidden;

    public RhythmStepper(IReadOnlyDictionary<string, Tensor> weights, int layers)
    {
        _embedding = Table.Of(weights, "embedding");
        _stepEmbedding = Table.Of(weights, "step_embedding");
        _durationEmbedding = Table.Of(weights, "duration_embedding");
        _nextStep = Table.Of(weights, "next_step_embedding");
        _nextToken = Table.Of(weights, "next_token_embedding");
        _lstm = new StackedLstm(weights, "lstm", layers);
        _stepHead = Dense.Of(weights, "step_head");
        _tokenHead = new TokenHead(weights);
        _durationDense = Dense.Of(weights, "duration_dense");
        _durationOutput = Dense.Of(weights, "duration_output");
        _input = new float[_embedding.Width + _stepEmbedding.Width + _durationEmbedding.Width];
        _withStep = new float[_tokenHead.Inputs];
        _withToken = new float[_durationDense.Inputs];
        _durationHidden = new float[_durationDense.Outputs];
    }

    public override int VocabularySize => _tokenHead.Outputs;

    public override void Read(long token, long step, long duration)
    {
        _embedding.Row(token).CopyTo(_input);
        _stepEmbedding.Row(step).CopyTo(_input.AsSpan(_embedding.Width));
        _durationEmbedding.Row(duration).CopyTo(_input.AsSpan(_embedding.Width + _stepEmbedding.Width));
        _lstm.Step(_input);
    }

    public override void Reset() => _lstm.Reset();

    public override void Steps(Span<float> into)
    {
        _stepHead.Apply(_lstm.Output, into);
        LogSoftmax(into);
    }

    public override void TokensGiven(long step, Span<float> into)
    {
        var h = _lstm.Output;
        h.CopyTo(_withStep);
        _nextStep.Row(step).CopyTo(_withStep.AsSpan(h.Length));
        _tokenHead.Apply(_withStep, into);
    }

    public override void DurationsGiven(long step, long token, Span<float> into)
    {
        var h = _lstm.Output;
        h.CopyTo(_withToken);
        _nextStep.Row(step).CopyTo(_withToken.AsSpan(h.Length));
        _nextToken.Row(token).CopyTo(_withToken.AsSpan(h.Length + _nextStep.Width));
        _durationDense.Apply(_withToken, _durationHidden);
        TensorPrimitives.Max(_durationHidden, 0f, _durationHidden);
        _durationOutput.Apply(_durationHidden, into);
        LogSoftmax(into);
    }

    /// <summary>Σ_s P(s) · P(token | s), over every step class.</summary>
    public override void Tokens(Span<float> into)
    {
        int classes = TimingClasses.Count;
        var steps = new float[classes];
        Steps(steps);
        var given = new float[into.Length];
        var sum = new double[into.Length];
        for (int s = 0; s < classes; s++)
        {
            TokensGiven(s, given);
            double p = Math.Exp(steps[s]);
            for (int v = 0; v < sum.Length; v++) sum[v] += p * Math.Exp(given[v]);
        }
        for (int v = 0; v < sum.Length; v++) into[v] = (float)Math.Log(sum[v]);
    }
}
