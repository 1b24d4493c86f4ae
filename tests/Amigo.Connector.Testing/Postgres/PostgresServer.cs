namespace Amigo.Connector.Testing.Postgres;

/// <summary>
/// The PostgreSQL server the tests use, found once per process: <c>AMIGO_PG</c> when set, otherwise the
/// machine's private test cluster started by <c>scripts/ensure-postgres.sh</c> (embedded in this assembly so it
/// runs wherever the tests are built).
/// </summary>
public static class PostgresServer
{
    /// <summary>Environment variable holding a connection string to a server where tests may CREATE DATABASE.</summary>
    public const string EnvironmentVariable = "AMIGO_PG";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _adminConnectionString;

    /// <summary>How to get a database, for failure messages.</summary>
    public const string Help =
        "Tests need PostgreSQL. Either set AMIGO_PG to a connection string of a server where the user may CREATE DATABASE " +
        "(e.g. AMIGO_PG='Host=127.0.0.1;Port=5432;Username=postgres;Password=…'), or run scripts/ensure-postgres.sh " +
        "(as root: installs postgresql-15 if needed and starts a private cluster on 127.0.0.1:55432).";

    /// <summary>Connection string of the server's admin database (<c>postgres</c>), starting the private cluster when needed.</summary>
    public static async Task<string> GetAdminConnectionStringAsync(CancellationToken cancellationToken = default)
    {
        if (_adminConnectionString is not null)
        {
            return _adminConnectionString;
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_adminConnectionString is not null)
            {
                return _adminConnectionString;
            }

            var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            var candidate = string.IsNullOrWhiteSpace(fromEnvironment)
                ? await EnsurePrivateClusterAsync(cancellationToken)
                : ConnectionStrings.Normalise(fromEnvironment);

            var builder = new NpgsqlConnectionStringBuilder(candidate) { Pooling = false, Timeout = 10 };
            if (string.IsNullOrEmpty(builder.Database))
            {
                builder.Database = "postgres";
            }

            await CheckReachableAsync(builder.ConnectionString, fromEnvironment is not null, cancellationToken);
            builder.Pooling = true;
            _adminConnectionString = builder.ConnectionString;
            return _adminConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task CheckReachableAsync(string connectionString, bool fromEnvironment, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            var source = fromEnvironment ? "AMIGO_PG" : "the private cluster started by scripts/ensure-postgres.sh";
            throw new InvalidOperationException($"Cannot connect to PostgreSQL ({source}): {ex.Message}. {Help}", ex);
        }
    }

    private static async Task<string> EnsurePrivateClusterAsync(CancellationToken cancellationToken)
    {
        var script = Path.Combine(Path.GetTempPath(), $"amigo-ensure-postgres-{Environment.ProcessId}.sh");
        await using (var resource = Assembly.GetExecutingAssembly().GetManifestResourceStream("ensure-postgres.sh")
            ?? throw new InvalidOperationException("ensure-postgres.sh is not embedded in Amigo.Connector.Testing. " + Help))
        await using (var file = File.Create(script))
        {
            await resource.CopyToAsync(file, cancellationToken);
        }

        try
        {
            var start = new ProcessStartInfo("bash", [script])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash. " + Help);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(10));
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout;
            var errors = await stderr;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"scripts/ensure-postgres.sh failed (exit {process.ExitCode}): {errors.Trim()}\n{Help}");
            }

            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        }
        finally
        {
            File.Delete(script);
        }
    }
}
