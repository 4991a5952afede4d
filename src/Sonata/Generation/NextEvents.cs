using Sonata.Dataset;
using Sonata.Prediction;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Generation;

/// <summary>
/// What the generator asks of the predictor at each token of a piece, whichever way the context
/// is read: the next step (a rhythm-aware model), the next token (given its step), its duration;
/// then the event chosen is appended to the piece. Every distribution is (K) log-probabilities.
/// </summary>
internal abstract class NextEvents(Predictor predictor, TimedSequence sequence, int contextLength) : IDisposable
{
    protected Predictor Predictor { get; } = predictor;

    protected TimedSequence Sequence { get; } = sequence;

    protected int ContextLength { get; } = contextLength;

    public abstract float[] Steps();

    /// <summary>The next token, given its step class when the model predicts one.</summary>
    public abstract float[] Tokens(long? step);

    public abstract float[] Durations(long step, long token);

    /// <summary>Appends the event chosen to the piece.</summary>
    public virtual void Append(long token, long step, long duration) => Sequence.Add(token, step, duration);

    public virtual void Dispose() { }

    /// <summary>The last <see cref="ContextLength"/> tokens' ids, for the memory.</summary>
    protected long[] Recent() => [.. Sequence.Tokens.Skip(Math.Max(0, Sequence.Count - ContextLength))];

    /// <summary>
    /// The events after <paramref name="sequence"/>, read as <paramref name="mode"/> says; a stream
    /// mode reads it with <paramref name="stream"/> from its zero state (a new one when null).
    /// </summary>
    public static NextEvents Open(ContextMode mode, Predictor predictor, TimedSequence sequence, int contextLength, PredictorStream? stream = null) =>
        mode == ContextMode.Stream ? new Streamed(predictor, sequence, contextLength, stream) : new Windowed(predictor, sequence, contextLength);

    /// <summary>The lab's way: each token, the last window read again from a zero state (with torch).</summary>
    private sealed class Windowed(Predictor predictor, TimedSequence sequence, int contextLength) : NextEvents(predictor, sequence, contextLength)
    {
        private DisposeScope? _scope;
        private Prediction.Prediction? _prediction;

        /// <summary>The prediction after the piece so far, made once a token (its tensors live until the token is appended).</summary>
        private Prediction.Prediction Current()
        {
            if (_prediction is not null) return _prediction;
            _scope = torch.NewDisposeScope();
            int context = Math.Min(ContextLength, Sequence.Count);
            return _prediction = Predictor.Predict(Sequence.Contexts(Sequence.Count - context, context, Predictor.ReadsTiming));
        }

        public override float[] Steps() => Row(Current().Rhythm!.Steps());

        public override float[] Tokens(long? step)
        {
            var prediction = Current();
            if (step is not { } s) return Row(prediction.LogProbabilities);
            using var given = torch.tensor(new[] { s }, device: Predictor.Device);
            float[] scores = Row(prediction.Rhythm!.TokensGiven(given));
            Predictor.Blend(scores, Recent());
            return scores;
        }

        public override float[] Durations(long step, long token)
        {
            using var s = torch.tensor(new[] { step }, device: Predictor.Device);
            using var t = torch.tensor(new[] { token }, device: Predictor.Device);
            return Row(Current().Rhythm!.DurationsGiven(s, t));
        }

        public override void Append(long token, long step, long duration)
        {
            base.Append(token, step, duration);
            Release();
        }

        public override void Dispose() => Release();

        private void Release()
        {
            _scope?.Dispose();
            _scope = null;
            _prediction = null;
        }

        private static float[] Row(Tensor logProbabilities) => logProbabilities.select(0, 0).to(torch.CPU).data<float>().ToArray();
    }

    /// <summary>The primer read once, then each new token, the state carried (in plain C#: <see cref="PredictorStream"/>).</summary>
    private sealed class Streamed : NextEvents
    {
        private readonly PredictorStream _stream;

        public Streamed(Predictor predictor, TimedSequence sequence, int contextLength, PredictorStream? stream) : base(predictor, sequence, contextLength)
        {
            _stream = stream ?? predictor.OpenStream(contextLength);
            _stream.Restart();
            for (int i = 0; i < sequence.Count; i++) Read(i);
        }

        public override float[] Steps() => _stream.Steps();

        public override float[] Tokens(long? step) => step is { } s ? _stream.TokensGiven(s, Recent()) : _stream.Tokens(Recent());

        public override float[] Durations(long step, long token) => _stream.DurationsGiven(step, token);

        public override void Append(long token, long step, long duration)
        {
            base.Append(token, step, duration);
            Read(Sequence.Count - 1);
        }

        private void Read(int i) => _stream.Read(Sequence.Tokens[i], Sequence.Steps?[i] ?? 0, Sequence.Durations?[i] ?? 0);
    }
}
