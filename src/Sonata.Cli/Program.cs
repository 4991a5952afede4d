using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli;

public static class Program
{
    public static Task<int> Main(string[] args) => SonataApp.RunAsync(args, AnsiConsole.Console);
}
