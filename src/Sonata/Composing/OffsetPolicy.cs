using System.Globalization;

namespace Sonata.Composing;

/// <summary>
/// How far apart, in quarter notes, consecutive tokens sound: a fixed step, or steps drawn
/// from the corpus's own distribution. Each token's note lasts until the next onset.
/// </summary>
public abstract record OffsetPolicy
{
    /// <summary>The step before the next token, in quarter notes (always &gt; 0).</summary>
    public abstract double NextStep(Random random);

    /// <summary>The same step every time: 0.5 is the lab's eighth notes, 0.25 sixteenths.</summary>
    public static OffsetPolicy Fixed(double step) => new FixedOffsetPolicy(step);

    /// <summary>Steps drawn from a step → weight distribution; the step 0.0 is left out.</summary>
    public static OffsetPolicy Corpus(IReadOnlyDictionary<double, double> stepWeights) => new CorpusOffsetPolicy(stepWeights);

    /// <summary>
    /// Reads the CLI's <c>--offsets</c> value: a number ("0.5", "0.25") or "corpus", which
    /// needs <paramref name="corpusSteps"/>.
    /// </summary>
    public static OffsetPolicy Parse(string text, IReadOnlyDictionary<double, double>? corpusSteps = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Equals("corpus", StringComparison.OrdinalIgnoreCase))
            return Corpus(corpusSteps ?? throw new ArgumentException("--offsets corpus needs the corpus's distribution of steps.", nameof(corpusSteps)));
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double step))
            return Fixed(step);
        throw new FormatException($"'{text}' is neither a step in quarter notes (like 0.5) nor 'corpus'.");
    }
}
