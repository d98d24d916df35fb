using System;
using System.Threading;
using Terminal.Drivers.Network;
using Terminal.Drivers.Timing;
using Terminal.Text;

namespace Terminal.Gateway
{
    /// <summary>
    /// The terminal's side of docs/gateway-protocol.md. BLOCKING: it runs on the runner's network worker thread,
    /// never on the UI loop, and is not thread-safe (one worker, one call at a time: its buffers are shared).
    /// Each call fills a reusable <see cref="GatewayReply"/>; no call throws.
    /// Rules it keeps (money is at stake):
    /// - create, query, cancel and list are idempotent, so transport failures are retried with the same order
    ///   id (bounded attempts); every attempt gets a fresh nonce and signature;
    /// - a response counts only if it is signed with the terminal's key over this very request (its nonce),
    ///   fresh (timestamp within the replay window), well-formed and about the same order id, amount and
    ///   currency; anything else is Outcome Unknown with a stable error code - and Unknown is never Paid;
    /// - the long poll's steady state allocates nothing: the body, headers, signature and the reading of the
    ///   answer all use buffers made here, once.
    /// </summary>
    public sealed partial class GatewayClient
    {
        private const string Post = "POST";
        private const int NonceBytes = 8;
        private const int MaxRequestBytes = 512;
        private const int MaxJsonStringChars = 256;
        private const int NonceChars = 2 * NonceBytes; // the protocol's nonces: 16 lowercase hex characters

        // Request header slots.
        private const int RequestTerminal = 0;
        private const int RequestTimestamp = 1;
        private const int RequestNonce = 2;
        private const int RequestSignature = 3;

        // Response header slots.
        private const int ResponseTimestamp = 0;
        private const int ResponseNonce = 1;
        private const int ResponseSignature = 2;

        // Results of one exchange.
        private const int ExchangeAnswered = 1; // signed, fresh, well-formed 2xx: read the body
        private const int ExchangeRejected = 2; // signed, fresh, well-formed 4xx error: the reply says Rejected
        private const int ExchangeUnknown = 3;  // no trustworthy answer: the reply says Unknown

        private readonly GatewayConfig _config;
        private readonly IHttpTransport _transport;
        private readonly IWallClock _wallClock;
        private readonly IClock _clock;
        private readonly Random _random;
        private readonly MessageSigner _signer;
        private readonly JsonWriter _writer = new JsonWriter(MaxRequestBytes);
        private readonly JsonReader _reader = new JsonReader(MaxJsonStringChars);
        private readonly HttpHeaderBlock _requestHeaders;
        private readonly HttpResponseBuffer _response;
        private readonly byte[] _nonceBytes = new byte[NonceBytes];
        private readonly object _abortLock = new object();
        private bool _waiting;      // a long poll is at the transport
        private bool _abortWait;    // AbortWait was called for the long poll in progress or about to start

        public GatewayClient(GatewayConfig config, IHttpTransport transport, IWallClock wallClock, IClock clock, Random random)
        {
            _config = config;
            _transport = transport;
            _wallClock = wallClock;
            _clock = clock;
            _random = random;
            _signer = new MessageSigner(config.TerminalId, config.Key);
            // Each header's room by slot, written out: a constant array initializer would cost a hidden static
            // field on the device's heap (ConstantTable says why).
            int[] requestRoom = new int[RequestSignature + 1];
            requestRoom[RequestTerminal] = TerminalIdRule.MaxChars;
            requestRoom[RequestTimestamp] = AsciiDecimal.MaxWrittenChars;
            requestRoom[RequestNonce] = NonceChars;
            requestRoom[RequestSignature] = MessageSigner.SignatureHexChars;
            _requestHeaders = new HttpHeaderBlock(new string[]
            {
                GatewayPaths.TerminalHeader, GatewayPaths.TimestampHeader, GatewayPaths.NonceHeader, GatewayPaths.SignatureHeader,
            }, requestRoom);
            _requestHeaders.Set(RequestTerminal, config.TerminalId);
            if (config.ResponseBody != null && config.ResponseBody.Length < config.MaxResponseBytes) throw new ArgumentException("ResponseBody is shorter than MaxResponseBytes");
            byte[] body = config.ResponseBody != null ? config.ResponseBody : new byte[config.MaxResponseBytes];
            int[] responseRoom = new int[ResponseSignature + 1];
            responseRoom[ResponseTimestamp] = AsciiDecimal.MaxWrittenChars;
            responseRoom[ResponseNonce] = NonceChars;
            responseRoom[ResponseSignature] = MessageSigner.SignatureHexChars;
            _response = new HttpResponseBuffer(body, new HttpHeaderBlock(new string[]
            {
                GatewayPaths.TimestampHeader, GatewayPaths.NonceHeader, GatewayPaths.SignatureHeader,
            }, responseRoom));
        }

        /// <summary>
        /// A signed round trip, for the technician's gateway test: Outcome Ok and RoundTripMs. It reports the
        /// firmware version, which the merchant's page shows per terminal.
        /// </summary>
        public void Ping(GatewayReply reply)
        {
            reply.Clear();
            _writer.BeginObject();
            _writer.Member("firmware", FirmwareInfo.Version);
            _writer.EndObject();
            if (SafeExchange(GatewayPaths.Ping, _config.RequestTimeoutMs, reply) == ExchangeAnswered)
            {
                reply.Outcome = GatewayOutcome.Ok;
            }
        }

        /// <summary>
        /// Creates the order (or finds it again: the id is the idempotency key). Pending with CodeText to show;
        /// Paid/Cancelled/Expired if a retry finds it already there; Rejected (e.g. order_conflict); Unknown
        /// after the bounded retries - then resolve it with CancelOrder.
        /// </summary>
        public void CreateOrder(string orderId, long amountMinor, string currencyCode, int expirySeconds, GatewayReply reply)
        {
            ForgetAbort();
            reply.Clear();
            reply.OrderId = orderId;
            WriteCreateBody(_writer, orderId, amountMinor, currencyCode, expirySeconds);
            Repeat(GatewayPaths.Create, orderId, true, amountMinor, currencyCode, true, reply);
        }

        /// <summary>The create request's body (docs/gateway-protocol.md), as the client sends it and the self-test checks it.</summary>
        public static void WriteCreateBody(JsonWriter writer, string orderId, long amountMinor, string currencyCode, int expirySeconds)
        {
            writer.BeginObject();
            writer.Member("orderId", orderId);
            writer.Member("amountMinor", amountMinor);
            writer.Member("currency", currencyCode);
            writer.Member("expirySeconds", expirySeconds);
            writer.EndObject();
        }

        /// <summary>
        /// One long poll: the gateway answers when the status changes or after holdMs (at most 25 s).
        /// Pending (no change yet), Paid, Cancelled, Expired, Rejected or Unknown. Not retried: the caller
        /// polls again. Allocates nothing in the client.
        /// </summary>
        public void WaitForOutcome(string orderId, long amountMinor, string currencyCode, int holdMs, GatewayReply reply)
        {
            reply.Clear();
            reply.OrderId = orderId;
            if (holdMs < 0) holdMs = 0;
            if (holdMs > GatewayPaths.MaxHoldMs) holdMs = GatewayPaths.MaxHoldMs;
            _writer.BeginObject();
            _writer.Member("orderId", orderId);
            _writer.Member("holdMs", holdMs);
            _writer.EndObject();
            lock (_abortLock)
            {
                if (_abortWait)
                {
                    _abortWait = false;
                    Unknown(reply, GatewayErrors.Aborted);
                    return;
                }
                _waiting = true;
            }
            int result = SafeExchange(GatewayPaths.Wait, holdMs + _config.WaitMarginMs, reply);
            bool aborted;
            lock (_abortLock)
            {
                _waiting = false;
                aborted = _abortWait;
                _abortWait = false;
            }
            if (result == ExchangeAnswered)
            {
                ReadOrder(orderId, true, amountMinor, currencyCode, false, reply); // an answer that made it counts
            }
            else if (aborted)
            {
                Unknown(reply, GatewayErrors.Aborted);
            }
        }

        /// <summary>
        /// Ends the long poll in progress (or about to start) now; THREAD-SAFE, called from the UI loop while the
        /// worker waits. That WaitForOutcome answers Unknown "aborted" at once, so the cashier's cancel does not
        /// queue behind the gateway's hold. Only the long poll is ended this way: it commits nothing at the gateway.
        /// </summary>
        public void AbortWait()
        {
            lock (_abortLock)
            {
                _abortWait = true;
                if (_waiting) _transport.AbortExchange();
            }
        }

        /// <summary>A call that is not a long poll: an abort meant for an earlier poll must not end a later one.</summary>
        private void ForgetAbort()
        {
            lock (_abortLock) _abortWait = false;
        }

        /// <summary>
        /// The order as the gateway holds it (recovery, "last transaction"). Amount and currency come from the
        /// signed answer, since the caller may not know them after a reboot.
        /// </summary>
        public void QueryOrder(string orderId, GatewayReply reply)
        {
            reply.Clear();
            reply.OrderId = orderId;
            _writer.BeginObject();
            _writer.Member("orderId", orderId);
            _writer.EndObject();
            Repeat(GatewayPaths.Query, orderId, false, 0, null, true, reply);
        }

        /// <summary>
        /// Cancels (Cancel key, expiry, unknown result). Cancelled, or Paid if the wallet paid first (show PAID),
        /// or Expired. An id the gateway never saw is closed for good, so a late create cannot open it. The id is
        /// all the gateway needs: amount and currency are sent (and the answer checked against them) only when
        /// known - a terminal recovering an order from the gateway's list after a restart does not know them,
        /// and then takes them from the signed answer (amountMinor 0 or currency null = not known).
        /// </summary>
        public void CancelOrder(string orderId, long amountMinor, string currencyCode, GatewayReply reply)
        {
            ForgetAbort();
            reply.Clear();
            reply.OrderId = orderId;
            bool amountKnown = amountMinor > 0 && currencyCode != null;
            _writer.BeginObject();
            _writer.Member("orderId", orderId);
            if (amountKnown)
            {
                _writer.Member("amountMinor", amountMinor);
                _writer.Member("currency", currencyCode);
            }
            _writer.EndObject();
            Repeat(GatewayPaths.Cancel, orderId, amountKnown, amountMinor, currencyCode, false, reply);
        }

        /// <summary>This terminal's pending orders (after a reboot: query or cancel each).</summary>
        public void ListOpenOrders(OpenOrderList list)
        {
            list.Clear();
            // The exchange's own reply, made per listing: lists are asked at boot and by the manager's refund, never in
            // a sale's loop, and a slot kept for them would hold heap for the terminal's life (docs/memory.md).
            GatewayReply reply = new GatewayReply();
            _writer.BeginObject();
            _writer.EndObject();
            for (int attempt = 1; attempt <= _config.MaxAttempts; attempt++)
            {
                Backoff(attempt);
                list.Clear();   // each attempt starts afresh: an earlier failure must not spoil a later answer
                reply.Clear();
                int result = SafeExchange(GatewayPaths.Open, _config.RequestTimeoutMs, reply);
                if (result == ExchangeRejected) break;
                if (result != ExchangeAnswered) continue;
                int count = _reader.ArrayLength("orderIds");
                if (count < 0)
                {
                    Unknown(reply, GatewayErrors.Malformed);
                    continue;
                }
                if (count > OpenOrderList.Capacity)
                {
                    // More than fit: settle these first, then ask again (OpenOrderList.Truncated).
                    count = OpenOrderList.Capacity;
                    list.Truncated = true;
                }
                for (int i = 0; i < count; i++)
                {
                    string id = _reader.GetArrayString("orderIds", i);
                    if (id == null)
                    {
                        list.Clear();
                        Unknown(reply, GatewayErrors.Malformed);
                        break;
                    }
                    list.Add(id);
                }
                if (reply.Outcome == GatewayOutcome.Unknown) continue;
                reply.Outcome = GatewayOutcome.Ok;
                break;
            }
            list.Outcome = reply.Outcome;
            list.ErrorCode = reply.ErrorCode;
        }

        /// <summary>An idempotent call: the same body (same order id) until a trustworthy answer or the last attempt.</summary>
        private void Repeat(string path, string orderId, bool checkAmount, long amountMinor, string currencyCode, bool wantCode, GatewayReply reply)
        {
            for (int attempt = 1; attempt <= _config.MaxAttempts; attempt++)
            {
                Backoff(attempt);
                int result = SafeExchange(path, _config.RequestTimeoutMs, reply);
                if (result == ExchangeRejected) return;
                if (result == ExchangeAnswered)
                {
                    ReadOrder(orderId, checkAmount, amountMinor, currencyCode, wantCode, reply);
                    if (reply.Outcome != GatewayOutcome.Unknown) return;
                }
            }
        }

        private void Backoff(int attempt)
        {
            if (attempt > 1 && _config.RetryBackoffMs > 0) Thread.Sleep(_config.RetryBackoffMs * (attempt - 1));
        }

        /// <summary>Reads an order answer; anything not about this order, or not complete, is Unknown.</summary>
        private void ReadOrder(string orderId, bool checkAmount, long amountMinor, string currencyCode, bool wantCode, GatewayReply reply)
        {
            if (!_reader.StringEquals("orderId", orderId))
            {
                Unknown(reply, _reader.KindOf(_reader.Find("orderId")) == JsonReader.KindString ? GatewayErrors.WrongOrder : GatewayErrors.Malformed);
                return;
            }
            long amount;
            long expiresIn;
            if (!_reader.TryGetInteger("amountMinor", out amount) || !_reader.TryGetInteger("expiresInSeconds", out expiresIn)
                || _reader.KindOf(_reader.Find("currency")) != JsonReader.KindString)
            {
                Unknown(reply, GatewayErrors.Malformed);
                return;
            }
            string currency = currencyCode;
            if (checkAmount)
            {
                if (amount != amountMinor || !_reader.StringEquals("currency", currencyCode))
                {
                    Unknown(reply, GatewayErrors.WrongOrder);
                    return;
                }
            }
            else
            {
                currency = _reader.GetString("currency");
            }
            int outcome = StatusOutcome();
            if (outcome == GatewayOutcome.None)
            {
                Unknown(reply, GatewayErrors.Malformed);
                return;
            }
            string code = null;
            if (wantCode)
            {
                code = _reader.GetString("code");
                if (outcome == GatewayOutcome.Pending && (code == null || code.Length == 0))
                {
                    Unknown(reply, GatewayErrors.Malformed);
                    return;
                }
            }
            reply.OrderId = orderId;
            reply.AmountMinor = amount;
            reply.Currency = currency;
            reply.CodeText = code;
            reply.ExpiresInSeconds = expiresIn < 0 ? 0 : expiresIn > int.MaxValue ? int.MaxValue : (int)expiresIn;
            reply.ErrorCode = null;
            reply.Outcome = outcome;
        }

        private int StatusOutcome()
        {
            if (_reader.StringEquals("status", GatewayPaths.StatusPending)) return GatewayOutcome.Pending;
            if (_reader.StringEquals("status", GatewayPaths.StatusPaid)) return GatewayOutcome.Paid;
            if (_reader.StringEquals("status", GatewayPaths.StatusCancelled)) return GatewayOutcome.Cancelled;
            if (_reader.StringEquals("status", GatewayPaths.StatusExpired)) return GatewayOutcome.Expired;
            return GatewayOutcome.None;
        }

        /// <summary>
        /// One exchange; an exception anywhere below (an adapter, a bug) becomes Unknown, never a crash. The guard
        /// and the exchange are one method: on nanoCLR every call frame costs heap (about 400 B on the bench), and
        /// this is the network worker's deepest path (docs/memory.md).
        /// </summary>
        private int SafeExchange(string path, int timeoutMs, GatewayReply reply)
        {
            try
            {
                if (_writer.Overflowed)
                {
                    Unknown(reply, GatewayErrors.RequestTooLarge);
                    return ExchangeUnknown;
                }
                SignRequest(path);
                _response.Reset();
                long startMs = _clock.NowMs;
                int status = _transport.Send(Post, path, _requestHeaders, _writer.Buffer, _writer.Length, _response, timeoutMs);
                reply.RoundTripMs = (int)(_clock.NowMs - startMs);
                reply.HttpStatus = status;
                reply.Attempts++;

                if (status < 0)
                {
                    Unknown(reply, status == TransportError.Timeout ? GatewayErrors.Timeout : status == TransportError.Aborted ? GatewayErrors.Aborted
                        : status == TransportError.ResponseTooLarge ? GatewayErrors.TooLarge : GatewayErrors.Network);
                    return ExchangeUnknown;
                }
                if (status >= 500)
                {
                    Unknown(reply, GatewayErrors.Http5xx);
                    return ExchangeUnknown;
                }
                string trustProblem = CheckResponseSignature(path, status);
                if (trustProblem != null)
                {
                    Unknown(reply, trustProblem);
                    return ExchangeUnknown;
                }
                if (_reader.Parse(_response.Body, 0, _response.BodyLength) != JsonReader.Ok)
                {
                    Unknown(reply, GatewayErrors.Malformed);
                    return ExchangeUnknown;
                }
                if (status >= 200 && status < 300) return ExchangeAnswered;
                if (status >= 400 && status < 500)
                {
                    string code = _reader.GetString("error");
                    if (code == null || code.Length == 0)
                    {
                        Unknown(reply, GatewayErrors.Malformed);
                        return ExchangeUnknown;
                    }
                    reply.Outcome = GatewayOutcome.Rejected;
                    reply.ErrorCode = code;
                    return ExchangeRejected;
                }
                Unknown(reply, GatewayErrors.HttpStatus);
                return ExchangeUnknown;
            }
            catch (Exception)
            {
                Unknown(reply, GatewayErrors.Network);
                return ExchangeUnknown;
            }
        }

        /// <summary>Timestamp, fresh nonce and signature into the request's header slots (no allocation).</summary>
        private void SignRequest(string path)
        {
            char[] timestamp = _requestHeaders.Value(RequestTimestamp);
            int timestampLength = AsciiDecimal.Write(_wallClock.UnixSeconds, timestamp, 0);
            _requestHeaders.SetLength(RequestTimestamp, timestampLength);

            _random.NextBytes(_nonceBytes);
            char[] nonce = _requestHeaders.Value(RequestNonce);
            Hex.Write(_nonceBytes, 0, NonceBytes, nonce, 0);
            _requestHeaders.SetLength(RequestNonce, NonceChars);

            _signer.SignRequest(Post, path, timestamp, timestampLength, nonce, NonceChars,
                _writer.Buffer, _writer.Length, _requestHeaders.Value(RequestSignature));
            _requestHeaders.SetLength(RequestSignature, MessageSigner.SignatureHexChars);
        }

        /// <summary>Null when the response is signed over this request and fresh; otherwise the error code.</summary>
        private string CheckResponseSignature(string path, int status)
        {
            HttpHeaderBlock headers = _response.Headers;
            int timestampLength = headers.ValueLength(ResponseTimestamp);
            if (timestampLength < 0 || headers.ValueLength(ResponseNonce) < 0 || headers.ValueLength(ResponseSignature) < 0) return GatewayErrors.Unsigned;
            if (!_signer.VerifyResponse(status, Post, path, _requestHeaders, RequestNonce, _response, ResponseTimestamp, ResponseNonce, ResponseSignature))
                return GatewayErrors.BadSignature;
            long responseSeconds;
            if (!AsciiDecimal.TryParse(headers.Value(ResponseTimestamp), 0, timestampLength, out responseSeconds)) return GatewayErrors.Stale;
            long skew = responseSeconds - _wallClock.UnixSeconds;
            if (skew < 0) skew = -skew;
            if (skew > _config.ReplayWindowSeconds) return GatewayErrors.Stale;
            return null;
        }

        private static void Unknown(GatewayReply reply, string errorCode)
        {
            reply.Outcome = GatewayOutcome.Unknown;
            reply.ErrorCode = errorCode;
        }
    }
}
