namespace Amigo.Connector.Demo;

/// <summary>
/// Finds a PostgreSQL server for the demo (<c>--database</c>, else <c>AMIGO_PG</c>, else the private cluster of
/// <c>scripts/ensure-postgres.sh</c>) and creates a fresh demo database on it (dropped first: a re-run starts clean).
/// </summary>
internal static class DemoDatabase
{
    /// <summary>Name of the demo database.</summary>
    public const string DefaultName = "amigo_demo";

    /// <summary>A connection string to the server (not yet to the demo database) and where it came from.</summary>
    public static async Task<(string ConnectionString, string Source)> FindServerAsync(string? explicitConnection, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(explicitConnection)) return (explicitConnection, "--database");
        var fromEnvironment = Environment.GetEnvironmentVariable("AMIGO_PG");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return (fromEnvironment, "AMIGO_PG");
        // The host's own variables, as a container sets them (docker/compose.yaml).
        var hostSetting = Environment.GetEnvironmentVariable("Amigo__Database__ConnectionString");
        if (!string.IsNullOrWhiteSpace(hostSetting)) return (hostSetting, "Amigo__Database__ConnectionString");
        var hostFile = Environment.GetEnvironmentVariable("Amigo__Database__ConnectionStringFile");
        if (!string.IsNullOrWhiteSpace(hostFile))
        {
            var line = File.Exists(hostFile) ? (await File.ReadAllLinesAsync(hostFile, cancellationToken)).FirstOrDefault(l => l.Trim().Length > 0)?.Trim() : null;
            return string.IsNullOrEmpty(line) ? throw new DemoException($"Amigo__Database__ConnectionStringFile: '{hostFile}' is missing or empty.") : (line, hostFile);
        }
        var root = FindRepositoryRoot() ?? throw new DemoException(
            "No PostgreSQL given: pass --database \"Host=…;Username=…;Password=…\" or set AMIGO_PG (or Amigo__Database__ConnectionString[File]), or run the demo from the " +
            "repository (scripts/ensure-postgres.sh starts a private cluster; it was not found above " + AppContext.BaseDirectory + " nor the current folder).");
        var script = Path.Combine(root, "scripts", "ensure-postgres.sh");
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new DemoException("Could not start bash to run " + script);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new DemoException($"{script} failed (exit {process.ExitCode}): {(await errors).Trim()}");
        var last = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return string.IsNullOrEmpty(last) ? throw new DemoException($"{script} printed no connection string.") : (last, "scripts/ensure-postgres.sh");
    }

    /// <summary>Drops and re-creates <paramref name="databaseName"/>; returns its connection string (the host migrates it at start).</summary>
    public static async Task<string> RecreateAsync(string serverConnection, string databaseName, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(serverConnection) { Database = "postgres", Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            var quoted = "\"" + databaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", $"CREATE DATABASE {quoted}" })
                await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: cancellationToken));
        }
        catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new DemoException($"PostgreSQL at {admin.Host}:{admin.Port} cannot be used to create the demo database: {exception.Message}");
        }
        return new NpgsqlConnectionStringBuilder(serverConnection) { Database = databaseName }.ConnectionString;
    }

    /// <summary>The folder holding <c>Amigo.Connector.sln</c>, looking up from the program's folder, then from the current folder.</summary>
    public static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "Amigo.Connector.sln")) && File.Exists(Path.Combine(folder.FullName, "scripts", "ensure-postgres.sh")))
                    return folder.FullName;
        return null;
    }
}

/// <summary>The demo cannot run; the message says why and what to do.</summary>
public sealed class DemoException(string message) : Exception(message);
