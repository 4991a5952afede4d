using System.Runtime.CompilerServices;
using Sonata.Runtime;

namespace Sonata.Tests;

/// <summary>The test process prepares torch's environment as the program does, before any test loads libtorch.</summary>
internal static class TorchEnvironment
{
    [ModuleInitializer]
    internal static void Prepare() => TorchRuntime.PrepareEnvironment();
}
