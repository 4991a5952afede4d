using System.Globalization;

namespace Sonata.Pieces;

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
    /// <exception cref="FormatException">The text is neither a number nor "corpus".</exception>
    /// <exception cref="ArgumentException">"corpus" without the corpus's steps, or a step that is not positive.</exception>
    public static OffsetPolicy Parse(string text, IReadOnlyDictionary<double, double>? corpusSteps = null)
    {
        CheckSyntax(text);
        if (IsCorpus(text))
            return Corpus(corpusSteps ?? throw new UserErrorException(
                "--offsets corpus: the run keeps no corpus-steps.json (it was trained on a tokens file, without onsets); use a fixed step such as --offsets 0.5"));
        return Fixed(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>Throws unless <paramref name="text"/> is "corpus" or a positive step; needs no corpus.</summary>
    public static void CheckSyntax(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsCorpus(text)) return;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double step))
            throw new FormatException($"'{text}' is neither a step in quarter notes (like 0.5) nor 'corpus'.");
        _ = new FixedOffsetPolicy(step);   // refuses a step that is not positive
    }

    private static bool IsCorpus(string text) => text.Equals("corpus", StringComparison.OrdinalIgnoreCase);
}
