namespace Terminal.Gateway
{
    /// <summary>
    /// What a terminal id may be, as docs/gateway-protocol.md section 2 states it: 1-24 characters, ASCII letters,
    /// digits and '-'. The provisioning file is checked against this rule, so a terminal is never provisioned
    /// with an id the gateway refuses on every request.
    /// </summary>
    public static class TerminalIdRule
    {
        public const int MaxChars = 24;

        /// <summary>An ASCII letter, digit or '-': the characters of terminal ids and of order ids.</summary>
        public static bool IsIdChar(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        }

        /// <summary>Null when the id is valid, otherwise what is wrong with it.</summary>
        public static string Check(string id)
        {
            if (id == null || id.Length < 1 || id.Length > MaxChars)
                return "a terminal id has 1-" + MaxChars.ToString() + " characters, got " + (id == null ? 0 : id.Length).ToString();
            for (int i = 0; i < id.Length; i++)
            {
                if (!IsIdChar(id[i])) return "only letters A-Z, digits and '-' are allowed (position " + (i + 1).ToString() + ")";
            }
            return null;
        }
    }
}
