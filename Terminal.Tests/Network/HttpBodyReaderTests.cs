using System.Net;
using System.Net.Sockets;
using System.Text;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Network;
using Terminal.Drivers.Timing;
using Terminal.Host;
using Xunit;

namespace Terminal.Tests.Network;

/// <summary>
/// The body-read loop both HTTP transports share: a bounded buffer, the end of the body in either spelling
/// (0 or -1), and one deadline per request that a trickled body cannot outlast.
/// </summary>
public class HttpBodyReaderTests
{
    private static HttpResponseBuffer Buffer(int capacity) => new(capacity, new HttpHeaderBlock(new[] { "X-Nonce" }, 16));

    /// <summary>Hands out its bytes a few per read, advancing the fake clock by a fixed step on every read.</summary>
    private sealed class TricklingSource(byte[] bytes, int bytesPerRead, FakeClock clock, long msPerRead, int endValue = 0) : IHttpBodySource
    {
        private int _next;
        public readonly List<int> TimeoutsSeen = new();

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            TimeoutsSeen.Add(timeoutMs);
            clock.Advance(msPerRead);
            if (_next == bytes.Length) return endValue;
            int n = Math.Min(Math.Min(count, bytesPerRead), bytes.Length - _next);
            Array.Copy(bytes, _next, buffer, offset, n);
            _next += n;
            return n;
        }

        public int Delivered => _next;
    }

    private static byte[] Body(int length) => Enumerable.Range(0, length).Select(i => (byte)('a' + i % 26)).ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_body_that_fits_is_read_whole_whatever_the_stream_returns_at_its_end(int endValue)
    {
        var clock = new FakeClock(1000);
        var response = Buffer(64);
        var source = new TricklingSource(Body(40), 7, clock, 1, endValue);

        int result = new HttpBodyReader(clock).Read(source, response, deadlineMs: 2000);

        Assert.Equal(HttpBodyReader.Complete, result);
        Assert.Equal(Body(40), response.Body.Take(response.BodyLength).ToArray());
    }

    [Fact]
    public void A_body_exactly_the_size_of_the_buffer_fits()
    {
        var clock = new FakeClock(0);
        var response = Buffer(32);
        int result = new HttpBodyReader(clock).Read(new TricklingSource(Body(32), 32, clock, 1), response, 1000);
        Assert.Equal((HttpBodyReader.Complete, 32), (result, response.BodyLength));
    }

    [Fact]
    public void One_byte_more_than_the_buffer_is_refused_as_too_large_without_reading_the_rest()
    {
        var clock = new FakeClock(0);
        var response = Buffer(32);
        var source = new TricklingSource(Body(5000), 32, clock, 1);

        int result = new HttpBodyReader(clock).Read(source, response, 1000);

        Assert.Equal(TransportError.ResponseTooLarge, result);
        Assert.Equal(33, source.Delivered);
        Assert.Equal(0, response.BodyLength);
    }

    [Fact]
    public void A_body_trickled_byte_by_byte_past_the_deadline_is_a_timeout_and_each_read_waits_at_most_the_time_left()
    {
        var clock = new FakeClock(10_000);
        var response = Buffer(2048);
        // 1,000 bytes, one per read, 10 ms per read: each read is quick, the whole body would take 10 s.
        var source = new TricklingSource(Body(1000), 1, clock, 10);

        int result = new HttpBodyReader(clock).Read(source, response, deadlineMs: 10_000 + 500);

        Assert.Equal(TransportError.Timeout, result);
        Assert.Equal(0, response.BodyLength);
        Assert.Equal(50, source.Delivered);
        Assert.Equal(new[] { 500, 490, 480 }, source.TimeoutsSeen.Take(3));
        Assert.Equal(10, source.TimeoutsSeen[^1]);
    }

    [Fact]
    public void A_request_whose_deadline_passed_before_the_body_reads_nothing()
    {
        var clock = new FakeClock(5000);
        var source = new TricklingSource(Body(10), 10, clock, 1);
        Assert.Equal(TransportError.Timeout, new HttpBodyReader(clock).Read(source, Buffer(64), deadlineMs: 5000));
        Assert.Equal(0, source.Delivered);
    }

    /// <summary>A clock that jumps by a step at each reading and lets the trickling server send one more byte.</summary>
    private sealed class SteppingClock(long stepMs, SemaphoreSlim oneMoreByte) : IClock
    {
        private long _now;
        public long NowMs
        {
            get
            {
                oneMoreByte.Release();
                return Interlocked.Add(ref _now, stepMs);
            }
        }
    }

    [Fact]
    public async Task The_host_transport_gives_up_on_a_body_trickled_over_real_http_at_its_deadline()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var oneMoreByte = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        int bytesSent = 0;
        Task server = Task.Run(async () =>
        {
            using TcpClient client = await listener.AcceptTcpClientAsync(stop.Token);
            NetworkStream stream = client.GetStream();
            byte[] request = new byte[4096];
            int received = 0;
            while (!Encoding.ASCII.GetString(request, 0, received).EndsWith("\r\n\r\n{}", StringComparison.Ordinal))
            {
                int n = await stream.ReadAsync(request.AsMemory(received), stop.Token);
                if (n == 0) return;
                received += n;
            }
            byte[] head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
            await stream.WriteAsync(head, stop.Token);
            try
            {
                while (bytesSent < 1000)
                {
                    await oneMoreByte.WaitAsync(stop.Token);
                    await stream.WriteAsync(new[] { (byte)'x' }, stop.Token);
                    bytesSent++;
                }
            }
            catch (OperationCanceledException) { }
            catch (IOException) { }
        });

        // Each clock reading is 10 s later: the 60 s deadline passes after a few bytes, long before the 60 s
        // real-time token would fire.
        using var transport = new HttpClientTransport("http://127.0.0.1:" + port, new SteppingClock(10_000, oneMoreByte));
        var response = Buffer(2048);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        int status = transport.Send("POST", "/v1/orders/wait", new HttpHeaderBlock(new[] { "X-Nonce" }, 16), Encoding.ASCII.GetBytes("{}"), 2, response, 60_000);

        Assert.Equal(TransportError.Timeout, status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "gave up by the deadline, not by the real-time token: " + watch.Elapsed);
        Assert.InRange(bytesSent, 0, 20);
        stop.Cancel();
        await server;
    }
}
