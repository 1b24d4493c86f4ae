using Newtonsoft.Json;

namespace Amigo.Connector.ITop;

/// <summary>
/// The REST client of one iTop instance. Buffered calls go through RestSharp; <see cref="StreamAsync"/> reads the
/// answer of the HttpClient RestSharp wraps while it arrives. Reads are retried on transient faults; writes never
/// are once they may have reached iTop (a lost answer raises <see cref="ITopOutcomeUnknownException"/>).
/// At most <see cref="ITopClientOptions.MaxConcurrency"/> calls are in flight at once.
/// </summary>
public sealed class ITopClient : IITopClient, IDisposable
{
    private const int StartBytes = 512;
    private readonly ITopClientOptions _options;
    private readonly ITopWire _wire;
    private readonly HttpClient _http;
    private readonly RestClient _rest;
    private readonly SemaphoreSlim _gate;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _readPipeline;
    private readonly ResiliencePipeline _writePipeline;

    /// <summary>Creates the client of one instance; <paramref name="handler"/> replaces the network (tests, benchmarks).</summary>
    public ITopClient(ITopClientOptions options, HttpMessageHandler? handler = null, ILogger<ITopClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _wire = new ITopWire(options);
        TimeZone = new ITopTimeZone(options.TimeZone);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _gate = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        // Cookies buy nothing (iTop logs in on every call) and must not leak a session between calls.
        _http = new HttpClient(handler ?? new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _rest = new RestClient(_http, new RestClientOptions(_wire.Endpoint.GetLeftPart(UriPartial.Path)) { Timeout = options.Timeout, ThrowOnAnyError = false });
        _readPipeline = BuildPipeline(e => e.IsTransient);
        _writePipeline = BuildPipeline(e => e.IsTransient && e.RequestNotSent);
    }

    /// <inheritdoc />
    public string InstanceName => _options.InstanceName;

    /// <inheritdoc />
    public ITopTimeZone TimeZone { get; }

    /// <inheritdoc />
    public Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default) =>
        ExchangeAsync("list_operations", ITopRequestJson.ListOperations(), isWrite: false, body =>
        {
            var answer = ParseEnvelope(body, "list_operations");
            IReadOnlyList<ITopOperation> operations = (answer["operations"] as JArray ?? [])
                .Select(o => new ITopOperation((string?)o["verb"] ?? "", (string?)o["description"] ?? "", (string?)o["extension"] ?? ""))
                .ToList();
            return Task.FromResult(operations);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(password);
        return ExchangeAsync("core/check_credentials", ITopRequestJson.CheckCredentials(user, password), isWrite: false, body =>
        {
            var answer = ParseEnvelope(body, "core/check_credentials");
            return Task.FromResult(answer.Value<bool?>("authorized") ?? false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ExchangeAsync("core/get", ITopRequestJson.Get(request), isWrite: false, async body =>
        {
            var (header, objects) = await ParseObjectsAsync(body, "core/get", cancellationToken).ConfigureAwait(false);
            return new ITopGetResult(header?.Count ?? objects.Count, objects);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, CancellationToken cancellationToken = default) =>
        ITopAnswerReader.ToObjectsAsync(StreamPagesAsync(request, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ITopAnswerPage> StreamPagesAsync(ITopGetRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string operation = "core/get";
        var jsonData = ITopWire.Serialize(ITopRequestJson.Get(request));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A stalled answer (iTop silent for longer than Timeout while the reader waits) fails instead of hanging the sync.
            using var idle = new StallWatchdog(_options.Timeout, cancellationToken);
            var started = Stopwatch.GetTimestamp();
            using var response = await _readPipeline.ExecuteAsync(
                async token => await OpenStreamAsync(operation, jsonData, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            await using var stream = response.Body;
            var count = 0;
            await using var pages = ITopAnswerReader.ReadPagesAsync(stream, InstanceName, operation, null, idle.Token).GetAsyncEnumerator(idle.Token);
            while (true)
            {
                ITopAnswerPage current;
                try
                {
                    // Only iTop's silence counts: the time the caller spends on each page does not.
                    idle.Waiting();
                    if (!await pages.MoveNextAsync().ConfigureAwait(false)) break;
                    current = pages.Current;
                    idle.Delivered();
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw Transport(operation, $"the answer stalled for more than {_options.Timeout.TotalSeconds:0.#} s after {count} objects", null, transient: true);
                }
                catch (Exception e) when (e is IOException or HttpRequestException or System.Text.Json.JsonException)
                {
                    throw Transport(operation, $"the answer broke off after {count} objects ({e.GetType().Name}: {e.Message})", e, transient: true);
                }
                count += current.Count;
                yield return current;
            }
            _logger.LogDebug("iTop {Instance} {Operation} {Class} streamed {Count} objects in {Elapsed} ms",
                InstanceName, operation, request.ClassName, count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        return WriteOneAsync("core/create", ITopRequestJson.Create(write), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        return WriteOneAsync("core/update", ITopRequestJson.Update(write), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stimulus);
        return WriteOneAsync("core/apply_stimulus", ITopRequestJson.ApplyStimulus(stimulus), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) =>
        ExchangeAsync("core/delete", ITopRequestJson.Delete(className, key, comment, simulate), isWrite: !simulate, async body =>
        {
            var (header, objects) = await ParseObjectsAsync(body, "core/delete", cancellationToken).ConfigureAwait(false);
            return new ITopDeleteResult(header?.Count ?? objects.Count, objects);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ExchangeAsync("core/get_related", ITopRequestJson.GetRelated(request), isWrite: false, async body =>
        {
            var (_, objects) = await ParseObjectsAsync(body, "core/get_related", cancellationToken).ConfigureAwait(false);
            return new ITopGetResult(objects.Count, objects);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _rest.Dispose();
        _http.Dispose();
        _gate.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => _options.ToString();

    private Task<ITopObject> WriteOneAsync(string operation, JObject json, CancellationToken cancellationToken) =>
        ExchangeAsync(operation, json, isWrite: true, async body =>
        {
            var (header, objects) = await ParseObjectsAsync(body, operation, cancellationToken).ConfigureAwait(false);
            // iTop's silent refusal: a lifecycle action returned false, iTop answers code 0 and no object.
            if (objects.Count == 0)
                throw new ITopException(InstanceName, operation, ITopErrorCodes.Ok,
                    $"iTop answered without the written object (silent refusal){(string.IsNullOrEmpty(header?.Message) ? "" : ": " + header!.Message)}");
            return objects[0];
        }, cancellationToken);

    private async Task<T> ExchangeAsync<T>(string operation, JObject json, bool isWrite, Func<byte[], Task<T>> parse, CancellationToken cancellationToken)
    {
        var jsonData = ITopWire.Serialize(json);
        var pipeline = isWrite ? _writePipeline : _readPipeline;
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                var body = await SendAsync(operation, jsonData, token).ConfigureAwait(false);
                try
                {
                    return await parse(body).ConfigureAwait(false);
                }
                catch (Exception e) when (e is JsonReaderException or System.Text.Json.JsonException)
                {
                    throw Transport(operation, $"the answer is not complete JSON ({e.Message})", e, transient: true);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ITopTransportException e) when (isWrite && !e.RequestNotSent)
        {
            _logger.LogWarning("iTop {Instance} {Operation}: outcome unknown, not retried: {Reason}", InstanceName, operation, e.Message);
            throw new ITopOutcomeUnknownException(InstanceName, operation, e);
        }
    }

    private async Task<byte[]> SendAsync(string operation, string jsonData, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var request = new RestRequest("", Method.Post) { Timeout = _options.Timeout };
            request.AddQueryParameter("version", _options.Version);
            request.AddHeader(KnownHeaders.Accept, "application/json");
            if (_wire.BasicHeader() is { } basic) request.AddHeader(KnownHeaders.Authorization, basic.ToString());
            foreach (var (name, value) in _wire.FormFields(jsonData))
                request.AddParameter(name, value, ParameterType.GetOrPost);

            var response = await _rest.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var elapsed = Stopwatch.GetElapsedTime(started);

            if (response.ResponseStatus == ResponseStatus.TimedOut
                || (response.StatusCode == 0 && response.ErrorException is TimeoutException or TaskCanceledException))
                throw Transport(operation, $"no answer within {_options.Timeout.TotalSeconds:0.#} s", response.ErrorException, transient: true);
            if (response.StatusCode == 0)
                throw ConnectionFailure(operation, response.ErrorException);
            CheckStatus(operation, response.StatusCode);
            var bytes = response.RawBytes ?? [];
            var first = PrefixedStream.FirstSignificant(bytes);
            if (first < 0 || bytes[first] != (byte)'{')
                throw NotJson(operation, bytes.AsSpan(0, Math.Min(bytes.Length, StartBytes)));
            _logger.LogDebug("iTop {Instance} {Operation} answered {Bytes} bytes in {Elapsed} ms", InstanceName, operation, bytes.Length, elapsed.TotalMilliseconds);
            return bytes;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<StreamedAnswer> OpenStreamAsync(string operation, string jsonData, CancellationToken cancellationToken)
    {
        using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headers.CancelAfter(_options.Timeout);
        HttpResponseMessage? response = null;
        try
        {
            using var request = _wire.CreateHttpRequest(jsonData);
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token).ConfigureAwait(false);
            CheckStatus(operation, response.StatusCode);
            var stream = await response.Content.ReadAsStreamAsync(headers.Token).ConfigureAwait(false);
            var (start, length) = await PrefixedStream.ReadStartAsync(stream, StartBytes, headers.Token).ConfigureAwait(false);
            var first = PrefixedStream.FirstSignificant(start.AsSpan(0, length));
            if (first < 0 || start[first] != (byte)'{') throw NotJson(operation, start.AsSpan(0, length));
            var answer = new StreamedAnswer(response, new PrefixedStream(start, length, stream));
            response = null;
            return answer;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Transport(operation, $"no answer within {_options.Timeout.TotalSeconds:0.#} s", e, transient: true);
        }
        catch (HttpRequestException e)
        {
            throw ConnectionFailure(operation, e);
        }
        catch (IOException e)
        {
            throw Transport(operation, $"the connection broke ({e.Message})", e, transient: true);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private void CheckStatus(string operation, HttpStatusCode status)
    {
        var code = (int)status;
        if (code == 200) return;
        // iTop itself always answers 200: anything else comes from PHP, the web server or a proxy.
        throw Transport(operation, $"HTTP {code} {status}", null, transient: code >= 500 || code == 429 || code == 408);
    }

    private ITopTransportException NotJson(string operation, ReadOnlySpan<byte> start)
    {
        var description = ITopAnswerReader.DescribeNonJson(start);
        // An HTML page or an empty body is what PHP fatal errors and proxies produce: worth another try for a read.
        // A JSONP or other non-JSON answer is a configuration problem that trying again will not fix.
        var transient = description.StartsWith("an HTML", StringComparison.Ordinal) || description.StartsWith("an empty", StringComparison.Ordinal);
        return Transport(operation, $"it answered {description} instead of JSON", null, transient);
    }

    private ITopTransportException ConnectionFailure(string operation, Exception? error)
    {
        var socket = error as SocketException ?? error?.InnerException as SocketException ?? error?.InnerException?.InnerException as SocketException;
        var refused = socket?.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable;
        var reason = socket is not null ? $"{socket.SocketErrorCode}" : error?.Message ?? "connection failed";
        return Transport(operation, $"connection failed ({reason})", error, transient: true, requestNotSent: refused);
    }

    private ITopTransportException Transport(string operation, string detail, Exception? inner, bool transient, bool requestNotSent = false) =>
        new(InstanceName, operation, detail, inner, transient, requestNotSent);

    private JObject ParseEnvelope(byte[] body, string operation)
    {
        var answer = JObject.Parse(Encoding.UTF8.GetString(body), new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Ignore });
        var code = answer.Value<int?>("code") ?? throw new ITopFormatException($"iTop '{InstanceName}' answered {operation} without a code.");
        ITopAnswerReader.EnsureSuccess(InstanceName, operation, code, answer.Value<string?>("message"));
        return answer;
    }

    private async Task<(ITopAnswerHeader? Header, IReadOnlyList<ITopObject> Objects)> ParseObjectsAsync(byte[] body, string operation, CancellationToken cancellationToken)
    {
        ITopAnswerHeader? header = null;
        var objects = new List<ITopObject>();
        using var stream = new MemoryStream(body, writable: false);
        await foreach (var item in ITopAnswerReader.ReadObjectsAsync(stream, InstanceName, operation, h => header = h, cancellationToken).ConfigureAwait(false))
            objects.Add(item);
        return (header, objects);
    }

    private ResiliencePipeline BuildPipeline(Func<ITopTransportException, bool> retryable)
    {
        if (_options.MaxRetryAttempts == 0) return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle(retryable),
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.RetryMaxDelay,
                OnRetry = args =>
                {
                    _logger.LogWarning("iTop {Instance}: attempt {Attempt} failed ({Reason}); retrying in {Delay} ms",
                        InstanceName, args.AttemptNumber + 1, args.Outcome.Exception?.Message, args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private sealed class StreamedAnswer(HttpResponseMessage response, Stream body) : IDisposable
    {
        public Stream Body { get; } = body;

        public void Dispose() => response.Dispose();
    }
}
