namespace Sonata.Runtime;

/// <summary>An <see cref="IProgress{T}"/> that calls back at once, on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
public sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
