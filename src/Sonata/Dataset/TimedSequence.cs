using TorchSharp;

namespace Sonata.Dataset;

/// <summary>
/// A growing sequence of token ids, each with its step and duration classes when they are known:
/// the piece a generator writes, token by token.
/// </summary>
public sealed class TimedSequence
{
    private readonly List<long> _tokens;
    private readonly List<long>? _steps;
    private readonly List<long>? _durations;

    /// <param name="tokens">The first ids.</param>
    /// <param name="steps">Their step classes, or null when the sequence has no timing.</param>
    /// <param name="durations">Their duration classes, or null.</param>
    public TimedSequence(IEnumerable<long> tokens, IEnumerable<long>? steps = null, IEnumerable<long>? durations = null)
    {
        _tokens = [.. tokens];
        if ((steps is null) != (durations is null)) throw new ArgumentException("a timed sequence has both steps and durations, or neither");
        _steps = steps?.ToList();
        _durations = durations?.ToList();
        if (_steps is not null && (_steps.Count != _tokens.Count || _durations!.Count != _tokens.Count))
            throw new ArgumentException("each token has one step and one duration");
    }

    public int Count => _tokens.Count;

    public IReadOnlyList<long> Tokens => _tokens;

    public IReadOnlyList<long>? Steps => _steps;

    public IReadOnlyList<long>? Durations => _durations;

    /// <summary>Adds a token (with its step and duration classes, when the sequence is timed).</summary>
    public void Add(long token, long step = 0, long duration = 0)
    {
        _tokens.Add(token);
        _steps?.Add(step);
        _durations?.Add(duration);
    }

    /// <summary>The <paramref name="length"/> tokens from <paramref name="start"/> as (1, n) contexts, with their timing when asked (and known).</summary>
    public Contexts Contexts(int start, int length, bool timing)
    {
        var tokens = torch.tensor(_tokens.GetRange(start, length).ToArray()).reshape(1, length);
        if (!timing) return tokens;
        if (_steps is null || _durations is null) throw new InvalidOperationException("this sequence has no timing for a rhythm-aware model to read");
        return new Contexts(tokens,
            torch.tensor(_steps.GetRange(start, length).ToArray()).reshape(1, length),
            torch.tensor(_durations.GetRange(start, length).ToArray()).reshape(1, length));
    }
}
