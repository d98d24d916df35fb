using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Terminal.Drivers.Timing;

namespace Terminal.Simulator.Gateway
{
    /// <summary>
    /// The emulator's book of orders: the truth the terminal must end up agreeing with. One lock guards it;
    /// each order has a change signal that wakes its long polls the moment its status changes.
    /// </summary>
    public sealed class Ledger
    {
        public const string Pending = "PENDING";
        public const string Paid = "PAID";
        public const string Cancelled = "CANCELLED";
        public const string Expired = "EXPIRED";
        private const string CodeAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

        private readonly object _lock = new object();
        private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Entry> _byCode = new(StringComparer.Ordinal);
        private readonly List<Entry> _inOrder = new();
        private readonly IWallClock _clock;
        private readonly Random _codeRandom;

        internal Ledger(IWallClock clock, int seed)
        {
            _clock = clock;
            _codeRandom = new Random(seed);
        }

        public LedgerOrder? Find(string orderId)
        {
            lock (_lock) return _byId.TryGetValue(orderId, out Entry? e) ? Snapshot(e) : null;
        }

        public IReadOnlyList<LedgerOrder> Orders()
        {
            lock (_lock) return _inOrder.Select(Snapshot).ToList();
        }

        internal sealed class Entry
        {
            public required string OrderId;
            public required string TerminalId;
            public long AmountMinor;
            public required string Currency;
            public required string Status;
            public required string Code;
            public long ExpiresAt;
            public int CreateRequests;
            public bool Created;
            public int Payments;
            public int CancelRequests;
            public long PaidAt;
            public TaskCompletionSource Changed = NewSignal();
        }

        internal readonly record struct Result(int HttpStatus, string? Error, string Message, Entry? Order, long NowUnix);

        internal Result Create(string terminalId, string orderId, long amountMinor, string currency, int expirySeconds)
        {
            lock (_lock)
            {
                long now = _clock.UnixSeconds;
                if (_byId.TryGetValue(orderId, out Entry? e))
                {
                    ExpireIfDue(e, now);
                    if (e.TerminalId == terminalId && !e.Created && e.AmountMinor == 0)
                    {
                        // A tombstone left by a cancel that named only the id: it takes this create's amount and
                        // stays CANCELLED - a late create never opens a payable code.
                        e.AmountMinor = amountMinor;
                        e.Currency = currency;
                    }
                    if (e.TerminalId != terminalId || e.AmountMinor != amountMinor || e.Currency != currency)
                        return new Result(409, "order_conflict", "this order id exists with other terminal, amount or currency", null, now);
                    e.CreateRequests++;
                    return new Result(200, null, "", e, now);
                }
                e = new Entry
                {
                    OrderId = orderId, TerminalId = terminalId, AmountMinor = amountMinor, Currency = currency,
                    Status = Pending, Code = NewCode(), ExpiresAt = now + expirySeconds, CreateRequests = 1, Created = true,
                };
                Add(e);
                return new Result(200, null, "", e, now);
            }
        }

        internal Result Get(string terminalId, string orderId)
        {
            lock (_lock)
            {
                long now = _clock.UnixSeconds;
                if (!_byId.TryGetValue(orderId, out Entry? e) || e.TerminalId != terminalId)
                    return new Result(404, "unknown_order", "no such order for this terminal", null, now);
                ExpireIfDue(e, now);
                return new Result(200, null, "", e, now);
            }
        }

        /// <summary>
        /// Cancels by id; amount and currency (0 and null when the terminal does not know them) must match when
        /// given. An id never seen is closed for good: a tombstone, CANCELLED with no code.
        /// </summary>
        internal Result Cancel(string terminalId, string orderId, long amountMinor, string? currency)
        {
            lock (_lock)
            {
                long now = _clock.UnixSeconds;
                if (!_byId.TryGetValue(orderId, out Entry? e))
                {
                    // Never created (the create was lost): close the id for good, so a late create cannot open it.
                    e = new Entry
                    {
                        OrderId = orderId, TerminalId = terminalId, AmountMinor = amountMinor, Currency = currency ?? "",
                        Status = Cancelled, Code = "", ExpiresAt = now, Created = false, CancelRequests = 1,
                    };
                    Add(e);
                    return new Result(200, null, "", e, now);
                }
                bool amountGiven = currency != null;
                if (e.TerminalId != terminalId || (amountGiven && (e.AmountMinor != amountMinor || e.Currency != currency)))
                    return new Result(409, "order_conflict", "this order id exists with other terminal, amount or currency", null, now);
                e.CancelRequests++;
                ExpireIfDue(e, now);
                if (e.Status == Pending) SetStatus(e, Cancelled);
                return new Result(200, null, "", e, now);
            }
        }

        /// <summary>The wallet pays a code: 200, or 4xx with unknown_code / already_paid / cancelled / expired.</summary>
        internal Result Pay(string code)
        {
            lock (_lock)
            {
                long now = _clock.UnixSeconds;
                if (code.Length == 0 || !_byCode.TryGetValue(code, out Entry? e))
                    return new Result(404, "unknown_code", "no order has this code", null, now);
                ExpireIfDue(e, now);
                switch (e.Status)
                {
                    case Paid: return new Result(409, "already_paid", "this code has been paid", e, now);
                    case Cancelled: return new Result(410, "cancelled", "the merchant cancelled this order", e, now);
                    case Expired: return new Result(410, "expired", "this code has expired", e, now);
                }
                e.Payments++;
                e.PaidAt = System.Diagnostics.Stopwatch.GetTimestamp();
                SetStatus(e, Paid);
                return new Result(200, null, "", e, now);
            }
        }

        internal string[] OpenOrderIds(string terminalId, int max)
        {
            lock (_lock)
            {
                long now = _clock.UnixSeconds;
                var open = new List<string>();
                for (int i = _inOrder.Count - 1; i >= 0 && open.Count < max; i--)
                {
                    Entry e = _inOrder[i];
                    if (e.TerminalId != terminalId) continue;
                    ExpireIfDue(e, now);
                    if (e.Status == Pending) open.Add(e.OrderId);
                }
                return open.ToArray();
            }
        }

        /// <summary>Waits until the order leaves PENDING or the hold ends.</summary>
        internal async Task WaitForChangeAsync(string orderId, int holdMs)
        {
            Task changed;
            lock (_lock)
            {
                if (!_byId.TryGetValue(orderId, out Entry? e)) return;
                ExpireIfDue(e, _clock.UnixSeconds);
                if (e.Status != Pending) return;
                changed = e.Changed.Task;
            }
            await Task.WhenAny(changed, Task.Delay(holdMs)).ConfigureAwait(false);
        }

        /// <summary>Expires every order whose time has come (called on clock steps and by a timer).</summary>
        internal void ExpireDue()
        {
            lock (_lock)
            {
                long now = _clock.UnixSeconds;
                foreach (Entry e in _inOrder) ExpireIfDue(e, now);
            }
        }

        internal LedgerOrder Snapshot(Entry e) =>
            new(e.OrderId, e.TerminalId, e.AmountMinor, e.Currency, e.Status, e.Code, e.ExpiresAt,
                e.CreateRequests, e.Created, e.Payments, e.CancelRequests, e.PaidAt);

        internal object Lock => _lock;

        private void Add(Entry e)
        {
            _byId.Add(e.OrderId, e);
            if (e.Code.Length > 0) _byCode.Add(e.Code, e);
            _inOrder.Add(e);
        }

        private static void ExpireIfDue(Entry e, long now)
        {
            if (e.Status == Pending && now >= e.ExpiresAt) SetStatus(e, Expired);
        }

        private static void SetStatus(Entry e, string status)
        {
            e.Status = status;
            TaskCompletionSource old = e.Changed;
            e.Changed = NewSignal();
            old.TrySetResult();
        }

        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>A code shaped like Alipay's: https://qr.alipay.com/ and 25 lowercase letters and digits (47 chars).</summary>
        private string NewCode()
        {
            while (true)
            {
                var chars = new char[25];
                chars[0] = 'b'; chars[1] = 'a'; chars[2] = 'x';
                for (int i = 3; i < chars.Length; i++) chars[i] = CodeAlphabet[_codeRandom.Next(CodeAlphabet.Length)];
                string code = "https://qr.alipay.com/" + new string(chars);
                if (!_byCode.ContainsKey(code)) return code;
            }
        }
    }
}
