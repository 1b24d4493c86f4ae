namespace Amigo.Connector.Simulation;

/// <summary>
/// The simulated iTop server's clock: a settable <see cref="TimeProvider"/>. Dates written by the simulation
/// (<c>last_update</c>, <c>assignment_date</c>…) are its local wall-clock time in the simulation's time zone.
/// </summary>
public sealed class ITopSimulationClock : TimeProvider
{
    private readonly object _sync = new();
    private DateTimeOffset _now;

    /// <summary>Creates a clock stopped at <paramref name="start"/>.</summary>
    public ITopSimulationClock(DateTimeOffset start, TimeZoneInfo zone)
    {
        _now = start;
        Zone = zone;
    }

    /// <summary>The iTop server's time zone.</summary>
    public TimeZoneInfo Zone { get; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_sync) return _now.ToUniversalTime();
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => Zone;

    /// <summary>Sets the instant.</summary>
    public void Set(DateTimeOffset now)
    {
        lock (_sync) _now = now;
    }

    /// <summary>Sets the server's local wall-clock time (in <see cref="Zone"/>).</summary>
    public void SetLocal(DateTime local) => Set(new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified))));

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan delta)
    {
        lock (_sync) _now += delta;
    }

    /// <summary>The local wall-clock time, as iTop stores it.</summary>
    public DateTime LocalNow => TimeZoneInfo.ConvertTime(GetUtcNow(), Zone).DateTime;

    /// <summary>The local time in iTop's text format.</summary>
    public string LocalText => Format(LocalNow);

    /// <summary>iTop's text of a local time.</summary>
    public static string Format(DateTime local) => local.ToString("yyyy-MM-dd HH:mm:ss", global::System.Globalization.CultureInfo.InvariantCulture);
}
