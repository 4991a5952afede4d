namespace Sonata.Tests;

/// <summary>A clock that moves only when told: the time a test's simulated machine takes.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks;   // of TimeSpan, since start

    public ManualClock() : this(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)) { }

    public double Seconds => TimeSpan.FromTicks(Interlocked.Read(ref _ticks)).TotalSeconds;

    public void Advance(double seconds) => Interlocked.Add(ref _ticks, TimeSpan.FromSeconds(seconds).Ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks(Interlocked.Read(ref _ticks));
}
