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
    public static string WithLab(string value, string lab) => WithOthers(value, ("lab", lab));

    /// <summary>The default's value, and each other way's after it where it differs: "0.001 (transformer: 0.002)".</summary>
    public static string WithOthers(string value, params (string Way, string Value)[] others) =>
        value + string.Concat(others.Where(other => other.Value != value).Select(other => $" ({other.Way}: {other.Value})"));

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex WordStart();
}
