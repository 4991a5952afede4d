using System.Globalization;
using System.Text.RegularExpressions;

namespace Sonata.Cli.Help;

/// <summary>How help writes a default read from the library's records.</summary>
public static partial class DefaultText
{
    /// <summary>
    /// A value as an option takes it: numbers in the invariant culture, enum members in kebab case
    /// (<c>NewestAndBest</c> → <c>newest-and-best</c>), text as it is.
    /// </summary>
    public static string Of(object value) => value switch
    {
        Enum member => WordStart().Replace(member.ToString(), "-$1").ToLowerInvariant(),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The default's value, and the lab's after it when the lab's way differs: "100 (lab: 30)".</summary>
    public static string WithLab(string value, string lab) => value == lab ? value : $"{value} (lab: {lab})";

    /// <summary><paramref name="text"/>, and the attending network's default where it differs from <paramref name="value"/>.</summary>
    public static string WithAttending(string text, string value, string attending) => value == attending ? text : $"{text} (transformer: {attending})";

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex WordStart();
}
