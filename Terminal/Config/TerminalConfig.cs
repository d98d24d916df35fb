using System;
using Terminal.Drivers.Display;
using Terminal.Gateway;
using Terminal.Money;
using Terminal.Text;

namespace Terminal.Config
{
    /// <summary>
    /// The terminal's provisioned configuration, read at start-up from the provisioning file (on the device
    /// <c>I:\terminal.cfg</c>). The format is documented in hardware-notes/provisioning.md:
    /// UTF-8 text, one <c>key=value</c> per line, <c>#</c> starts a comment line, blank lines are ignored,
    /// spaces around keys and values are removed, each key at most once, unknown keys are errors.
    /// <see cref="Parse"/> checks every field and reports the first bad line; it never throws.
    /// </summary>
    public sealed class TerminalConfig
    {


        /// <summary>The terminal's secret has exactly the length the gateway protocol issues (section 2).</summary>
        public const int KeyBytes = 32;
        public const int MinPinDigits = 4;
        public const int MaxPinDigits = 8;
        public const int MaxPaidScreenTimeoutSeconds = 3600;
        public const int MinOrderExpirySeconds = 30;
        // Alipay+ order codes must expire within 30 minutes.
        public const int MaxOrderExpirySeconds = 1800;
        public const int DefaultOrderExpirySeconds = 120;

        /// <summary>Larger files are refused before parsing: a real one is under 1 KB.</summary>
        public const int MaxFileChars = 4096;

        // Key names, in the order ToProvisioningText writes them. The index is the key's code below.
        public const string KeyWifiSsid = "wifi.ssid";
        public const string KeyWifiPassword = "wifi.password";
        public const string KeyGatewayUrl = "gateway.url";
        public const string KeyTerminalId = "terminal.id";
        public const string KeyTerminalKey = "terminal.key";
        public const string KeyTechnicianPin = "technician.pin";
        public const string KeyLanguage = "language";
        public const string KeyCurrency = "currency";
        public const string KeyPanelController = "panel.controller";
        public const string KeyPanelAddress = "panel.address";
        public const string KeyPaidScreenTimeout = "paid.timeout.s";
        public const string KeyOrderExpiry = "order.expiry.s";
        public const string KeyKeypadClick = "keypad.click";

        // Slots of the keys, in file order (KeyName).
        private const int SlotWifiSsid = 0;
        private const int SlotWifiPassword = 1;
        private const int SlotGatewayUrl = 2;
        private const int SlotTerminalId = 3;
        private const int SlotTerminalKey = 4;
        private const int SlotTechnicianPin = 5;
        private const int SlotLanguage = 6;
        private const int SlotCurrency = 7;
        private const int SlotPanelController = 8;
        private const int SlotPanelAddress = 9;
        private const int SlotPaidScreenTimeout = 10;
        private const int SlotOrderExpiry = 11;
        private const int SlotKeypadClick = 12;

        private const int KeyCount = SlotKeypadClick + 1;

        /// <summary>
        /// The key of a slot. A switch rather than a static table: a static array and the strings it holds would stay
        /// on the heap for the terminal's life, and the file is read once (docs/memory.md).
        /// </summary>
        private static string KeyName(int slot)
        {
            string key;
            switch (slot)
            {
                case SlotWifiSsid: key = KeyWifiSsid; break;
                case SlotWifiPassword: key = KeyWifiPassword; break;
                case SlotGatewayUrl: key = KeyGatewayUrl; break;
                case SlotTerminalId: key = KeyTerminalId; break;
                case SlotTerminalKey: key = KeyTerminalKey; break;
                case SlotTechnicianPin: key = KeyTechnicianPin; break;
                case SlotLanguage: key = KeyLanguage; break;
                case SlotCurrency: key = KeyCurrency; break;
                case SlotPanelController: key = KeyPanelController; break;
                case SlotPanelAddress: key = KeyPanelAddress; break;
                case SlotPaidScreenTimeout: key = KeyPaidScreenTimeout; break;
                case SlotOrderExpiry: key = KeyOrderExpiry; break;
                case SlotKeypadClick: key = KeyKeypadClick; break;
                default: key = null; break;
            }
            return key;
        }

        /// <summary>Keys a terminal cannot work without; the others have defaults (see provisioning.md).</summary>
        private static bool IsRequiredSlot(int slot)
        {
            return slot == SlotWifiSsid || slot == SlotGatewayUrl || slot == SlotTerminalId || slot == SlotTerminalKey || slot == SlotPanelController;
        }

        /// <summary>Every key the file may contain, in file order (for documentation checks and menus).</summary>
        public static string[] AllKeys()
        {
            string[] keys = new string[KeyCount];
            for (int slot = 0; slot < KeyCount; slot++) keys[slot] = KeyName(slot);
            return keys;
        }

        /// <summary>True when the key must be present.</summary>
        public static bool IsRequiredKey(string key)
        {
            int code = KeyCode(key);
            return code >= 0 && IsRequiredSlot(code);
        }

        private TerminalConfig()
        {
            WifiPasswordText = "";
            LanguageCode = Language.Norwegian;
            CurrencyCode = "NOK";
            PanelI2cAddress = PinMap.PanelI2cAddress;
            PaidScreenTimeoutSeconds = 0;
            OrderExpirySeconds = DefaultOrderExpirySeconds;
            KeyClicks = true;
        }

        public string WifiSsidText { get; private set; }

        /// <summary>Empty for an open network.</summary>
        public string WifiPasswordText { get; private set; }

        /// <summary>Base URL of the gateway, without a trailing slash; https unless the host is loopback.</summary>
        public string GatewayBaseUrl { get; private set; }

        public string TerminalIdText { get; private set; }

        /// <summary>The terminal's shared secret with the gateway (32 bytes).</summary>
        public byte[] TerminalKeyBytes { get; private set; }

        /// <summary>Null when no PIN is provisioned: the technician menu stays locked.</summary>
        public string TechnicianPinText { get; private set; }

        public bool HasTechnicianPin { get { return TechnicianPinText != null; } }

        /// <summary>A <see cref="Language"/> code.</summary>
        public int LanguageCode { get; private set; }

        /// <summary>ISO 4217 alphabetic code, e.g. NOK.</summary>
        public string CurrencyCode { get; private set; }

        /// <summary>A <see cref="PanelController"/> code.</summary>
        public int PanelControllerCode { get; private set; }

        /// <summary>7-bit I2C address, 0x3C or 0x3D.</summary>
        public int PanelI2cAddress { get; private set; }

        /// <summary>0 = the PAID screen stays until the cashier presses a key.</summary>
        public int PaidScreenTimeoutSeconds { get; private set; }

        public int OrderExpirySeconds { get; private set; }

        /// <summary>Whether each key press clicks on the buzzer (PAID and failure sound regardless).</summary>
        public bool KeyClicks { get; private set; }

        /// <summary>Compares an entered PIN with the provisioned one (<see cref="PinCheck"/>). False when none is provisioned.</summary>
        public bool TechnicianPinMatches(string entered)
        {
            return entered != null && PinCheck.Matches(TechnicianPinText, entered.ToCharArray(), entered.Length);
        }

        /// <summary>
        /// Parses and checks a provisioning file. Returns the configuration and a null error, or null and the
        /// first problem (line number, key, message). Never throws.
        /// </summary>
        public static TerminalConfig Parse(string text, out ConfigError error)
        {
            // One method, not a wrapper around the parse: the probe times this under the technician's menu, and each
            // call level is a frame on the device's heap (docs/memory.md).
            try
            {
                error = null;
                if (text == null || text.Length == 0)
                {
                    error = new ConfigError(0, null, "the file is empty");
                    return null;
                }
                if (text.Length > MaxFileChars)
                {
                    error = new ConfigError(0, null, "the file is larger than " + MaxFileChars.ToString() + " characters");
                    return null;
                }

                TerminalConfig config = new TerminalConfig();
                bool[] seen = new bool[KeyCount];
                int lineStart = 0;
                // A UTF-8 byte order mark from a Windows editor is not part of the first key.
                if (text[0] == '\uFEFF') lineStart = 1;
                int lineNumber = 0;
                int code;
                while (lineStart <= text.Length)
                {
                    int at = text.IndexOf('\n', lineStart); // the line's end, then its '='
                    if (at < 0) at = text.Length;
                    lineNumber++;
                    string line = text.Substring(lineStart, at - lineStart).Trim();
                    lineStart = at + 1;

                    if (line.Length == 0 || line[0] == '#') continue;
                    at = line.IndexOf('=');
                    if (at < 0)
                    {
                        error = new ConfigError(lineNumber, null, "expected key=value (a line without '=' is neither a setting nor a # comment)");
                        return null;
                    }
                    string key = line.Substring(0, at).Trim();
                    line = line.Substring(at + 1).Trim(); // from here: the value
                    code = KeyCode(key);
                    if (code < 0)
                    {
                        error = new ConfigError(lineNumber, key, "unknown key (known keys are listed in hardware-notes/provisioning.md)");
                        return null;
                    }
                    if (seen[code])
                    {
                        error = new ConfigError(lineNumber, key, "given twice; keep one line per key");
                        return null;
                    }
                    seen[code] = true;
                    line = config.Apply(code, line); // from here: the refusal, if any
                    if (line != null)
                    {
                        error = new ConfigError(lineNumber, key, line);
                        return null;
                    }
                }

                for (code = 0; code < KeyCount; code++)
                {
                    if (IsRequiredSlot(code) && !seen[code])
                    {
                        error = new ConfigError(0, KeyName(code), "missing; this key is required");
                        return null;
                    }
                }
                return config;
            }
            catch (Exception e)
            {
                // A check above should have caught it; the device must still start and show the problem.
                error = new ConfigError(0, null, "unreadable file (" + e.GetType().Name + ")");
                return null;
            }
        }

        private static int KeyCode(string key)
        {
            for (int slot = 0; slot < KeyCount; slot++)
            {
                if (KeyName(slot) == key) return slot;
            }
            return -1;
        }

        /// <summary>Checks one value and stores it; returns what is wrong, or null. Secret values are never quoted.</summary>
        private string Apply(int code, string value)
        {
            // Shared locals, not one per case: each is a 24-byte slot of this frame on nanoCLR's heap, under every
            // provisioning parse (boot and the technician's probe; docs/memory.md, "Fragmentation").
            string refusal = null;
            string lower;
            int number;
            switch (code)
            {
                case SlotWifiSsid:
                    {
                        number = Text.Utf8.GetByteCount(value);
                        if (number < 1 || number > 32) refusal = "an SSID has 1-32 bytes, got " + number.ToString();
                        else WifiSsidText = value;
                        break;
                    }
                case SlotWifiPassword:
                    {
                        refusal = CheckWifiPassword(value);
                        if (refusal == null) WifiPasswordText = value;
                        break;
                    }
                case SlotGatewayUrl:
                    {
                        refusal = GatewayUrlRules.Check(value);
                        if (refusal == null) GatewayBaseUrl = GatewayUrlRules.WithoutTrailingSlash(value);
                        break;
                    }
                case SlotTerminalId:
                    {
                        refusal = TerminalIdRule.Check(value);
                        if (refusal == null) TerminalIdText = value;
                        break;
                    }
                case SlotTerminalKey:
                    {
                        byte[] key = KeyText.Decode(value, out refusal);
                        if (key == null) break; // refusal says why
                        if (key.Length != KeyBytes)
                            refusal = "the key must have " + KeyBytes.ToString() + " bytes as the gateway issues it, got " + key.Length.ToString();
                        else TerminalKeyBytes = key;
                        break;
                    }
                case SlotTechnicianPin:
                    {
                        refusal = CheckPin(value);
                        if (refusal == null) TechnicianPinText = value;
                        break;
                    }
                case SlotLanguage:
                    {
                        lower = value.ToLower();
                        if (lower == "nb" || lower == "no" || lower == "0") LanguageCode = Language.Norwegian;
                        else if (lower == "en" || lower == "1") LanguageCode = Language.English;
                        else refusal = "use nb (Norwegian) or en (English), got '" + value + "'";
                        break;
                    }
                case SlotCurrency:
                    {
                        // A code the terminal cannot format is a provisioning error, never a silent fallback to
                        // the default currency: the cashier would charge in the wrong money.
                        if (CurrencyTable.FindByCode(value) == null)
                            refusal = "use one of " + CurrencyTable.CodeList() + " (ISO 4217, capital letters), got '" + value + "'";
                        else CurrencyCode = value;
                        break;
                    }
                case SlotPanelController:
                    {
                        lower = value.ToLower();
                        if (lower == "ssd1306" || lower == "0") PanelControllerCode = PanelController.Ssd1306;
                        else if (lower == "sh1106" || lower == "1") PanelControllerCode = PanelController.Sh1106;
                        else refusal = "use ssd1306 (0.96\" modules) or sh1106 (1.3\" modules), got '" + value + "'";
                        break;
                    }
                case SlotPanelAddress:
                    {
                        lower = value.ToLower();
                        if (lower == "0x3c") PanelI2cAddress = PanelController.UsualI2cAddress;
                        else if (lower == "0x3d") PanelI2cAddress = PanelController.AlternateI2cAddress;
                        else refusal = "use 0x3C (usual) or 0x3D (SA0 jumper high), got '" + value + "'";
                        break;
                    }
                case SlotPaidScreenTimeout:
                    {
                        number = ParseSeconds(value, 0, MaxPaidScreenTimeoutSeconds);
                        if (number < 0) refusal = "whole seconds 0-" + MaxPaidScreenTimeoutSeconds.ToString() + " (0 = until a key is pressed), got '" + value + "'";
                        else PaidScreenTimeoutSeconds = number;
                        break;
                    }
                case SlotOrderExpiry:
                    {
                        number = ParseSeconds(value, MinOrderExpirySeconds, MaxOrderExpirySeconds);
                        if (number < 0) refusal = "whole seconds " + MinOrderExpirySeconds.ToString() + "-" + MaxOrderExpirySeconds.ToString() + ", got '" + value + "'";
                        else OrderExpirySeconds = number;
                        break;
                    }
                case SlotKeypadClick:
                    {
                        lower = value.ToLower();
                        if (lower == "on") KeyClicks = true;
                        else if (lower == "off") KeyClicks = false;
                        else refusal = "on or off, got '" + value + "'";
                        break;
                    }
                default:
                    refusal = "unknown key";
                    break;
            }
            // Each case breaks to this one exit: a `return` at the end of each would cost the call frame a stack slot
            // each in the MetadataProcessor's estimate (see Texts.Get).
            return refusal;
        }

        private static string CheckWifiPassword(string value)
        {
            if (value.Length == 0) return null; // open network
            if (value.Length == 64)
            {
                // A raw WPA2 pre-shared key is exactly 64 hex digits.
                for (int i = 0; i < 64; i++)
                {
                    if (Hex.Value(value[i]) < 0) return "a 64-character password must be a hex PSK; a passphrase has 8-63 characters";
                }
                return null;
            }
            if (value.Length < 8 || value.Length > 63) return "a WPA2 passphrase has 8-63 characters, got " + value.Length.ToString() + " (leave it empty for an open network)";
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] < ' ' || value[i] > '~') return "a WPA2 passphrase uses printable ASCII only (character " + (i + 1).ToString() + " is not)";
            }
            return null;
        }

        private static string CheckPin(string value)
        {
            if (value.Length == 0) return "empty; give " + MinPinDigits.ToString() + "-" + MaxPinDigits.ToString() + " digits, or remove the line to keep the technician menu locked";
            for (int i = 0; i < value.Length; i++)
            {
                if (!IsDecimalDigit(value[i])) return "digits only (the keypad has no letters for a PIN)";
            }
            if (value.Length < MinPinDigits) return "too short: at least " + MinPinDigits.ToString() + " digits";
            if (value.Length > MaxPinDigits) return "too long: at most " + MaxPinDigits.ToString() + " digits";
            bool allSame = true;
            bool ascending = true;
            for (int i = 1; i < value.Length; i++)
            {
                if (value[i] != value[0]) allSame = false;
                if (value[i] != value[i - 1] + 1) ascending = false;
            }
            if (allSame || ascending) return "too easy to guess (all one digit or a run like 1234); choose another";
            return null;
        }

        /// <summary>Whole seconds in [min, max], or -1.</summary>
        private static int ParseSeconds(string value, int min, int max)
        {
            if (value.Length == 0 || value.Length > 6) return -1;
            int result = 0;
            for (int i = 0; i < value.Length; i++)
            {
                if (!IsDecimalDigit(value[i])) return -1;
                result = result * 10 + (value[i] - '0');
            }
            return result >= min && result <= max ? result : -1;
        }

        internal static bool IsDecimalDigit(char c)
        {
            return c >= '0' && c <= '9';
        }

        /// <summary>
        /// The configuration as provisioning text with the secrets (Wi-Fi password, terminal key, PIN) masked:
        /// for the technician menu, support and logs. The masked file does not parse back on purpose.
        /// </summary>
        public string ToProvisioningText()
        {
            string text = "# terminal.cfg (secrets masked)\n";
            text += KeyWifiSsid + "=" + WifiSsidText + "\n";
            text += KeyWifiPassword + "=" + (WifiPasswordText.Length == 0 ? "" : "******** (masked)") + "\n";
            text += KeyGatewayUrl + "=" + GatewayBaseUrl + "\n";
            text += KeyTerminalId + "=" + TerminalIdText + "\n";
            text += KeyTerminalKey + "=******** (" + TerminalKeyBytes.Length.ToString() + " bytes, masked)\n";
            if (HasTechnicianPin) text += KeyTechnicianPin + "=**** (masked)\n";
            else text += "# " + KeyTechnicianPin + " not provisioned: technician menu locked\n";
            text += KeyLanguage + "=" + (LanguageCode == Language.English ? "en" : "nb") + "\n";
            text += KeyCurrency + "=" + CurrencyCode + "\n";
            text += KeyPanelController + "=" + (PanelControllerCode == PanelController.Sh1106 ? "sh1106" : "ssd1306") + "\n";
            text += KeyPanelAddress + "=" + (PanelI2cAddress == PanelController.AlternateI2cAddress ? "0x3D" : "0x3C") + "\n";
            text += KeyPaidScreenTimeout + "=" + PaidScreenTimeoutSeconds.ToString() + "\n";
            text += KeyOrderExpiry + "=" + OrderExpirySeconds.ToString() + "\n";
            text += KeyKeypadClick + "=" + (KeyClicks ? "on" : "off") + "\n";
            return text;
        }
    }
}
