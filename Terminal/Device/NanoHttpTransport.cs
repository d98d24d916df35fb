using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Terminal.Drivers.Network;
using Terminal.Drivers.Timing;

namespace Terminal.Device
{
    /// <summary>
    /// The HTTP port on the ESP32, over nanoFramework.System.Net.Http 1.5.x. NOT BUILT HERE (the build machine has
    /// no nanoFramework packages beyond mscorlib): compiled by the nanoFramework extension and verified only on a
    /// device; compiled on a build machine by the bench (docs/device-verification.md). Written from the package's source:
    /// - nanoFramework's HttpClient copies response headers into an internal store with no public reader
    ///   (HttpHeaders has only Add), and the protocol's signature travels in response headers. So this adapter
    ///   uses HttpWebRequest - exactly what HttpClient's handler does underneath - with the same settings:
    ///   keep-alive (the package pools the connection, so it is reused like one HttpClient), a timeout on every
    ///   request (Timeout and ReadWriteTimeout; the default would be infinite), TLS 1.2 and the gateway's root
    ///   CA pinned in HttpsAuthentCert, so only that CA's certificates are accepted.
    /// - One deadline per request (start + timeout): Timeout bounds connect and headers, and the shared
    ///   <see cref="HttpBodyReader"/> bounds the body - each read waits at most the time left (the stream's
    ///   ReadTimeout) and a body still trickling in at the deadline is a timeout.
    /// - Every response is disposed in finally (the device runs out of sockets after about 16 undisposed ones).
    /// - The body is read into the caller's bounded buffer and refused as too large, unread, when it would overflow.
    /// </summary>
    public sealed class NanoHttpTransport : IHttpTransport
    {
        private readonly string _baseUrl;
        private readonly X509Certificate _rootCa;
        private readonly IClock _clock;
        private readonly HttpBodyReader _bodyReader;
        private readonly StreamBodySource _body = new StreamBodySource();

        /// <param name="baseUrl">e.g. "https://gw.example.no" (no trailing slash).</param>
        /// <param name="rootCaPem">The gateway's root CA certificate (PEM), provisioned with the terminal's key.</param>
        public NanoHttpTransport(string baseUrl, byte[] rootCaPem, IClock clock)
        {
            _clock = clock;
            _bodyReader = new HttpBodyReader(clock);
            _baseUrl = baseUrl;
            _rootCa = rootCaPem == null ? null : new X509Certificate(rootCaPem);
        }

        public int Send(string method, string path, HttpHeaderBlock headers, byte[] body, int bodyLength,
            HttpResponseBuffer response, int timeoutMs)
        {
            response.Reset();
            long deadlineMs = _clock.NowMs + timeoutMs;
            HttpWebResponse answer = null;
            try
            {
                HttpWebRequest request = (HttpWebRequest)WebRequest.Create(_baseUrl + path);
                request.Method = method;
                request.KeepAlive = true;
                request.Timeout = timeoutMs;
                request.ReadWriteTimeout = timeoutMs;
                request.SslProtocols = SslProtocols.Tls12;
                if (_rootCa != null) request.HttpsAuthentCert = _rootCa;
                request.ContentType = "application/json";
                for (int i = 0; i < headers.Count; i++)
                {
                    if (headers.ValueLength(i) >= 0) request.Headers.Add(headers.Name(i), headers.ValueText(i));
                }
                request.ContentLength = bodyLength;
                using (Stream requestStream = request.GetRequestStream())
                {
                    if (bodyLength > 0) requestStream.Write(body, 0, bodyLength);
                }

                try
                {
                    answer = (HttpWebResponse)request.GetResponse();
                }
                catch (WebException e)
                {
                    // An error status still carries a signed answer to read.
                    answer = e.Response as HttpWebResponse;
                    if (answer == null) throw;
                }

                HttpHeaderBlock wanted = response.Headers;
                for (int i = 0; i < wanted.Count; i++)
                {
                    string value = answer.Headers[wanted.Name(i)];
                    if (value != null) wanted.Set(i, value);
                }
                if (answer.ContentLength > response.Body.Length) return TransportError.ResponseTooLarge;
                using (Stream stream = answer.GetResponseStream())
                {
                    _body.Stream = stream;
                    int bodyResult = _bodyReader.Read(_body, response, deadlineMs);
                    if (bodyResult != HttpBodyReader.Complete) return bodyResult;
                }
                return (int)answer.StatusCode;
            }
            catch (WebException e)
            {
                if (e.Status == WebExceptionStatus.Timeout || _clock.NowMs >= deadlineMs) return TransportError.Timeout;
                if (e.Status == WebExceptionStatus.ConnectFailure || e.Status == WebExceptionStatus.NameResolutionFailure
                    || e.Status == WebExceptionStatus.SecureChannelFailure || e.Status == WebExceptionStatus.TrustFailure)
                {
                    return TransportError.ConnectFailed;
                }
                return TransportError.Reset;
            }
            catch (IOException)
            {
                // A read that waited out the time left ends here (the socket's receive timeout).
                return _clock.NowMs >= deadlineMs ? TransportError.Timeout : TransportError.Reset;
            }
            catch (Exception)
            {
                return _clock.NowMs >= deadlineMs ? TransportError.Timeout : TransportError.Failed;
            }
            finally
            {
                _body.Stream = null;
                if (answer != null) answer.Dispose();
            }
        }
    }

    /// <summary>The response stream as the shared body reader sees it: each read waits at most the time left.</summary>
    internal sealed class StreamBodySource : IHttpBodySource
    {
        public Stream Stream;

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (Stream.CanTimeout) Stream.ReadTimeout = timeoutMs;
            return Stream.Read(buffer, offset, count);
        }
    }
}
