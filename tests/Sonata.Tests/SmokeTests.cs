namespace Sonata.Tests;
public class SmokeTests
{
    [Fact]
    public async Task Help_exits_zero()
    {
        var console = new Spectre.Console.Testing.TestConsole();
        int code = await Sonata.Cli.SonataApp.RunAsync(["--help"], console);
        Assert.Equal(0, code);
        Assert.Contains("sonata", console.Output);
    }
}
