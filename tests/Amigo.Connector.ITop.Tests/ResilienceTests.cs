namespace Amigo.Connector.ITop.Tests;

/// <summary>Retries for reads, never a blind retry for writes, clear transport errors, secrets kept out of messages and logs, cancellation.</summary>
public sealed class ResilienceTests : IDisposable
{
    private const string Password = "S3cr3t-P@ss-9f2";
    private readonly ITopSimulation _sim = ITopSimulation.Start(new ITopSimulationOptions
    {
        Users = [ITopSimulationOptions.Connector with { Password = Password }, ITopSimulationOptions.Admin],
        Tokens = new Dictionary<string, string> { ["tok-7d1c-secret"] = "connector" },
    });
    private readonly long _org;

    public ResilienceTests() => _org = _sim.Store.AddOrganization("Académie de Toulouse");

    private ITopClient Client(Func<ITopClientOptions, ITopClientOptions>? configure = null, ILogger<ITopClient>? logger = null)
    {
        var options = _sim.ClientOptions() with { Password = Password };
        return new ITopClient(configure is null ? options : configure(options), logger: logger);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("empty")]
    [InlineData("502")]
    [InlineData("503")]
    public async Task Reads_are_retried_after_transient_faults(string fault)
    {
        using var client = Client();
        switch (fault)
        {
            case "html": _sim.FailNextWithHtml(times: 2); break;
            case "empty": _sim.FailNextWithEmptyBody(times: 2); break;
            default: _sim.FailNextWithStatus(int.Parse(fault, System.Globalization.CultureInfo.InvariantCulture), times: 2); break;
        }
        var result = await client.GetAsync(new ITopGetRequest("Organization", ITopKey.Id(_org), ["name"]));
        Assert.Equal("Académie de Toulouse", result.Objects.Single().GetString("name"));
        Assert.Equal(3, _sim.CallLog.Count);
    }

    [Fact]
    public async Task Reads_give_up_after_the_configured_attempts_with_an_error_naming_the_instance()
    {
        using var client = Client(o => o with { InstanceName = "ac-toulouse", MaxRetryAttempts = 2 });
        _sim.FailNextWithHtml(times: 5);
        var error = await Assert.ThrowsAsync<ITopTransportException>(() => client.ListOperationsAsync());
        Assert.Contains("iTop 'ac-toulouse'", error.Message);
        Assert.Contains("an HTML page", error.Message);
        Assert.Contains("Fatal error", error.Message);
        Assert.Equal(3, _sim.CallLog.Count);
    }

    [Fact]
    public async Task Application_errors_are_never_retried()
    {
        using var client = Client();
        await Assert.ThrowsAsync<ITopException>(() => client.GetAsync(new ITopGetRequest("UserRequestX", ITopKey.Id(1), ["id"])));
        Assert.Single(_sim.CallLog);
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_is_not_retried_and_reports_an_unknown_outcome()
    {
        using var client = Client();
        _sim.FailNextAfterApplying();
        var error = await Assert.ThrowsAsync<ITopOutcomeUnknownException>(() => Create(client));
        Assert.Equal("core/create", error.Operation);
        Assert.Single(_sim.CallLog);
        Assert.Equal(1, _sim.Store.Count("UserRequest"));
    }

    [Fact]
    public async Task A_write_that_times_out_is_not_retried()
    {
        using var client = Client(o => o with { Timeout = TimeSpan.FromSeconds(1) });
        _sim.DelayNext(TimeSpan.FromSeconds(3));
        var error = await Assert.ThrowsAsync<ITopOutcomeUnknownException>(() => Create(client));
        Assert.IsType<ITopTransportException>(error.InnerException);
        Assert.Single(_sim.CallLog);
        Assert.Equal(1, _sim.Store.Count("UserRequest"));
    }

    [Fact]
    public async Task A_write_answered_by_an_error_page_is_not_retried()
    {
        using var client = Client();
        _sim.FailNextWithStatus(502);
        await Assert.ThrowsAsync<ITopOutcomeUnknownException>(() => Create(client));
        Assert.Single(_sim.CallLog);
    }

    [Fact]
    public async Task A_read_that_times_out_is_retried()
    {
        using var client = Client(o => o with { Timeout = TimeSpan.FromSeconds(1) });
        _sim.DelayNext(TimeSpan.FromSeconds(3));
        var operations = await client.ListOperationsAsync();
        Assert.Equal(7, operations.Count);
        Assert.Equal(2, _sim.CallLog.Count);
    }

    [Fact]
    public async Task Refused_connections_are_retried_then_reported_for_reads_and_writes()
    {
        var port = FreePort();
        var options = _sim.ClientOptions() with { Url = $"http://127.0.0.1:{port}/", Password = Password, InstanceName = "ac-nowhere", MaxRetryAttempts = 2 };
        using var client = new ITopClient(options);
        var read = await Assert.ThrowsAsync<ITopTransportException>(() => client.ListOperationsAsync());
        Assert.Contains("iTop 'ac-nowhere'", read.Message);
        Assert.True(read.RequestNotSent);
        // Nothing reached iTop, so a write can say so plainly instead of "outcome unknown".
        var write = await Assert.ThrowsAsync<ITopTransportException>(() => Create(client));
        Assert.True(write.RequestNotSent);
    }

    [Fact]
    public async Task Streams_fail_clearly_on_a_cut_answer()
    {
        using var client = Client(o => o with { MaxRetryAttempts = 0 });
        for (var i = 0; i < 20; i++) _sim.Store.AddPerson(_org, "Prénom" + i, "Nom" + i);
        _sim.FailNextAfterApplying();
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var _ in client.StreamAsync(new ITopGetRequest("Person", ITopKey.Query(Oql.Select("Person").Build()), ["id", "name"]))) { }
        });
        Assert.True(error is ITopTransportException or ITopFormatException, error.GetType().Name);
        Assert.Contains("simulation", error.Message);
    }

    [Fact]
    public async Task Passwords_and_tokens_never_appear_in_messages_or_logs()
    {
        var logger = new CapturingLogger();
        using (var wrong = Client(o => o with { Password = Password + "x" }, logger))
        {
            var error = await Assert.ThrowsAsync<ITopUnauthorizedException>(() => wrong.ListOperationsAsync());
            Assert.DoesNotContain(Password, error.ToString());
        }
        using (var client = Client(logger: logger))
        {
            Assert.True(await client.CheckCredentialsAsync("connector", Password));
            Assert.DoesNotContain(Password, client.ToString());
            _sim.FailNextWithHtml(times: 10);
            var transport = await Assert.ThrowsAsync<ITopTransportException>(() => client.ListOperationsAsync());
            Assert.DoesNotContain(Password, transport.ToString());
            _sim.ClearFaults();
        }
        using (var token = Client(o => o with { AuthMode = ITopAuthMode.Token, Token = "tok-7d1c-secret" }, logger))
        {
            Assert.Equal(7, (await token.ListOperationsAsync()).Count);
            Assert.DoesNotContain("tok-7d1c-secret", token.ToString());
        }
        var misconfigured = Assert.Throws<ArgumentException>(() => new ITopClient(_sim.ClientOptions() with { Url = $"http://connector:{Password}@localhost/" }));
        Assert.DoesNotContain(Password, misconfigured.Message);
        Assert.DoesNotContain(Password, (_sim.ClientOptions() with { Password = Password }).ToString());
        Assert.NotEmpty(logger.Lines);
        Assert.All(logger.Lines, line =>
        {
            Assert.DoesNotContain(Password, line);
            Assert.DoesNotContain("tok-7d1c-secret", line);
        });
    }

    [Fact]
    public async Task Basic_and_token_modes_authenticate()
    {
        using var basic = Client(o => o with { AuthMode = ITopAuthMode.Basic });
        Assert.Equal(7, (await basic.ListOperationsAsync()).Count);
        using var badToken = Client(o => o with { AuthMode = ITopAuthMode.Token, Token = "unknown" });
        Assert.Equal("Error: Invalid login", (await Assert.ThrowsAsync<ITopUnauthorizedException>(() => badToken.ListOperationsAsync())).ITopMessage);
    }

    [Fact]
    public async Task Cancellation_is_honoured_and_not_reported_as_a_fault()
    {
        using var client = Client();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListOperationsAsync(cancelled.Token));

        _sim.DelayNext(TimeSpan.FromSeconds(5));
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(new ITopGetRequest("Organization", ITopKey.Id(_org), ["id"]), soon.Token));

        for (var i = 0; i < 10; i++) _sim.Store.AddPerson(_org, "P" + i, "N" + i);
        using var midStream = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.StreamAsync(new ITopGetRequest("Person", ITopKey.Query(Oql.Select("Person").Build()), ["id"]), midStream.Token))
                if (++seen == 3) await midStream.CancelAsync();
        });
        Assert.Equal(3, seen);
    }

    [Fact]
    public async Task Concurrency_per_instance_is_limited()
    {
        using var client = Client(o => o with { MaxConcurrency = 2 });
        _sim.DelayNext(TimeSpan.FromMilliseconds(300), times: 6);
        var started = DateTime.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.ListOperationsAsync()));
        // 6 calls of 300 ms, 2 at a time: at least 3 rounds.
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(850), $"{(DateTime.UtcNow - started).TotalMilliseconds} ms");
    }

    [Fact]
    public void Misconfiguration_is_reported_without_secrets()
    {
        var error = Assert.Throws<ArgumentException>(() => new ITopClient(new ITopClientOptions { InstanceName = "ac-x", Url = "ftp://x", Password = Password, Version = "1.5" }));
        Assert.Contains("Url must be an absolute http(s) URL", error.Message);
        Assert.Contains("User is required", error.Message);
        Assert.Contains("Version must be one of 1.0 to 1.4", error.Message);
        Assert.DoesNotContain(Password, error.Message);
    }

    private Task<ITopObject> Create(ITopClient client) => client.CreateAsync(new ITopWrite("UserRequest", null,
        new ITopFields().Set("org_id", _org).Set("title", "Demande").Set("description", "Texte"), "Créé par le connecteur", ["id"]));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _sim.Dispose();

    private sealed class CapturingLogger : ILogger<ITopClient>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add(formatter(state, exception) + " " + exception);
        }
    }
}
