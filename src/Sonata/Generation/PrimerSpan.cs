using System.Globalization;

namespace Sonata.Generation;

/// <summary>Which stretch of a primer file starts a piece: where it begins and how many tokens it holds.</summary>
public sealed record PrimerSpan
{
    /// <summary>Where the primer begins; null: so that it ends with the file.</summary>
    public PrimerPosition? From { get; init; }

    /// <summary>Tokens in the primer; null: the model's context (the lab's 100). Fewer is fine; more, the model would not read.</summary>
    public int? Length { get; init; }
}

/// <summary>A place in a piece: a token's index (from 0), or a time in quarter notes from its start.</summary>
/// <param name="Value">The index, or the quarter notes.</param>
/// <param name="InQuarterNotes">Whether <paramref name="Value"/> counts quarter notes rather than tokens.</param>
public readonly record struct PrimerPosition(double Value, bool InQuarterNotes)
{
    /// <summary>"200" (token 200, counted from 0) or "64q" (the first token at or after quarter note 64).</summary>
    public static bool TryParse(string? text, out PrimerPosition position)
    {
        position = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        bool quarters = text.EndsWith('q');
        string number = quarters ? text[..^1] : text;
        if (quarters)
        {
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double at) || !double.IsFinite(at) || at < 0) return false;
            position = new PrimerPosition(at, InQuarterNotes: true);
            return true;
        }
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int index)) return false;
        position = new PrimerPosition(index, InQuarterNotes: false);
        return true;
    }

    public override string ToString() => InQuarterNotes
        ? $"quarter note {Value.ToString("0.###", CultureInfo.InvariantCulture)}"
        : $"token {Value.ToString("0", CultureInfo.InvariantCulture)}";
}
