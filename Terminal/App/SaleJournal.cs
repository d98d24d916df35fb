using Terminal.Drivers.Storage;
using Terminal.Gateway;
using Terminal.Money;
using Terminal.Text;

namespace Terminal.App
{
    /// <summary>
    /// The sale in progress, kept in non-volatile storage so a restart can ask the gateway how it ended. One
    /// record, pure ASCII, which says which sale it is and proves it was written whole:
    ///
    ///     J1;T0001-9f3c0a7e51d2b864-000017;12500;NOK;1a2b3c4d
    ///
    /// format version; order id; amount in minor units; currency; checksum (FNV-1a 32 of everything before it,
    /// 8 lowercase hex). Every write is read back and retried a few times; a record that fails any check on
    /// reading (not ASCII, wrong version, an id that could not have been made, an unknown currency, a wrong
    /// checksum, too long) is corrupt: it is reported and cleared, never sent to the gateway - the gateway's
    /// list of open orders still finds a real pending order whose record was lost.
    ///
    /// The same mechanism, in a slot of its own (<see cref="ForRefunds"/>), keeps the manager's refund whose
    /// outcome is not known yet, so a power cut can never lead to a second refund under a new id:
    ///
    ///     R1;T0001-9f3c0a7e51d2b864-R000018;T0001-9f3c0a7e51d2b864-000017;5000;NOK;1a2b3c4d
    ///
    /// format version; refund id; order id; amount; currency; checksum. Each slot takes only its own kind.
    /// </summary>
    public sealed class SaleJournal
    {
        public const string FormatVersion = "J1";
        public const string RefundFormatVersion = "R1";
        private const char Separator = ';';
        private const int ChecksumChars = RecordChecksum.HexChars;

        /// <summary>Longer than any record this class writes: longer text is corrupt without further reading.</summary>
        public const int MaxRecordChars = 2 + 1 + OrderIds.MaxChars + 1 + OrderIds.MaxChars + 1 + 18 + 1 + 3 + 1 + ChecksumChars;

        /// <summary>Writes tried before a record (or its clearing) counts as failed.</summary>
        public const int WriteAttempts = 3;

        // What Read found.
        public const int Empty = 0;
        public const int Valid = 1;
        public const int Corrupt = 2;

        private readonly INonVolatileSlot _slot;
        private readonly bool _holdsRefunds;

        /// <summary>The journal of the sale in progress.</summary>
        public SaleJournal(INonVolatileSlot slot)
            : this(slot, false)
        {
        }

        private SaleJournal(INonVolatileSlot slot, bool holdsRefunds)
        {
            _slot = slot;
            _holdsRefunds = holdsRefunds;
        }

        /// <summary>The journal of the manager's refund whose outcome is not known yet (its own slot).</summary>
        public static SaleJournal ForRefunds(INonVolatileSlot slot)
        {
            return new SaleJournal(slot, true);
        }

        /// <summary>The refund of the last Read that was Valid (refund journal only; null in the sale journal).</summary>
        public string RefundId;

        /// <summary>The sale of the last Read that was Valid (for a refund: the sale it refunds, and the refund's amount).</summary>
        public string OrderId;
        public long AmountMinor;
        public string CurrencyCode;

        /// <summary>What was wrong with the record of the last Read that was Corrupt (for the log).</summary>
        public string Problem;

        /// <summary>Reads the slot: Empty, Valid (OrderId, AmountMinor, CurrencyCode set) or Corrupt (Problem set).</summary>
        public int Read()
        {
            RefundId = null;
            OrderId = null;
            AmountMinor = 0;
            CurrencyCode = null;
            Problem = null;
            string text = _slot.Read();
            if (text == null || text.Length == 0) return Empty;
            Problem = Check(text);
            return Problem == null ? Valid : Corrupt;
        }

        /// <summary>Journals a sale before its create is sent: written, read back, retried; false if it cannot be recorded.</summary>
        public bool Record(string orderId, long amountMinor, string currencyCode)
        {
            return Write(Format(orderId, amountMinor, currencyCode));
        }

        /// <summary>Journals a refund before it is sent (refund journal): written, read back, retried; false if it cannot be recorded.</summary>
        public bool RecordRefund(string refundId, string orderId, long amountMinor, string currencyCode)
        {
            return Write(FormatRefund(refundId, orderId, amountMinor, currencyCode));
        }

        private bool Write(string record)
        {
            for (int attempt = 0; attempt < WriteAttempts; attempt++)
                if (_slot.Write(record) && _slot.Read() == record) return true;
            return false;
        }

        /// <summary>Empties the slot (read back, retried); false if the old record may still be there.</summary>
        public bool Clear()
        {
            for (int attempt = 0; attempt < WriteAttempts; attempt++)
                if (_slot.Write(null) && _slot.Read() == null) return true;
            return false;
        }

        /// <summary>True when the slot holds exactly this sale's record (so clearing it forgets this sale and no other).</summary>
        public bool Holds(string orderId)
        {
            return Read() == Valid && OrderId == orderId;
        }

        /// <summary>True when the slot holds exactly this refund's record.</summary>
        public bool HoldsRefund(string refundId)
        {
            return Read() == Valid && RefundId == refundId;
        }

        /// <summary>The record text for a sale.</summary>
        public static string Format(string orderId, long amountMinor, string currencyCode)
        {
            return Sealed(FormatVersion + Separator + orderId + Separator + amountMinor.ToString() + Separator + currencyCode + Separator);
        }

        /// <summary>The record text for a refund.</summary>
        public static string FormatRefund(string refundId, string orderId, long amountMinor, string currencyCode)
        {
            return Sealed(RefundFormatVersion + Separator + refundId + Separator + orderId + Separator + amountMinor.ToString()
                + Separator + currencyCode + Separator);
        }

        private static string Sealed(string body)
        {
            return body + RecordChecksum.Hex8(body, body.Length);
        }

        /// <summary>Null for a well-formed record (and the fields set), otherwise what is wrong with it.</summary>
        private string Check(string text)
        {
            if (text == NonVolatileSlot.Unreadable) return "the flash could not be read, or holds no whole record";
            if (text.Length > MaxRecordChars) return "too long (" + text.Length.ToString() + " characters)";
            for (int i = 0; i < text.Length; i++)
                if (text[i] < ' ' || text[i] > '~') return "not printable ASCII at position " + (i + 1).ToString();
            string version = _holdsRefunds ? RefundFormatVersion : FormatVersion;
            int versionEnd = text.IndexOf(Separator);
            if (versionEnd < 0 || text.Substring(0, versionEnd) != version) return "not a " + version + " record";
            string refundId = null;
            if (_holdsRefunds)
            {
                // The refund id comes first; the rest is laid out as a sale's record.
                int refundIdEnd = text.IndexOf(Separator, versionEnd + 1);
                if (refundIdEnd < 0) return "fields missing (truncated?)";
                refundId = text.Substring(versionEnd + 1, refundIdEnd - versionEnd - 1);
                versionEnd = refundIdEnd;
            }
            int idEnd = text.IndexOf(Separator, versionEnd + 1);
            int amountEnd = idEnd < 0 ? -1 : text.IndexOf(Separator, idEnd + 1);
            int currencyEnd = amountEnd < 0 ? -1 : text.IndexOf(Separator, amountEnd + 1);
            if (currencyEnd < 0 || text.Length - currencyEnd - 1 != ChecksumChars) return "fields missing (truncated?)";
            if (RecordChecksum.Hex8(text, currencyEnd + 1) != text.Substring(currencyEnd + 1)) return "checksum does not match";
            string orderId = text.Substring(versionEnd + 1, idEnd - versionEnd - 1);
            if (!OrderIds.IsWellFormed(orderId)) return "order id is not one this terminal makes";
            long amountMinor;
            if (!AsciiDecimal.TryParse(text, idEnd + 1, amountEnd - idEnd - 1, out amountMinor) || amountMinor < 1) return "amount is not a number";
            string currencyCode = text.Substring(amountEnd + 1, currencyEnd - amountEnd - 1);
            if (CurrencyTable.FindByCode(currencyCode) == null) return "unknown currency";
            if (_holdsRefunds && !OrderIds.IsWellFormed(refundId)) return "refund id is not one this terminal makes";
            RefundId = refundId;
            OrderId = orderId;
            AmountMinor = amountMinor;
            CurrencyCode = currencyCode;
            return null;
        }
    }
}
