namespace Sonata.Model;

/// <summary>Which network each member of a model is.</summary>
public enum NetworkKind
{
    /// <summary>The lab's <see cref="MusicLstm"/>: reads tokens, predicts the next token.</summary>
    Lab,

    /// <summary>
    /// <see cref="RhythmLstm"/>: reads each token with its step and duration, predicts the next
    /// token's step, then the token, then its duration.
    /// </summary>
    Rhythm,

    /// <summary>
    /// <see cref="RhythmTransformer"/>: reads what the rhythm-aware network reads, through causal
    /// self-attention over the whole window instead of an LSTM, and predicts the same.
    /// </summary>
    Transformer,
}
