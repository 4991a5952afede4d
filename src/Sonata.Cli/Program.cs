using Sonata.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli;

public static class Program
{
    public static Task<int> Main(string[] args)
    {
        // Before anything loads libtorch: OpenMP reads its wait policy once, at load.
        TorchRuntime.PrepareEnvironment();
        // Written to a log or a pipe, lines are not wrapped at the 80 columns Spectre assumes there.
        if (Console.IsOutputRedirected) AnsiConsole.Console.Profile.Width = 160;
        return SonataApp.RunAsync(args, AnsiConsole.Console);
    }
}
