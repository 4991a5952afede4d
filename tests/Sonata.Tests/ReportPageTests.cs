using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PuppeteerSharp;
using Sonata.Evaluation;
using Xunit.Abstractions;

namespace Sonata.Tests;

/// <summary>
/// The report page of a tiny run as a person meets it, in Debian's headless Chromium driven by
/// PuppeteerSharp: it loads with no error and asks for nothing outside its folder, each player
/// plays its WAV, each image decodes, the figures are those of <c>sonata evaluate --json</c>, it
/// fits a phone's width, and with scripts off it still shows every figure.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ReportPageTests(ReportedRun run, ITestOutputHelper output) : IClassFixture<ReportedRun>
{
    /// <summary>A guard against a hung browser, far beyond what a slow, busy machine takes: no speed is asserted.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Where the screenshots stay after the test, for a person to look at.</summary>
    public static string ScreenshotFolder => Path.Combine(Path.GetTempPath(), "sonata-report-screenshots");

    [Fact]
    public async Task The_page_loads_clean_plays_every_wav_shows_every_image_and_the_figures_of_evaluate()
    {
        var clock = Stopwatch.StartNew();
        await using var page = await WatchedPage.StartAsync();
        await page.Page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        await page.OpenAsync(run.Page);
        output.WriteLine($"Chromium started and loaded the page in {clock.Elapsed.TotalSeconds:F1} s");

        var players = await page.Page.EvaluateExpressionAsync<JsonElement>(PlayEachAudio);
        Assert.Equal(run.Names.Count, players.GetArrayLength());
        foreach (var player in players.EnumerateArray())
        {
            string piece = player.GetProperty("piece").GetString()!;
            string wav = Path.Combine(run.Pieces, Path.ChangeExtension(piece, ".wav"));
            double seconds = WavRendererTests.Measure(wav).Seconds;
            Assert.InRange(player.GetProperty("duration").GetDouble(), seconds - 0.05, seconds + 0.05);
            Assert.True(player.GetProperty("played").GetDouble() > 0, $"the player of {piece} did not advance: {player}");
        }

        var images = await page.Page.EvaluateExpressionAsync<JsonElement>(DecodeEachImage);
        Assert.Equal(2 + run.Names.Count, images.GetArrayLength());   // loss and accuracy, a piano roll a piece
        foreach (var image in images.EnumerateArray())
            Assert.True(image.GetProperty("width").GetInt32() > 0 && image.GetProperty("height").GetInt32() > 0, $"an image did not decode: {image}");

        AssertFiguresOfEvaluate(await page.Page.EvaluateExpressionAsync<JsonElement>(FigureCells));
        AssertSorts(await page.Page.EvaluateExpressionAsync<JsonElement>(SortByDistinctTokensTwice));
        await Save(page, "report-laptop.png");

        // Turning phone emulation on reloads the page (PuppeteerSharp does, as a phone would lay it out from the start).
        await page.Page.SetViewportAsync(new ViewPortOptions { Width = 390, Height = 844, IsMobile = true });
        var widths = await page.Page.EvaluateExpressionAsync<JsonElement>("({ page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth })");
        Assert.True(widths.GetProperty("page").GetInt32() <= widths.GetProperty("viewport").GetInt32(), $"on a phone the page scrolls sideways: {widths}");
        await Save(page, "report-phone.png");

        AssertCleanAndLocal(page);
        output.WriteLine($"the fixture: {run.Timings}; this test {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task With_scripts_off_the_page_still_shows_every_figure_of_every_piece()
    {
        var clock = Stopwatch.StartNew();
        await using var page = await WatchedPage.StartAsync();
        await page.Page.SetJavaScriptEnabledAsync(false);
        await page.OpenAsync(run.Page);

        Assert.False(await page.Page.EvaluateExpressionAsync<bool>("document.documentElement.classList.contains('scripted')"), "the page's script ran");
        AssertFiguresOfEvaluate(await page.Page.EvaluateExpressionAsync<JsonElement>(FigureCells));
        var rows = await page.Page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#pieces-table tbody tr')].map(r => r.dataset.piece)");
        Assert.Equal(run.Names, rows);
        AssertCleanAndLocal(page);
        output.WriteLine($"the fixture: {run.Timings}; this test {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// Every piece's nine figures, in its section and in the table of all pieces, are shown, are
    /// exactly the values of <c>sonata evaluate --json</c> and marked outside as it says; its copy's
    /// source is evaluate's too.
    /// </summary>
    private void AssertFiguresOfEvaluate(JsonElement page)
    {
        var expected = run.Evaluation.RootElement.GetProperty("pieces").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(run.Names.Order(StringComparer.Ordinal), expected.Keys.Order(StringComparer.Ordinal));
        var cells = page.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(run.Names.Count * Enum.GetValues<Figure>().Length * 2, cells.Count);
        foreach (var cell in cells)
        {
            string piece = cell.GetProperty("piece").GetString()!, figure = cell.GetProperty("figure").GetString()!;
            Assert.True(cell.GetProperty("visible").GetBoolean(), $"{piece}'s {figure} ({cell.GetProperty("where")}) is not shown");
            var verdict = expected[piece].GetProperty("verdicts").EnumerateArray()
                .Single(v => string.Equals(v.GetProperty("figure").GetString(), figure, StringComparison.OrdinalIgnoreCase));
            string shown = cell.GetProperty("value").GetString()!;
            var value = verdict.GetProperty("value");
            if (value.ValueKind == JsonValueKind.Null) Assert.Equal("", shown);
            else Assert.Equal(value.GetDouble(), double.Parse(shown, CultureInfo.InvariantCulture));
            Assert.Equal(verdict.GetProperty("outside").GetBoolean() ? "true" : "false", cell.GetProperty("outside").GetString());
        }
        foreach (var copy in page.GetProperty("copies").EnumerateArray())
        {
            var source = expected[copy.GetProperty("piece").GetString()!].GetProperty("figures").GetProperty("longestCopy").GetProperty("source");
            Assert.Equal(source.GetProperty("fileKey").GetString(), copy.GetProperty("file").GetString());
            Assert.Equal(source.GetProperty("position").GetInt32().ToString(CultureInfo.InvariantCulture), copy.GetProperty("position").GetString());
        }
        Assert.Equal(run.Names.Count, page.GetProperty("copies").GetArrayLength());
    }

    private static void AssertSorts(JsonElement orders)
    {
        double[] ascending = [.. orders[0].EnumerateArray().Select(v => double.Parse(v.GetString()!, CultureInfo.InvariantCulture))];
        double[] descending = [.. orders[1].EnumerateArray().Select(v => double.Parse(v.GetString()!, CultureInfo.InvariantCulture))];
        Assert.Equal(ascending.Order(), ascending);
        Assert.Equal(ascending.Reverse(), descending);
    }

    /// <summary>No error logged; every request a file in the page's folder or a data: URI inside the page.</summary>
    private void AssertCleanAndLocal(WatchedPage page)
    {
        Assert.True(page.Errors.IsEmpty, $"the page logged errors:\n{string.Join('\n', page.Errors)}");
        string folder = new Uri(Path.GetFullPath(run.Pieces) + Path.DirectorySeparatorChar).AbsoluteUri;
        Assert.NotEmpty(page.Requests);
        foreach (string url in page.Requests)
            Assert.True(url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith(folder, StringComparison.Ordinal),
                $"a request outside the page's folder {folder}: {url[..Math.Min(url.Length, 200)]}");
    }

    private async Task Save(WatchedPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        string path = Path.Combine(ScreenshotFolder, name);
        await File.WriteAllBytesAsync(path, await page.Page.ScreenshotDataAsync(new ScreenshotOptions { FullPage = true, Type = ScreenshotType.Png }));
        output.WriteLine($"screenshot: {path}");
    }

    /// <summary>Waits for each player's metadata, plays it muted until it advances: its piece, duration and how far it played.</summary>
    private const string PlayEachAudio = """
        (async () => {
          const ready = a => new Promise((ok, fail) => {
            const failed = () => fail(new Error('cannot load ' + a.currentSrc + ': ' + (a.error && a.error.message)));
            if (a.error) return failed();
            if (a.readyState >= 1) return ok();
            a.addEventListener('loadedmetadata', ok, { once: true });
            a.addEventListener('error', failed, { once: true });
          });
          const players = [...document.querySelectorAll('audio')];
          await Promise.all(players.map(ready));
          const heard = [];
          for (const a of players) {
            a.muted = true;
            await a.play();
            // Until it has played a little (however slow the machine), or 20 s at most.
            await new Promise(done => {
              const gaveUp = setTimeout(done, 20000);
              const advanced = () => { if (a.currentTime > 0) { clearTimeout(gaveUp); a.removeEventListener('timeupdate', advanced); done(); } };
              a.addEventListener('timeupdate', advanced);
              advanced();
            });
            a.pause();
            heard.push({ piece: a.closest('[data-piece]').dataset.piece, src: a.currentSrc, duration: a.duration, played: a.currentTime });
          }
          return heard;
        })()
        """;

    private const string DecodeEachImage = """
        Promise.all([...document.images].map(i => i.decode().then(
          () => ({ src: i.currentSrc.slice(0, 80), width: i.naturalWidth, height: i.naturalHeight }),
          e => ({ src: i.currentSrc.slice(0, 80), width: 0, height: 0, error: String(e) }))))
        """;

    /// <summary>Every figure cell (which piece, where, its exact value, whether shown) and every copy's source.</summary>
    private const string FigureCells = """
        ({
          cells: [...document.querySelectorAll('[data-figure]')].map(c => ({
            piece: c.closest('[data-piece]').dataset.piece,
            where: c.closest('section.piece') ? 'its section' : 'the table',
            figure: c.dataset.figure, value: c.dataset.value, outside: c.dataset.outside,
            visible: c.getClientRects().length > 0 && getComputedStyle(c).visibility === 'visible' && c.textContent.trim() !== '' })),
          copies: [...document.querySelectorAll('[data-copy-file]')].map(c => ({
            piece: c.closest('[data-piece]').dataset.piece, file: c.dataset.copyFile, position: c.dataset.copyPosition })),
        })
        """;

    /// <summary>Clicks the Distinct tokens heading twice: the column's values after each click.</summary>
    private const string SortByDistinctTokensTwice = """
        (() => {
          const heading = [...document.querySelectorAll('#pieces-table thead th')].find(th => th.textContent.startsWith('Distinct tokens'));
          const column = () => [...document.querySelectorAll('#pieces-table tbody tr')].map(r => r.querySelector('[data-figure="DistinctTokens"]').dataset.value);
          heading.querySelector('button').click();
          const up = column();
          heading.querySelector('button').click();
          return [up, column()];
        })()
        """;

    /// <summary>
    /// Debian's Chromium (scripts/setup installs it; none is downloaded) with one page, and what
    /// that page logged as an error (uncaught exceptions, console.error, the browser's own error
    /// entries) and every URL it requested. Disposing it ends the browser.
    /// </summary>
    private sealed class WatchedPage(IBrowser browser, IPage page) : IAsyncDisposable
    {
        public IPage Page => page;

        /// <summary>Errors the page logged, as "kind: text".</summary>
        public ConcurrentQueue<string> Errors { get; } = new();

        /// <summary>Every URL the page requested, in order.</summary>
        public ConcurrentQueue<string> Requests { get; } = new();

        public static async Task<WatchedPage> StartAsync()
        {
            string executable = new[] { "chromium", "chromium-browser" }
                .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                    .Select(folder => Path.Combine(folder, name)))
                .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
                    "chromium is not installed (no chromium on PATH): scripts/setup installs it (apt-get install chromium), which the report's browser test needs");
            int guard = (int)Timeout.TotalMilliseconds;
            var browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Timeout = guard,
                ProtocolTimeout = guard,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required"],
            });
            try
            {
                var watched = new WatchedPage(browser, await browser.NewPageAsync());
                watched.Page.DefaultTimeout = guard;
                watched.Page.PageError += (_, e) => watched.Errors.Enqueue("exception: " + e.Message);
                watched.Page.Console += (_, e) =>
                {
                    if (e.Message.Type == ConsoleType.Error) watched.Errors.Enqueue($"console.error: {e.Message.Text} {e.Message.Location?.URL}");
                };
                watched.Page.Request += (_, e) => watched.Requests.Enqueue(e.Request.Url);
                return watched;
            }
            catch
            {
                await browser.DisposeAsync();
                throw;
            }
        }

        /// <summary>Opens <paramref name="file"/> and waits for its load event.</summary>
        public Task OpenAsync(string file) => page.GoToAsync(new Uri(Path.GetFullPath(file)).AbsoluteUri, WaitUntilNavigation.Load);

        public async ValueTask DisposeAsync() => await browser.DisposeAsync();
    }
}
