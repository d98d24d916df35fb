using System;
using System.Threading;
using Terminal.Drivers.Network;
using Terminal.Drivers.Timing;
using Terminal.Gateway;
using Terminal.Text;

namespace Terminal.Scenario
{
    /// <summary>
    /// A gateway in memory for the interpreter scenario, speaking docs/gateway-protocol.md: it checks each
    /// request's signature, keeps a ledger of one terminal's orders, holds a wait until the scenario pays or the
    /// hold ends (the long poll), and signs every answer over the request's nonce. Written for nanoFramework's
    /// mscorlib (no generics, no System.Text), so its JSON is composed by hand; the hashing and MAC are the
    /// firmware's primitives, whose known answers the self-test and the host tests check.
    /// </summary>
    public sealed class ScriptedGateway : IHttpTransport
    {
        public const int MaxOrders = 64;
        private const string HexDigits = "0123456789abcdef";

        private readonly string _terminalId;
        private readonly IWallClock _clock;
        private readonly MessageSigner _requestSigner;
        private readonly HmacSha256 _mac = new HmacSha256();
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _digest = new byte[32];
        private readonly char[] _signature = new char[64];
        private readonly JsonReader _json = new JsonReader(256);
        private readonly byte[] _answer = new byte[2048];
        private readonly object _sync = new object();
        private readonly AutoResetEvent _changed = new AutoResetEvent(false);

        private readonly string[] _ids = new string[MaxOrders];
        private readonly long[] _amounts = new long[MaxOrders];
        private readonly string[] _currencies = new string[MaxOrders];
        private readonly string[] _statuses = new string[MaxOrders];
        private readonly string[] _codes = new string[MaxOrders];
        private int _count;

        // Refunds (protocol 6): id, order index, amount; all are REFUNDED at once (the development wallet's way).
        public const int MaxRefunds = 8;
        private readonly string[] _refundIds = new string[MaxRefunds];
        private readonly int[] _refundOrders = new int[MaxRefunds];
        private readonly long[] _refundAmounts = new long[MaxRefunds];
        private int _refundCount;

        /// <summary>Refund requests whose answer is lost after the refund was recorded (the terminal sees a timeout).</summary>
        public int DropRefundAnswers;
        private int _nonceCounter;
        private bool _powerCut;

        /// <summary>Requests answered, and requests refused for a bad signature (the scenario expects none).</summary>
        public int Requests;
        public int BadSignatures;

        public ScriptedGateway(string terminalId, byte[] key, IWallClock clock)
        {
            _terminalId = terminalId;
            _clock = clock;
            _requestSigner = new MessageSigner(terminalId, key);
            _mac.SetKey(key, 0, key.Length);
        }

        /// <summary>The status the ledger holds for an order, or null.</summary>
        public string StatusOf(string orderId)
        {
            lock (_sync)
            {
                int i = Find(orderId);
                return i < 0 ? null : _statuses[i];
            }
        }

        public string CodeOf(string orderId)
        {
            lock (_sync)
            {
                int i = Find(orderId);
                return i < 0 ? null : _codes[i];
            }
        }

        /// <summary>Refunds recorded, and how many requests named each (by the first refund id given).</summary>
        public int RefundCount { get { lock (_sync) return _refundCount; } }

        public string RefundId(int index) { lock (_sync) return _refundIds[index]; }

        public long RefundedOf(string orderId)
        {
            lock (_sync) return Refunded(Find(orderId));
        }

        /// <summary>The tourist's wallet pays the order with this code; a held wait answers at once.</summary>
        public bool Pay(string code)
        {
            lock (_sync)
            {
                for (int i = 0; i < _count; i++)
                {
                    if (_codes[i] == code && _statuses[i] == GatewayPaths.StatusPending)
                    {
                        _statuses[i] = GatewayPaths.StatusPaid;
                        _changed.Set();
                        return true;
                    }
                }
                return false;
            }
        }

        /// <summary>
        /// The terminal loses power: a held wait ends without an answer and the network is gone until
        /// <see cref="PowerRestored"/> (the dead terminal's worker must not talk to the gateway any more).
        /// </summary>
        public void PowerCut()
        {
            lock (_sync) _powerCut = true;
            _changed.Set();
        }

        public void PowerRestored()
        {
            lock (_sync) _powerCut = false;
        }

        /// <summary>Every answer is immediate here: there is no exchange in progress to end.</summary>
        public void AbortExchange()
        {
        }

        public int Send(string method, string path, HttpHeaderBlock headers, byte[] body, int bodyLength,
            HttpResponseBuffer response, int timeoutMs)
        {
            response.Reset();
            lock (_sync) if (_powerCut) return TransportError.ConnectFailed;
            string requestNonce = headers.ValueText(headers.IndexOf(GatewayPaths.NonceHeader));
            if (!RequestSignatureValid(method, path, headers, body, bodyLength))
            {
                BadSignatures++;
                return Answer(401, method, path, requestNonce, "{\"error\":\"bad_signature\",\"message\":\"signature does not match\"}", response);
            }
            Requests++;
            if (_json.Parse(body, 0, bodyLength) != JsonReader.Ok)
                return Answer(400, method, path, requestNonce, "{\"error\":\"bad_request\",\"message\":\"body is not JSON\"}", response);

            if (path == GatewayPaths.Open) return Answer(200, method, path, requestNonce, OpenOrders(), response);
            if (path == GatewayPaths.Ping) return Answer(200, method, path, requestNonce, "{\"time\":" + _clock.UnixSeconds.ToString() + "}", response);

            if (path == GatewayPaths.Recent) return Answer(200, method, path, requestNonce, RecentSales(), response);

            string orderId = _json.GetString("orderId");
            if (orderId == null) return Answer(400, method, path, requestNonce, "{\"error\":\"bad_request\",\"message\":\"orderId missing\"}", response);
            int order;
            if (path == GatewayPaths.Create)
            {
                long amount;
                _json.TryGetInteger("amountMinor", out amount);
                string currency = _json.GetString("currency");
                lock (_sync)
                {
                    order = Find(orderId);
                    if (order < 0)
                    {
                        if (_count == MaxOrders) return Answer(503, method, path, requestNonce, "{\"error\":\"unavailable\",\"message\":\"ledger full\"}", response);
                        order = _count++;
                        _ids[order] = orderId;
                        _amounts[order] = amount;
                        _currencies[order] = currency;
                        _statuses[order] = GatewayPaths.StatusPending;
                        _codes[order] = "https://qr.alipay.com/bax0" + (3431 + order).ToString() + "ljhokirwl38f00a7";
                    }
                    else if (_amounts[order] != amount || _currencies[order] != currency)
                    {
                        return Answer(409, method, path, requestNonce, "{\"error\":\"order_conflict\",\"message\":\"other amount\"}", response);
                    }
                }
                return Answer(200, method, path, requestNonce, OrderJson(order), response);
            }

            lock (_sync) order = Find(orderId);
            if (path == GatewayPaths.Cancel)
            {
                lock (_sync)
                {
                    if (order < 0)
                    {
                        // Never created: closed for good (protocol 3.4).
                        order = _count++;
                        _ids[order] = orderId;
                        _currencies[order] = _json.GetString("currency");
                        _statuses[order] = GatewayPaths.StatusCancelled;
                        _codes[order] = "";
                    }
                    else if (_statuses[order] == GatewayPaths.StatusPending)
                    {
                        _statuses[order] = GatewayPaths.StatusCancelled;
                    }
                }
                return Answer(200, method, path, requestNonce, OrderJson(order), response);
            }
            if (order < 0) return Answer(404, method, path, requestNonce, "{\"error\":\"unknown_order\",\"message\":\"no such order\"}", response);
            if (path == GatewayPaths.Wait)
            {
                long holdMs;
                if (!_json.TryGetInteger("holdMs", out holdMs)) holdMs = 0;
                // The long poll: answer when the order leaves PENDING or the hold ends.
                while (true)
                {
                    lock (_sync)
                    {
                        if (_powerCut) return TransportError.Reset;
                        if (_statuses[order] != GatewayPaths.StatusPending || holdMs <= 0) break;
                    }
                    if (!_changed.WaitOne((int)holdMs, false)) holdMs = 0;
                }
                return Answer(200, method, path, requestNonce, OrderJson(order), response);
            }
            if (path == GatewayPaths.Query) return Answer(200, method, path, requestNonce, OrderJson(order), response);
            if (path == GatewayPaths.Refund) return Refund(method, path, requestNonce, order, response);
            return Answer(404, method, path, requestNonce, "{\"error\":\"unknown_path\",\"message\":\"no such endpoint\"}", response);
        }

        private int Find(string orderId)
        {
            for (int i = 0; i < _count; i++) if (_ids[i] == orderId) return i;
            return -1;
        }

        /// <summary>The last paid orders, newest first, as protocol 6.3's parallel arrays (at most 5).</summary>
        private string RecentSales()
        {
            string ids = "", amounts = "", currencies = "", refunded = "", paidAt = "";
            lock (_sync)
            {
                int listed = 0;
                for (int i = _count - 1; i >= 0 && listed < 5; i--)
                {
                    if (_statuses[i] != GatewayPaths.StatusPaid) continue;
                    string comma = listed > 0 ? "," : "";
                    ids += comma + "\"" + _ids[i] + "\"";
                    amounts += comma + _amounts[i].ToString();
                    currencies += comma + "\"" + _currencies[i] + "\"";
                    refunded += comma + Refunded(i).ToString();
                    paidAt += comma + _clock.UnixSeconds.ToString();
                    listed++;
                }
            }
            return "{\"orderIds\":[" + ids + "],\"amountMinor\":[" + amounts + "],\"currency\":[" + currencies
                + "],\"refundedTotalMinor\":[" + refunded + "],\"paidAt\":[" + paidAt + "]}";
        }

        private long Refunded(int order)
        {
            long total = 0;
            for (int r = 0; r < _refundCount; r++) if (_refundOrders[r] == order) total += _refundAmounts[r];
            return total;
        }

        /// <summary>Protocol 6.1: one refund per id (the same id again answers it), never past the paid amount.</summary>
        private int Refund(string method, string path, string requestNonce, int order, HttpResponseBuffer response)
        {
            string refundId = _json.GetString("refundId");
            long amount;
            if (refundId == null || !_json.TryGetInteger("amountMinor", out amount) || !_json.StringEquals("operator", GatewayPaths.OperatorManager))
                return Answer(400, method, path, requestNonce, "{\"error\":\"bad_request\",\"message\":\"refund fields\"}", response);
            bool lost;
            lock (_sync)
            {
                if (_statuses[order] != GatewayPaths.StatusPaid)
                    return Answer(409, method, path, requestNonce, "{\"error\":\"not_paid\",\"message\":\"not paid\"}", response);
                int refund = -1;
                for (int r = 0; r < _refundCount; r++) if (_refundIds[r] == refundId) refund = r;
                if (refund >= 0 && (_refundOrders[refund] != order || _refundAmounts[refund] != amount))
                    return Answer(409, method, path, requestNonce, "{\"error\":\"refund_conflict\",\"message\":\"other refund\"}", response);
                if (refund < 0)
                {
                    if (Refunded(order) + amount > _amounts[order] || _refundCount == MaxRefunds)
                        return Answer(409, method, path, requestNonce, "{\"error\":\"refund_exceeds_paid\",\"message\":\"too much\"}", response);
                    _refundIds[_refundCount] = refundId;
                    _refundOrders[_refundCount] = order;
                    _refundAmounts[_refundCount] = amount;
                    _refundCount++;
                }
                lost = DropRefundAnswers > 0;
                if (lost) DropRefundAnswers--;
            }
            if (lost) return TransportError.Timeout; // recorded, but the answer never reaches the terminal
            return Answer(200, method, path, requestNonce, "{\"orderId\":\"" + _ids[order] + "\",\"refundId\":\"" + refundId
                + "\",\"status\":\"REFUNDED\",\"amountMinor\":" + amount.ToString() + ",\"currency\":\"" + _currencies[order]
                + "\",\"refundedTotalMinor\":" + RefundedOf(_ids[order]).ToString() + ",\"paidMinor\":" + _amounts[order].ToString() + "}", response);
        }

        private string OpenOrders()
        {
            string list = "";
            lock (_sync)
            {
                for (int i = _count - 1; i >= 0; i--)
                {
                    if (_statuses[i] != GatewayPaths.StatusPending) continue;
                    if (list.Length > 0) list += ",";
                    list += "\"" + _ids[i] + "\"";
                }
            }
            return "{\"orderIds\":[" + list + "]}";
        }

        private string OrderJson(int i)
        {
            lock (_sync)
            {
                return "{\"orderId\":\"" + _ids[i] + "\",\"status\":\"" + _statuses[i] + "\",\"amountMinor\":" + _amounts[i].ToString()
                    + ",\"currency\":\"" + _currencies[i] + "\",\"code\":\"" + _codes[i] + "\",\"expiresInSeconds\":118}";
            }
        }

        private bool RequestSignatureValid(string method, string path, HttpHeaderBlock headers, byte[] body, int bodyLength)
        {
            int terminal = headers.IndexOf(GatewayPaths.TerminalHeader);
            int timestamp = headers.IndexOf(GatewayPaths.TimestampHeader);
            int nonce = headers.IndexOf(GatewayPaths.NonceHeader);
            int signature = headers.IndexOf(GatewayPaths.SignatureHeader);
            if (terminal < 0 || timestamp < 0 || nonce < 0 || signature < 0) return false;
            if (headers.ValueText(terminal) != _terminalId || headers.ValueLength(signature) != 64) return false;
            _requestSigner.SignRequest(method, path, headers.Value(timestamp), headers.ValueLength(timestamp),
                headers.Value(nonce), headers.ValueLength(nonce), body, bodyLength, _signature);
            char[] received = headers.Value(signature);
            for (int i = 0; i < 64; i++) if (received[i] != _signature[i]) return false;
            return true;
        }

        /// <summary>Writes a signed answer: GW1-RES over the status, the request and its nonce (protocol section 2).</summary>
        private int Answer(int status, string method, string path, string requestNonce, string json, HttpResponseBuffer response)
        {
            int length = Utf8.Encode(json, _answer, 0);
            Array.Copy(_answer, 0, response.Body, 0, length);
            response.BodyLength = length;
            string timestamp = _clock.UnixSeconds.ToString();
            _nonceCounter++;
            string nonce = "5ce0a110" + (10000000 + _nonceCounter).ToString();

            _sha.Reset();
            _sha.Update(_answer, 0, length);
            _sha.Finish(_digest, 0);
            string bodyHash = Hex(_digest);
            _mac.Reset();
            _mac.UpdateAscii("GW1-RES\n" + _terminalId + "\n" + status.ToString() + "\n" + method + "\n" + path + "\n" + requestNonce
                + "\n" + timestamp + "\n" + nonce + "\n" + bodyHash);
            _mac.Finish(_digest, 0);

            HttpHeaderBlock headers = response.Headers;
            headers.Set(headers.IndexOf(GatewayPaths.TimestampHeader), timestamp);
            headers.Set(headers.IndexOf(GatewayPaths.NonceHeader), nonce);
            headers.Set(headers.IndexOf(GatewayPaths.SignatureHeader), Hex(_digest));
            return status;
        }

        private static string Hex(byte[] bytes)
        {
            char[] text = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                text[2 * i] = HexDigits[bytes[i] >> 4];
                text[2 * i + 1] = HexDigits[bytes[i] & 0xF];
            }
            return new string(text);
        }
    }
}
