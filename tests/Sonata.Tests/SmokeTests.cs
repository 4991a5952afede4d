using Sonata.Cli;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary>Every verb answers --help (Spectre renders descriptions as markup, so a stray bracket crashes it).</summary>
public class SmokeTests
{
    [Theory]
    [InlineData]
    [InlineData("data")]
    [InlineData("train")]
    [InlineData("export")]
    [InlineData("generate")]
    [InlineData("evaluate")]
    public async Task Help_exits_zero_and_names_the_verb(params string[] verb)
    {
        var console = new TestConsole().Width(120);
        int code = await SonataApp.RunAsync([.. verb, "--help"], console);
        Assert.Equal(0, code);
        Assert.Contains("sonata " + string.Join(' ', verb), console.Output);
    }

    [Fact]
    public async Task An_unknown_verb_is_an_error()
    {
        var console = new TestConsole().Width(120);
        Assert.NotEqual(0, await SonataApp.RunAsync(["compose-a-symphony"], console));
    }

    [Fact]
    public async Task A_file_that_is_not_midi_is_an_error_naming_it_not_a_crash()
    {
        string file = Path.Combine(Path.GetTempPath(), $"sonata-not-midi-{Guid.NewGuid():N}.mid");
        File.WriteAllText(file, "garbage");
        try
        {
            var console = new TestConsole().Width(200);
            Assert.Equal(1, await SonataApp.RunAsync(["evaluate", file], console));
            Assert.Contains("not a MIDI file", console.Output);
            Assert.Contains(Path.GetFileName(file), console.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
