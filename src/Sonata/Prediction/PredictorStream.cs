using Sonata.Model.Stepping;

namespace Sonata.Prediction;

/// <summary>
/// Predictions over one sequence as it grows, token by token (see <see cref="Predictor.OpenStream"/>):
/// the networks, copied out of torch (<see cref="NetworkStepper"/>), read each token once and carry
/// their LSTM state; the memory, when there is one, reads the last tokens given. Every distribution
/// is a fresh array of log-probabilities.
/// </summary>
public sealed class PredictorStream
{
    private readonly Predictor _predictor;
    private readonly NetworkStepper _networks;

    internal PredictorStream(Predictor predictor, int contextLength)
    {
        _predictor = predictor;
        _networks = NetworkStepper.For(predictor.Networks, contextLength);
    }

    /// <summary>Back to the zero state, as opened: a new sequence, the weights kept (not copied again).</summary>
    public void Restart() => _networks.Reset();

    /// <summary>Reads the next token, with its step and duration classes for a rhythm-aware model (else 0).</summary>
    public void Read(long token, long step = 0, long duration = 0) => _networks.Read(token, step, duration);

    /// <summary>(V) the next token after what was read, blended with the memory's after <paramref name="recent"/> (the last tokens).</summary>
    public float[] Tokens(ReadOnlySpan<long> recent)
    {
        var scores = new float[_networks.VocabularySize];
        _networks.Tokens(scores);
        _predictor.Blend(scores, recent);
        return scores;
    }

    /// <summary>(S) the next token's step class (a rhythm-aware model).</summary>
    public float[] Steps()
    {
        var scores = new float[Dataset.TimingClasses.Count];
        _networks.Steps(scores);
        return scores;
    }

    /// <summary>(V) the next token given its step class, blended with the memory's after <paramref name="recent"/>.</summary>
    public float[] TokensGiven(long step, ReadOnlySpan<long> recent)
    {
        var scores = new float[_networks.VocabularySize];
        _networks.TokensGiven(step, scores);
        _predictor.Blend(scores, recent);
        return scores;
    }

    /// <summary>(D) the next token's duration class given its step and token.</summary>
    public float[] DurationsGiven(long step, long token)
    {
        var scores = new float[Dataset.TimingClasses.Count];
        _networks.DurationsGiven(step, token, scores);
        return scores;
    }
}
