namespace Amigo.Connector.Testing.Postgres;

/// <summary>Accepts the connection string forms people paste into AMIGO_PG: Npgsql, libpq key/value and libpq URIs.</summary>
public static class ConnectionStrings
{
    /// <summary>An Npgsql connection string equivalent to <paramref name="value"/>.</summary>
    public static string Normalise(string value)
    {
        value = value.Trim();
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return FromUri(new Uri(value));
        }

        if (!value.Contains(';', StringComparison.Ordinal) && value.Contains(' ', StringComparison.Ordinal))
        {
            return FromKeyValue(value);
        }

        return new NpgsqlConnectionStringBuilder(value).ConnectionString;
    }

    private static string FromUri(Uri uri)
    {
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0)
        {
            builder.Database = Uri.UnescapeDataString(database);
        }

        return builder.ConnectionString;
    }

    private static string FromKeyValue(string value)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        foreach (var pair in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, item) = pair.Split('=', 2) is [var k, var v] ? (k, v.Trim('\'')) : throw new ArgumentException($"Not a key=value pair in AMIGO_PG: {pair}");
            switch (key.ToLowerInvariant())
            {
                case "host": builder.Host = item; break;
                case "port": builder.Port = int.Parse(item, System.Globalization.CultureInfo.InvariantCulture); break;
                case "user": builder.Username = item; break;
                case "password": builder.Password = item; break;
                case "dbname": builder.Database = item; break;
                case "sslmode": builder.SslMode = Enum.Parse<SslMode>(item, ignoreCase: true); break;
                default: builder[key] = item; break;
            }
        }

        return builder.ConnectionString;
    }
}
