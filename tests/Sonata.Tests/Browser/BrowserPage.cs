using System.Collections.Concurrent;
using System.Text.Json;

namespace Sonata.Tests.Browser;

/// <summary>
/// A page in Chromium as a test looks at it: what it logged as an error (uncaught exceptions,
/// console.error, the browser's own error entries), every URL it requested, and ways to open a
/// file, run JavaScript in it, size its viewport and capture it as a PNG.
/// </summary>
internal sealed class BrowserPage : IAsyncDisposable
{
    private readonly Chromium _browser;
    private readonly DevToolsSession _session;
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _requests = new();

    private BrowserPage(Chromium browser, DevToolsSession session)
    {
        _browser = browser;
        _session = session;
        session.EventReceived += Heard;
    }

    /// <summary>Errors the page logged, as "kind: text".</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>Every URL the page requested, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Starts Chromium and opens its page with the Runtime, Log, Network and Page domains on.</summary>
    public static async Task<BrowserPage> StartAsync(TimeSpan timeout)
    {
        var browser = await Chromium.StartAsync(timeout);
        try
        {
            var page = new BrowserPage(browser, await browser.OpenPageAsync(timeout));
            foreach (string domain in new[] { "Runtime", "Log", "Network", "Page" }) await page._session.SendAsync($"{domain}.enable");
            return page;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Turns the page's own scripts off (or on again) for what it opens next.</summary>
    public Task DisableScriptsAsync(bool disabled) => _session.SendAsync("Emulation.setScriptExecutionDisabled", new { value = disabled });

    /// <summary>A viewport of <paramref name="width"/> × <paramref name="height"/> CSS pixels; <paramref name="mobile"/> as a phone lays out.</summary>
    public Task ResizeAsync(int width, int height, bool mobile) =>
        _session.SendAsync("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile });

    /// <summary>Opens <paramref name="file"/> and waits for its load event.</summary>
    public async Task OpenAsync(string file)
    {
        var loaded = _session.NextEvent("Page.loadEventFired");
        var navigation = await _session.SendAsync("Page.navigate", new { url = new Uri(Path.GetFullPath(file)).AbsoluteUri });
        if (navigation.TryGetProperty("errorText", out var error))
            throw new InvalidOperationException($"Chromium could not open {file}: {error.GetString()}");
        await loaded;
    }

    /// <summary>The value of a JavaScript expression (a promise is awaited); an exception in it fails with its text.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await _session.SendAsync("Runtime.evaluate", new { expression, awaitPromise = true, returnByValue = true });
        if (result.TryGetProperty("exceptionDetails", out var details))
            throw new InvalidOperationException($"JavaScript failed: {Describe(details)}\n{expression}");
        return result.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
    }

    /// <summary>The whole page (not only the viewport) as PNG bytes.</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var metrics = await _session.SendAsync("Page.getLayoutMetrics");
        var size = metrics.GetProperty("cssContentSize");
        var clip = new { x = 0, y = 0, width = size.GetProperty("width").GetDouble(), height = size.GetProperty("height").GetDouble(), scale = 1 };
        var shot = await _session.SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true, clip });
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    /// <summary>What Chromium last wrote to its output, for failure messages.</summary>
    public string BrowserOutput => _browser.RecentOutput;

    private void Heard(string method, JsonElement parameters)
    {
        switch (method)
        {
            case "Runtime.exceptionThrown":
                _errors.Enqueue("exception: " + Describe(parameters.GetProperty("exceptionDetails")));
                break;
            case "Runtime.consoleAPICalled" when parameters.GetProperty("type").GetString() == "error":
                _errors.Enqueue("console.error: " + string.Join(' ', parameters.GetProperty("args").EnumerateArray().Select(a => a.ToString())));
                break;
            case "Log.entryAdded" when parameters.GetProperty("entry").GetProperty("level").GetString() == "error":
                var entry = parameters.GetProperty("entry");
                _errors.Enqueue($"log ({entry.GetProperty("source").GetString()}): {entry.GetProperty("text").GetString()} {(entry.TryGetProperty("url", out var url) ? url.GetString() : "")}");
                break;
            case "Network.requestWillBeSent":
                _requests.Enqueue(parameters.GetProperty("request").GetProperty("url").GetString()!);
                break;
        }
    }

    private static string Describe(JsonElement details) =>
        details.TryGetProperty("exception", out var exception) && exception.TryGetProperty("description", out var description)
            ? description.GetString()!
            : details.GetProperty("text").GetString()!;

    public async ValueTask DisposeAsync()
    {
        _session.EventReceived -= Heard;
        await _session.DisposeAsync();
        await _browser.DisposeAsync();
    }
}
