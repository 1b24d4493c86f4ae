namespace Amigo.Connector.Host.Cli;

/// <summary>
/// <c>serve</c>'s first step: the database answers <c>SELECT 1</c>, or, within <c>Amigo:Database:WaitOnStart</c>, it is
/// retried every few seconds; a refusal that waiting cannot cure (wrong password, unknown database) ends at once.
/// </summary>
internal static class DatabaseWait
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    /// <summary>Null when the database answers; otherwise the one line to print (exit code 5).</summary>
    public static async Task<string?> ProblemAsync(IConnectorDatabase database, TimeSpan wait, TimeProvider time, TextWriter error, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + wait;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
                await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
                return null;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                var message = $"The database cannot be reached: {exception.Message}";
                if (!Transient(exception) || time.GetUtcNow() + Pause > deadline) return message;
                await error.WriteLineAsync($"{message} (attempt {attempt}; retrying until {deadline:u})");
                await Task.Delay(Pause, time, cancellationToken);
            }
        }
    }

    // Authentication and a missing database are configuration errors: waiting cannot fix them.
    private static bool Transient(Exception exception) =>
        exception is not PostgresException { SqlState: "28P01" or "28000" or "3D000" };
}
