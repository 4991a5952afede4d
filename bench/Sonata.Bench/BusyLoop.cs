using System.Diagnostics;

namespace Sonata.Bench;

/// <summary>Another process keeping one core busy: this program, started with <see cref="Argument"/>.</summary>
internal sealed class BusyLoop : IDisposable
{
    public const string Argument = "busy-loop";

    private readonly Process _process;

    private BusyLoop(Process process) => _process = process;

    public static BusyLoop Start()
    {
        var start = StartInfo();
        start.ArgumentList.Add(Argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the busy loop");
        Thread.Sleep(300);   // let it reach its loop
        return new BusyLoop(process);
    }

    /// <summary>How to start this program again, as a child process (arguments to add).</summary>
    public static ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        // Under `dotnet run` or `dotnet Sonata.Bench.dll` the process is dotnet itself: pass the assembly along.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            start.ArgumentList.Add(typeof(BusyLoop).Assembly.Location);
        return start;
    }

    /// <summary>The child's body: spin on one core until killed.</summary>
    public static int Run(string[] args)
    {
        long spins = 0;
        while (true) spins++;
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
