namespace Amigo.Connector.ITop.Tests;

/// <summary>A streamed answer that stops arriving fails after the timeout instead of hanging the sync.</summary>
public sealed class StallTests
{
    [Fact]
    public async Task A_stream_that_goes_silent_fails_with_an_error_naming_the_instance()
    {
        var start = "{\"code\":0,\"message\":\"Found: 2\",\"objects\":{\"UserRequest::1\":{\"code\":0,\"message\":\"\",\"class\":\"UserRequest\",\"key\":\"1\",\"fields\":{\"id\":\"1\"}},";
        using var client = new ITopClient(new ITopClientOptions
        {
            InstanceName = "ac-lente", Url = "http://itop.invalid/", User = "connector", Password = "secret", Timeout = TimeSpan.FromMilliseconds(500), MaxRetryAttempts = 0,
        }, new StallingHandler(Encoding.UTF8.GetBytes(start)));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ITopTransportException>(async () =>
        {
            await foreach (var _ in client.StreamAsync(new ITopGetRequest("UserRequest", ITopKey.Query(Oql.Select("UserRequest").Build()), ["id"]))) { }
        });
        Assert.Contains("iTop 'ac-lente'", error.Message);
        Assert.Contains("stalled", error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
    }

    private sealed class StallingHandler(byte[] start) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream(start)) });
    }

    private sealed class StallingStream(byte[] start) : Stream
    {
        private int _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < start.Length)
            {
                var count = Math.Min(buffer.Length, start.Length - _position);
                start.AsMemory(_position, count).CopyTo(buffer);
                _position += count;
                return count;
            }
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}
