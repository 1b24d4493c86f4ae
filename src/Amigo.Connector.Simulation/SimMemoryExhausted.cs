namespace Amigo.Connector.Simulation;

/// <summary>
/// PHP ran out of memory building an answer (<see cref="ITopSimulationOptions.MemoryLimitObjects"/>): iTop echoes its
/// answer only once built, so nothing of it is sent; PHP answers HTTP 500 with its fatal error (display_errors on).
/// </summary>
internal sealed class SimMemoryExhausted() : Exception("Allowed memory size exhausted")
{
    /// <summary>What PHP 8.2 prints for the stock 128 MB limit in iTop 3.2's REST entry point.</summary>
    public const string PhpFatal =
        "<br />\n<b>Fatal error</b>:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in <b>/var/www/itop/webservices/rest.php</b> on line <b>274</b><br />\n";
}
