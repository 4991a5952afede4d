namespace Sonata.Generation;

/// <summary>What the model reads before it predicts each new token.</summary>
public enum ContextMode
{
    /// <summary>
    /// The lab's way: each step re-runs the model on the last <c>SequenceLength</c> tokens from a
    /// zero LSTM state, exactly as it was trained (one pass over 100 tokens per new token).
    /// </summary>
    Window,

    /// <summary>
    /// Reads the seed once, then carries the LSTM state from token to token (one step per new
    /// token); the context is everything so far, not just the last 100 tokens.
    /// </summary>
    Stream,
}
