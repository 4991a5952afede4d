using Sonata.Dataset;
using Sonata.Evaluation;
using Sonata.Music;

namespace Sonata.Generation;

/// <summary>
/// Keeps a sampled piece in its key, as it goes: the key is the major or natural-minor scale that
/// holds the most pitches of the last <see cref="Window"/> tokens (the primer's at first, so the
/// piece may still modulate), and before each draw every pitch of a token outside that scale
/// multiplies the token's probability by a factor in (0, 1].
/// </summary>
internal sealed class KeyPull
{
    public const int Window = 100;

    private readonly int[][] _pitchClasses;
    private readonly float _logFactor;
    private readonly Queue<int> _recent = new();
    private readonly double[] _counts = new double[12];

    public KeyPull(Vocabulary vocabulary, double factor)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(factor, 1);
        _logFactor = (float)Math.Log(factor);
        _pitchClasses = [.. vocabulary.Tokens.Select(PitchClassesOf)];
    }

    /// <summary>Reads the token the piece goes on with.</summary>
    public void Append(int token)
    {
        _recent.Enqueue(token);
        foreach (int pc in _pitchClasses[token]) _counts[pc]++;
        if (_recent.Count <= Window) return;
        foreach (int pc in _pitchClasses[_recent.Dequeue()]) _counts[pc]--;
    }

    /// <summary>In place: (V) log-probabilities lowered by log(factor) for each pitch outside the key.</summary>
    public void Apply(float[] logProbabilities)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        if (ScaleFit.Best(_counts) is not { } key) return;
        var inKey = new bool[12];
        foreach (int pc in ScaleFit.PitchClasses(key.Tonic, key.Mode)) inKey[pc] = true;
        for (int v = 0; v < logProbabilities.Length; v++)
        {
            int outside = 0;
            foreach (int pc in _pitchClasses[v]) if (!inKey[pc]) outside++;
            if (outside > 0) logProbabilities[v] += outside * _logFactor;
        }
    }

    /// <summary>Each pitch's class (a chord's every pitch, as scale consistency counts them); none for a token that names no pitch.</summary>
    private static int[] PitchClassesOf(string token)
    {
        try
        {
            return [.. TokenPitches.Parse(token).Select(pitch => pitch % 12)];
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
