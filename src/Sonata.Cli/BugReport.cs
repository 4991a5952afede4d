namespace Sonata.Cli;

/// <summary>The details of a bug, kept in a file the user can send: the command line, the version and the whole exception.</summary>
public static class BugReport
{
    /// <summary>Writes the report into the temporary folder and returns its path (or a note when even that fails).</summary>
    public static string Write(string[] args, Exception error)
    {
        try
        {
            string folder = Path.Combine(Path.GetTempPath(), "sonata");
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, $"bug-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log");
            File.WriteAllText(path,
                $"sonata {string.Join(' ', args)}\n{typeof(BugReport).Assembly.GetName().Version} on {Environment.OSVersion}, .NET {Environment.Version}\n\n{error}\n");
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "SONATA_TRACE=1 set (no log could be written)";
        }
    }
}
