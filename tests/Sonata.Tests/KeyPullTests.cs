using Sonata.Dataset;
using Sonata.Generation;

namespace Sonata.Tests;

/// <summary>The pull toward the key of the last 100 tokens.</summary>
public sealed class KeyPullTests
{
    // C major's notes, an F#, a chord with one pitch outside C major, one with two.
    private static readonly Vocabulary Tokens = Vocabulary.Build([("piece.mid", ["C4", "E4", "G4", "D5", "F#4", "C4.E-4", "C#4.F#4"])]);

    private static int Id(string token) => Tokens.IdOf(token);

    [Fact]
    public void Each_pitch_outside_the_key_of_the_piece_so_far_multiplies_a_tokens_probability_by_the_factor()
    {
        var pull = new KeyPull(Tokens, 0.5);
        foreach (string token in new[] { "C4", "E4", "G4", "D5", "C4", "G4" }) pull.Append(Id(token));
        var scores = new float[Tokens.Count];

        pull.Apply(scores);

        Assert.Equal(0f, scores[Id("C4")]);
        Assert.Equal(0f, scores[Id("D5")]);
        Assert.Equal(MathF.Log(0.5f), scores[Id("F#4")], 5);
        Assert.Equal(MathF.Log(0.5f), scores[Id("C4.E-4")], 5);
        Assert.Equal(2 * MathF.Log(0.5f), scores[Id("C#4.F#4")], 5);
    }

    [Fact]
    public void The_key_follows_the_last_100_tokens_so_a_piece_may_modulate()
    {
        var pull = new KeyPull(Tokens, 0.5);
        for (int i = 0; i < 50; i++) pull.Append(Id("C4.E-4"));   // C minor's pitches: E-4 is outside C major
        for (int i = 0; i < KeyPull.Window; i++) pull.Append(Id("C4"));
        var scores = new float[Tokens.Count];

        pull.Apply(scores);

        // Only C is heard in the last 100 tokens: C major is the key, and E- lies outside it again.
        Assert.Equal(0f, scores[Id("E4")]);
        Assert.Equal(MathF.Log(0.5f), scores[Id("C4.E-4")], 5);
    }

    [Fact]
    public void Nothing_heard_yet_pulls_nowhere()
    {
        var scores = new float[Tokens.Count];
        new KeyPull(Tokens, 0.5).Apply(scores);
        Assert.All(scores, score => Assert.Equal(0f, score));
    }
}
