#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using Terminal.Drivers.Network;
using Terminal.Drivers.Timing;

namespace Terminal.Host
{
    /// <summary>
    /// The HTTP port on the host: .NET's synchronous HttpClient.Send over one reused client. Every exchange has
    /// a timeout (headers and body) and one deadline: the token aborts a blocked read, and the body-read loop it
    /// shares with the device transport (<see cref="HttpBodyReader"/>) refuses a body still trickling in at the
    /// deadline, or one that would overflow the caller's bounded buffer (without reading the rest).
    /// Host only: allocations here are the HTTP stack's.
    /// </summary>
    public sealed class HttpClientTransport : IHttpTransport, IDisposable
    {
        private static readonly MediaTypeHeaderValue Json = new MediaTypeHeaderValue("application/json");

        private readonly HttpClient _client;
        private readonly Uri _baseAddress;
        private readonly IClock _clock;
        private readonly HttpBodyReader _bodyReader;

        /// <param name="clock">The clock of the request deadline (the system clock unless a test drives it).</param>
        public HttpClientTransport(string baseUrl, IClock? clock = null)
        {
            _clock = clock ?? new SystemClock();
            _bodyReader = new HttpBodyReader(_clock);
            _baseAddress = new Uri(baseUrl.EndsWith("/", StringComparison.Ordinal) ? baseUrl : baseUrl + "/");
            var handler = new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
                AllowAutoRedirect = false,
                UseCookies = false,
            };
            _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }; // each Send has its own bound
        }

        public int Send(string method, string path, HttpHeaderBlock headers, byte[] body, int bodyLength,
            HttpResponseBuffer response, int timeoutMs)
        {
            response.Reset();
            long deadlineMs = _clock.NowMs + timeoutMs;
            using var timeout = new CancellationTokenSource(timeoutMs);
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_baseAddress, path.TrimStart('/')));
            request.Content = new ByteArrayContent(body ?? Array.Empty<byte>(), 0, bodyLength);
            request.Content.Headers.ContentType = Json;
            for (int i = 0; i < headers.Count; i++)
            {
                string? value = headers.ValueText(i);
                if (value != null) request.Headers.TryAddWithoutValidation(headers.Name(i), value);
            }

            HttpResponseMessage? message = null;
            try
            {
                message = _client.Send(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                // A stalled body must not outlive the timeout either: disposing the response aborts the read.
                using var abortRead = timeout.Token.Register(static m => ((HttpResponseMessage)m!).Dispose(), message);
                CopyHeaders(message, response.Headers);
                long? declared = message.Content.Headers.ContentLength;
                if (declared.HasValue && declared.Value > response.Body.Length) return TransportError.ResponseTooLarge;
                using Stream stream = message.Content.ReadAsStream(timeout.Token);
                int bodyResult = _bodyReader.Read(new StreamBodySource(stream), response, deadlineMs);
                if (bodyResult != HttpBodyReader.Complete) return bodyResult;
                if (timeout.IsCancellationRequested) return TransportError.Timeout;
                return (int)message.StatusCode;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return TransportError.Timeout;
            }
            catch (ObjectDisposedException) when (timeout.IsCancellationRequested)
            {
                return TransportError.Timeout;
            }
            catch (HttpRequestException e)
            {
                if (timeout.IsCancellationRequested) return TransportError.Timeout;
                return e.HttpRequestError == HttpRequestError.ConnectionError || e.HttpRequestError == HttpRequestError.NameResolutionError
                    ? TransportError.ConnectFailed : TransportError.Reset;
            }
            catch (IOException)
            {
                return timeout.IsCancellationRequested ? TransportError.Timeout : TransportError.Reset;
            }
            finally
            {
                message?.Dispose();
            }
        }

        private static void CopyHeaders(HttpResponseMessage message, HttpHeaderBlock headers)
        {
            for (int i = 0; i < headers.Count; i++)
            {
                if (message.Headers.TryGetValues(headers.Name(i), out IEnumerable<string>? values))
                {
                    foreach (string value in values)
                    {
                        headers.Set(i, value);
                        break;
                    }
                }
            }
        }

        public void Dispose()
        {
            _client.Dispose();
        }
    }

    /// <summary>A .NET stream as the shared body reader sees it (the token of the exchange bounds each read).</summary>
    internal sealed class StreamBodySource(Stream stream) : IHttpBodySource
    {
        public int Read(byte[] buffer, int offset, int count, int timeoutMs) => stream.Read(buffer, offset, count);
    }
}
