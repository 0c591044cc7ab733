namespace Facade.Shared.Tests.Client;

/// <summary>The system clock moved forward by a settable amount, to age cached tokens without waiting.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
}
