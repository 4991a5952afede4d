using System.Text.RegularExpressions;

namespace Sonata.Tests;

/// <summary>
/// The library's folders are layers: no namespace may reach, through any chain of others, back to
/// itself. A namespace depends on another when one of its files imports it (<c>using Sonata.X</c>)
/// or names one of its types qualified (<c>X.Type</c>), read from the source.
/// </summary>
public sealed partial class NamespaceLayeringTests
{
    [Fact]
    public void No_namespace_of_the_library_depends_on_itself_through_others()
    {
        var dependencies = Dependencies(Path.Combine(RepositoryRoot(), "src", "Sonata"));
        Assert.True(dependencies.Count >= 10, $"found only {dependencies.Count} namespaces");
        var cycles = dependencies.Keys.Select(start => CycleThrough(start, dependencies)).OfType<string>().ToList();
        Assert.True(cycles.Count == 0, "namespaces that import each other: " + string.Join("; ", cycles));
    }

    [Fact]
    public void The_check_finds_a_cycle_when_there_is_one()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Training"] = ["Plots", "Dataset"], ["Plots"] = ["Reports"], ["Reports"] = ["Training"], ["Dataset"] = [],
        };
        Assert.Equal("Training → Plots → Reports → Training", CycleThrough("Training", graph));
        Assert.Null(CycleThrough("Dataset", graph));
    }

    /// <summary>Namespace (the part after <c>Sonata.</c>) → the namespaces its files use.</summary>
    private static Dictionary<string, HashSet<string>> Dependencies(string library)
    {
        var sources = Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Code: Comment().Replace(File.ReadAllText(f), ""), File: f))
            .Select(s => (s.Code, Namespace: NamespaceLine().Match(s.Code) is { Success: true } m ? (m.Groups[1].Success ? m.Groups[1].Value : Root) : throw new InvalidDataException($"{s.File}: no namespace")))
            .ToList();
        var typesOf = sources.GroupBy(s => s.Namespace)
            .ToDictionary(g => g.Key, g => g.SelectMany(s => TypeDeclaration().Matches(s.Code).Select(m => m.Groups[1].Value)).ToHashSet());
        var dependencies = typesOf.Keys.ToDictionary(n => n, _ => new HashSet<string>());
        foreach (var (code, own) in sources)
        {
            foreach (Match m in UsingLine().Matches(code)) dependencies[own].Add(m.Groups[1].Value);
            foreach (Match m in QualifiedName().Matches(code))
                if (typesOf.TryGetValue(m.Groups[1].Value, out var types) && types.Contains(m.Groups[2].Value)) dependencies[own].Add(m.Groups[1].Value);
            dependencies[own].Remove(own);
        }
        return dependencies;
    }

    /// <summary>A path from <paramref name="start"/> back to itself, written "A → B → A", or null.</summary>
    private static string? CycleThrough(string start, IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var path = new List<string> { start };
        var seen = new HashSet<string>();
        bool Walk(string from)
        {
            foreach (string next in graph.GetValueOrDefault(from) ?? [])
            {
                path.Add(next);
                if (next == start) return true;
                if (seen.Add(next) && Walk(next)) return true;
                path.RemoveAt(path.Count - 1);
            }
            return false;
        }
        return Walk(start) ? string.Join(" → ", path) : null;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sonata.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Sonata.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"//.*")]
    private static partial Regex Comment();

    /// <summary>The library's root namespace (<c>Sonata</c>): every other sees it without importing it.</summary>
    private const string Root = "(root)";

    [GeneratedRegex(@"^namespace Sonata(?:\.(\w+)(?:\.\w+)*)?;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using (?:static )?Sonata\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+(\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"(?<![\w.])(?:Sonata\.)?(\w+)\.(\w+)")]
    private static partial Regex QualifiedName();
}
