using Sonata.Cli;
using Sonata.Cli.Commands.Train;
using Sonata.Training;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary>
/// Every verb, given bad options or bad input, ends in one error line and exit code 1: never a
/// stack trace. (Runs the tiny run's folder for the verbs that read one.)
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class OneLineErrorTests(TinyRun run) : IClassFixture<TinyRun>
{
    private string Scratch(string name) => Path.Combine(run.Root, "errors", name);

    private string Garbage()
    {
        string file = Scratch("garbage.mid");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "this is not MIDI");
        return file;
    }

    private string EmptyFolder()
    {
        string folder = Scratch("empty");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A copy of the run's checkpoint cut short inside its optimizer state.</summary>
    private string TruncatedCheckpoint()
    {
        string source = Directory.EnumerateFiles(Path.Combine(run.Folder, "checkpoints")).Order(StringComparer.Ordinal).Last();
        string file = Scratch("truncated.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        byte[] bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(file, bytes[..^64]);
        return file;
    }

    public static TheoryData<string> Cases => new()
    {
        "data --data {missing}",
        "data --data {garbage}",
        "data --data {empty}",
        "data --frobnicate",
        "train --epochs 0",
        "train --memory-weight 2",
        "train --recipe nope",
        "train --tokens {missing}",
        "train --resume",
        "train --data {empty} --out {scratch}",
        "train --data {garbage} --out {scratch}",
        "train --budget-reserve 30",
        "train --keep-checkpoints some",
        "train --minutes 1 --budget-from 1 --out {scratch} --device cpu",
        "generate --run {missing}",
        "generate --run {empty}",
        "generate --run {run} --strategy greedy --temperature 0.5",
        "generate --run {run} --offsets fast",
        "generate --run {run} --primer {garbage} --device cpu --out {scratch}.mid",
        "generate --run {run} --checkpoint {truncated} --device cpu --out {scratch}.mid",
        "generate --run {run} --epoch 99 --device cpu",
        "generate --run {run} --length 0",
        "export --run {missing}",
        "export --run {empty}",
        "export --run {run} --epoch 99 --out {scratch}.safetensors",
        "evaluate {missing}",
        "evaluate {garbage}",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_option_or_input_is_one_error_line_and_exit_code_1(string command)
    {
        string[] args = [.. command.Split(' ').Select(word => word
            .Replace("{missing}", Scratch("no-such-thing"), StringComparison.Ordinal)
            .Replace("{garbage}", Garbage(), StringComparison.Ordinal)
            .Replace("{empty}", EmptyFolder(), StringComparison.Ordinal)
            .Replace("{truncated}", TruncatedCheckpoint(), StringComparison.Ordinal)
            .Replace("{scratch}", Scratch(Guid.NewGuid().ToString("N")), StringComparison.Ordinal)
            .Replace("{run}", run.Folder, StringComparison.Ordinal))];
        var console = new TestConsole().Width(400);

        int code = await SonataApp.RunAsync(args, console, corpusOptions: TinyRun.Options(run.Root));

        Assert.True(code == 1, $"exit code {code}:\n{console.Output}");
        Assert.DoesNotContain("   at ", console.Output);
        Assert.DoesNotContain("Exception", console.Output);
        Assert.Single(console.Output.Split('\n'), line => line.StartsWith("error:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_bug_says_it_is_one_in_one_line_with_its_details_in_a_log()
    {
        var console = new TestConsole().Width(400);

        int code = await SonataApp.RunAsync(["train", "--out", Scratch(Guid.NewGuid().ToString("N"))], console, new BrokenSource());

        Assert.Equal(SonataApp.Bug, code);
        string line = Assert.Single(console.Output.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("a bug in Sonata, not in what you gave it (KeyNotFoundException: no such key in the broken source)", line);
        Assert.DoesNotContain("   at ", console.Output);
        string log = line[(line.LastIndexOf("report it with ", StringComparison.Ordinal) + "report it with ".Length)..].Trim();
        string details = File.ReadAllText(log);
        Assert.Contains("sonata train --out", details);
        Assert.Contains("   at ", details);
        File.Delete(log);
    }

    /// <summary>A token source with a bug in it: what the user gave is fine.</summary>
    private sealed class BrokenSource : ITokenSource
    {
        public string Description => "a broken source";

        public Task<TrainingCorpus> LoadAsync(CancellationToken cancellationToken) =>
            throw new KeyNotFoundException("no such key in the broken source");
    }
}
