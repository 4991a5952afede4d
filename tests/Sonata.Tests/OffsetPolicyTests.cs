using Sonata.Pieces;
using Sonata.Tokenization;

namespace Sonata.Tests;

public class OffsetPolicyTests
{
    private static readonly Dictionary<double, double> Steps = new() { [0.0] = 0.33, [0.25] = 0.36, [0.5] = 0.20, [1.0] = 0.03 };

    [Fact]
    public void Corpus_steps_never_draw_zero_and_follow_the_weights()
    {
        var policy = OffsetPolicy.Corpus(Steps);
        var random = new Random(7);
        double[] drawn = [.. Enumerable.Range(0, 20_000).Select(_ => policy.NextStep(random))];

        Assert.DoesNotContain(0.0, drawn);
        Assert.Equal([0.25, 0.5, 1.0], drawn.Distinct().Order());
        // 0.25 has 0.36 / 0.59 of the weight left once 0.0 is gone.
        Assert.InRange(drawn.Count(s => s == 0.25) / 20_000.0, 0.59, 0.63);
    }

    [Fact]
    public void Corpus_steps_are_seeded_and_do_not_depend_on_the_dictionary_order()
    {
        var reversed = Steps.Reverse().ToDictionary(p => p.Key, p => p.Value);
        double[] Draw(IReadOnlyDictionary<double, double> steps, int seed)
        {
            var policy = OffsetPolicy.Corpus(steps);
            var random = new Random(seed);
            return [.. Enumerable.Range(0, 200).Select(_ => policy.NextStep(random))];
        }

        Assert.Equal(Draw(Steps, 42), Draw(reversed, 42));
        Assert.NotEqual(Draw(Steps, 42), Draw(Steps, 43));
    }

    [Fact]
    public void A_distribution_of_only_zero_steps_is_refused() =>
        Assert.Throws<ArgumentException>(() => OffsetPolicy.Corpus(new Dictionary<double, double> { [0.0] = 1 }));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void A_fixed_step_must_be_positive(double step) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OffsetPolicy.Fixed(step));

    [Fact]
    public void The_cli_value_is_a_step_or_corpus()
    {
        Assert.Equal(0.25, Assert.IsType<FixedOffsetPolicy>(OffsetPolicy.Parse("0.25")).Step);
        Assert.IsType<CorpusOffsetPolicy>(OffsetPolicy.Parse("corpus", Steps));
        Assert.Throws<UserErrorException>(() => OffsetPolicy.Parse("corpus"));
        Assert.Throws<FormatException>(() => OffsetPolicy.Parse("fast"));
    }

    [Fact]
    public void Corpus_steps_are_counted_on_the_twelfth_grid()
    {
        var steps = StepDistribution.FromOnsets([[0, 0, 0.25, 0.5833333333333712, 1.0], [4, 4.3333333333332, 4.5]]);

        Assert.Equal(1, steps[0.0]);
        Assert.Equal(1, steps[0.25]);
        Assert.Equal(2, steps[1.0 / 3]);
        Assert.Equal(1, steps[5.0 / 12]);
        Assert.Equal(1, steps[1.0 / 6]);
        Assert.Equal(6, steps.Values.Sum());
    }
}
