namespace FuzzTargets;

/// <summary>A clock that never moves, so a fuzz input always takes the same path.</summary>
internal sealed class FrozenTime : TimeProvider
{
    public static FrozenTime Instance { get; } = new();

    public override DateTimeOffset GetUtcNow() => new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override long GetTimestamp() => 0;
}
