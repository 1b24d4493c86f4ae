namespace Amigo.Connector.Sync;

/// <summary>Settings of the sync (section <c>Amigo:Sync</c>), the same for every academy.</summary>
public sealed class SyncOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Amigo:Sync";

    /// <summary>How far before the watermark an incremental read starts, so same-second updates and small clock skews are not missed (default 2 minutes).</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Rows committed per transaction (default 5,000): bounds memory and the work a killed sync loses.</summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>
    /// Width of the id windows (<c>id &gt; X AND id &lt;= X + width</c>) of a full read (default 5,000 ids). iTop builds a
    /// whole answer in PHP memory before sending it, about 10 KB per ticket with the sync's field list: a stock PHP
    /// (<c>memory_limit = 128M</c>, of which iTop itself takes ~25 MB) dies above ~8,000 tickets per call; 5,000 leaves
    /// room for fatter tickets. A window iTop still cannot serve is halved (see <see cref="MinIdWindow"/>).
    /// </summary>
    [Range(1, 10_000_000)]
    public int IdWindow { get; set; } = 5_000;

    /// <summary>
    /// Smallest width a failing window is halved to (default 100 ids): below it the failure is not the answer's size,
    /// and the sync fails with iTop's error.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MinIdWindow { get; set; } = 100;

    /// <summary>How often an incremental sync also reconciles ticket ids to detect deletions (default 6 hours; zero: every sync).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Default cron schedule of the sync job (five fields, academy time zone).</summary>
    public string Schedule { get; set; } = "*/5 * * * *";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Overlap < TimeSpan.Zero || Overlap > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult($"Amigo:Sync:Overlap must be between 00:00:00 and 1.00:00:00 (got {Overlap}).", [nameof(Overlap)]);
        }

        if (MinIdWindow > IdWindow)
        {
            yield return new ValidationResult($"Amigo:Sync:MinIdWindow ({MinIdWindow}) cannot be above Amigo:Sync:IdWindow ({IdWindow}).", [nameof(MinIdWindow)]);
        }

        if (ReconcileInterval < TimeSpan.Zero)
        {
            yield return new ValidationResult($"Amigo:Sync:ReconcileInterval cannot be negative (got {ReconcileInterval}).", [nameof(ReconcileInterval)]);
        }
    }
}
