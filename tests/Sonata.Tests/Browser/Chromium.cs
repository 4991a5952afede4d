using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Sonata.Tests.Browser;

/// <summary>
/// Debian's headless Chromium, started for one test with a fresh profile and a DevTools port of
/// its own choosing (read from the profile's DevToolsActivePort), and ended (that process and its
/// children, by id) when disposed. No Playwright, no browser package: the protocol is spoken by
/// <see cref="DevToolsSession"/>.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    private static readonly string[] Names = ["chromium", "chromium-browser"];
    private readonly Process _process;
    private readonly string _profile;
    private readonly ConcurrentQueue<string> _errors;

    private Chromium(Process process, string profile, ConcurrentQueue<string> errors)
    {
        _process = process;
        _profile = profile;
        _errors = errors;
    }

    /// <summary>The DevTools port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The last lines Chromium wrote to its output, for failure messages.</summary>
    public string RecentOutput => string.Join('\n', _errors);

    /// <summary>Starts Chromium on about:blank; fails saying that scripts/setup installs it when it is missing.</summary>
    public static async Task<Chromium> StartAsync(TimeSpan timeout)
    {
        string executable = Find() ?? throw new InvalidOperationException(
            "chromium is not installed (no chromium on PATH): scripts/setup installs it (apt-get install chromium), which the report's browser test needs");
        string profile = Directory.CreateTempSubdirectory("sonata-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--mute-audio", "--autoplay-policy=no-user-gesture-required",
            $"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var errors = new ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Keep(errors, e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Keep(errors, e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new Chromium(process, profile, errors);
        try
        {
            browser.Port = await ReadPortAsync(process, profile, errors, timeout);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>A DevTools session on the browser's page (from /json/list).</summary>
    public async Task<DevToolsSession> OpenPageAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = timeout };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            string list = await http.GetStringAsync(new Uri($"http://127.0.0.1:{Port}/json/list"));
            using var targets = JsonDocument.Parse(list);
            var page = targets.RootElement.EnumerateArray().FirstOrDefault(t => t.GetProperty("type").GetString() == "page");
            if (page.ValueKind == JsonValueKind.Object)
                return await DevToolsSession.ConnectAsync(new Uri(page.GetProperty("webSocketDebuggerUrl").GetString()!), timeout);
            if (deadline.Elapsed > timeout) throw new TimeoutException($"Chromium lists no page within {timeout.TotalSeconds:0} s: {list}");
            await Task.Delay(50);
        }
    }

    private static async Task<int> ReadPortAsync(Process process, string profile, ConcurrentQueue<string> errors, TimeSpan timeout)
    {
        string file = Path.Combine(profile, "DevToolsActivePort");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"chromium exited ({process.ExitCode}) before it opened its DevTools port:\n{string.Join('\n', errors)}");
            if (File.Exists(file))
            {
                string[] lines = await File.ReadAllLinesAsync(file);
                if (lines.Length > 0 && int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port > 0) return port;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"chromium wrote no {file} within {timeout.TotalSeconds:0} s:\n{string.Join('\n', errors)}");
    }

    private static string? Find()
    {
        string[] folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return Names.SelectMany(name => folders.Select(folder => Path.Combine(folder, name))).FirstOrDefault(File.Exists);
    }

    /// <summary>The last 40 lines Chromium wrote, for failure messages.</summary>
    private static void Keep(ConcurrentQueue<string> lines, string line)
    {
        if (line.Contains("dbus/", StringComparison.Ordinal)) return;   // no system bus in a container: noise
        lines.Enqueue(line);
        while (lines.Count > 40) lines.TryDequeue(out _);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // already gone, or a child that outlives the kill: the profile below is still removed where it can be
        }
        _process.Dispose();
        for (int attempt = 0; attempt < 5 && Directory.Exists(_profile); attempt++)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(100);
            }
        }
    }
}
