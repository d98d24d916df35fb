using System;
using Terminal.Text;

namespace Terminal.Config
{
    /// <summary>
    /// Reads the terminal key as written in the provisioning file: <c>hex:</c> followed by hex digits, or
    /// <c>base64:</c> followed by standard Base64. The prefix is required because many Base64 strings are also
    /// valid hex. Errors name the position, never the key material.
    /// </summary>
    public static class KeyText
    {
        public const string HexPrefix = "hex:";
        public const string Base64Prefix = "base64:";

        /// <summary>The key bytes, or null and what is wrong.</summary>
        public static byte[] Decode(string value, out string problem)
        {
            problem = null;
            if (value.Length > HexPrefix.Length && value.Substring(0, HexPrefix.Length).ToLower() == HexPrefix)
                return DecodeHex(value.Substring(HexPrefix.Length), out problem);
            if (value.Length > Base64Prefix.Length && value.Substring(0, Base64Prefix.Length).ToLower() == Base64Prefix)
                return DecodeBase64(value.Substring(Base64Prefix.Length), out problem);
            problem = "write the key as hex:<hex digits> or base64:<base64 text>";
            return null;
        }

        private static byte[] DecodeHex(string digits, out string problem)
        {
            problem = null;
            if ((digits.Length & 1) != 0)
            {
                problem = "not valid hex: an odd number of digits (" + digits.Length.ToString() + ")";
                return null;
            }
            byte[] bytes = new byte[digits.Length / 2];
            for (int i = 0; i < digits.Length; i += 2)
            {
                int high = Hex.Value(digits[i]);
                int low = Hex.Value(digits[i + 1]);
                if (high < 0 || low < 0)
                {
                    int position = high < 0 ? i + 1 : i + 2;
                    problem = "not valid hex: digit " + position.ToString() + " is not 0-9 or A-F";
                    return null;
                }
                bytes[i / 2] = (byte)((high << 4) | low);
            }
            return bytes;
        }

        private static byte[] DecodeBase64(string text, out string problem)
        {
            problem = null;
            // Checked here rather than trusting Convert to throw: the device's Convert may decode junk silently.
            if ((text.Length & 3) != 0)
            {
                problem = "not valid base64: the length must be a multiple of 4, got " + text.Length.ToString();
                return null;
            }
            int padding = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool isAlphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
                if (c == '=' && i >= text.Length - 2)
                {
                    padding++;
                    continue;
                }
                if (!isAlphabet || padding > 0)
                {
                    problem = "not valid base64: character " + (i + 1).ToString() + " is not A-Z, a-z, 0-9, + or /";
                    return null;
                }
            }
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (Exception)
            {
                problem = "not valid base64";
                return null;
            }
        }
    }
}
