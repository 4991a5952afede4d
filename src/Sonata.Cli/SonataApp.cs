using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli;

/// <summary>Builds the command tree; tests drive it with a test console.</summary>
public static class SonataApp
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var app = new CommandApp();
            app.Configure(config =>
            {
                config.SetApplicationName("sonata");
                config.ConfigureConsole(console);
            });
            return await app.RunAsync(args, cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
