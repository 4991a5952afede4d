using Sonata.Dataset;
using Sonata.Generation;
using Sonata.Tokenization;

namespace Sonata.Tests;

/// <summary>A primer from a MIDI file's tokens: which stretch, its timing, and what it reads as another.</summary>
public sealed class PrimerTests
{
    // Ten tokens, a quarter note apart; the vocabulary lacks the chord at 5.
    private static readonly TokenEvent[] Events =
        [.. Enumerable.Range(0, 10).Select(i => new TokenEvent(i == 5 ? "C4.E4.G4.C6" : i % 2 == 0 ? "C4" : "G4", i, 1))];

    private static readonly Vocabulary Known = new(["C4", "G4", "C4.E4.G4"]);

    private static Primer Of(PrimerSpan span, int context = 4) => Primer.FromEvents(Events, Known, span, context, "piece.mid");

    [Theory]
    [InlineData("200", 200, false)]
    [InlineData("0", 0, false)]
    [InlineData("64q", 64, true)]
    [InlineData("12.5q", 12.5, true)]
    public void A_position_is_a_token_or_quarter_notes(string text, double value, bool quarters)
    {
        Assert.True(PrimerPosition.TryParse(text, out var position));
        Assert.Equal(new PrimerPosition(value, quarters), position);
    }

    [Theory]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("q")]
    [InlineData("-1q")]
    [InlineData("bar 3")]
    public void Other_positions_are_not_read(string text) => Assert.False(PrimerPosition.TryParse(text, out _));

    [Fact]
    public void By_default_the_primer_is_the_files_last_tokens_as_many_as_the_context()
    {
        var primer = Of(new PrimerSpan());

        Assert.Equal(Events[6..].Select(e => e.Token), primer.Tokens);
        Assert.Equal("the last 4 of the 10 tokens of piece.mid", primer.Description);
        Assert.Equal(0, primer.Mapped);
        Assert.Same(primer.Tokens, primer.ModelTokens);
    }

    [Fact]
    public void A_primer_from_a_token_keeps_its_timing_and_reads_the_unknown_chord_as_the_nearest()
    {
        var primer = Of(new PrimerSpan { From = new PrimerPosition(4, false), Length = 3 });

        Assert.Equal(["C4", "C4.E4.G4.C6", "C4"], primer.Tokens);
        Assert.Equal(["C4", "C4.E4.G4", "C4"], primer.ModelTokens);
        Assert.Equal([new TokenSubstitution("C4.E4.G4.C6", "C4.E4.G4", 1)], primer.Substitutions);
        Assert.Equal(1, primer.Mapped);
        long quarter = TimingClasses.Of(1);
        Assert.Equal([quarter, quarter, quarter], primer.Steps);   // the first step from the token before it, not from 0
        Assert.Contains("tokens 4–6 of the 10 of piece.mid (from token 4", primer.Description);
    }

    [Fact]
    public void A_primer_from_quarter_notes_starts_at_the_first_token_at_or_after_them()
    {
        Assert.Equal(Events[3..7].Select(e => e.Token), Of(new PrimerSpan { From = new PrimerPosition(2.5, true) }).Tokens);
        Assert.Equal(Events[8..].Select(e => e.Token), Of(new PrimerSpan { From = new PrimerPosition(8, true) }).Tokens);   // shorter than asked: the file ends
    }

    [Fact]
    public void A_span_outside_the_file_or_longer_than_the_context_is_one_clear_error()
    {
        Assert.Contains("piece.mid holds 10 tokens (0 to 9)", Assert.Throws<UserErrorException>(() => Of(new PrimerSpan { From = new PrimerPosition(10, false) })).Message);
        Assert.Contains("starts at quarter note 9", Assert.Throws<UserErrorException>(() => Of(new PrimerSpan { From = new PrimerPosition(9.5, true) })).Message);
        Assert.Contains("1 to 4 tokens", Assert.Throws<UserErrorException>(() => Of(new PrimerSpan { Length = 5 })).Message);
        Assert.Contains("empty.mid holds no notes or chords",
            Assert.Throws<UserErrorException>(() => Primer.FromEvents([], Known, new PrimerSpan(), 4, "empty.mid")).Message);
    }
}
