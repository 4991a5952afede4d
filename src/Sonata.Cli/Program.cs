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
        return SonataApp.RunAsync(args, AnsiConsole.Console);
    }
}
