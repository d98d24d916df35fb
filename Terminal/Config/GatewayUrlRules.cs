namespace Terminal.Config
{
    /// <summary>
    /// What the provisioning file accepts as the gateway's base URL: <c>https://host[:port][/path]</c>, or
    /// <c>http://</c> only for a loopback host (the simulator's gateway emulator on 127.0.0.1). A payment
    /// terminal never talks to a real gateway in clear text.
    /// </summary>
    public static class GatewayUrlRules
    {
        /// <summary>Null when the URL is acceptable, else what is wrong.</summary>
        public static string Check(string url)
        {
            if (url.Length == 0) return "empty; give the gateway's https:// base URL";
            if (url.Length > 200) return "longer than 200 characters";
            string lower = url.ToLower();
            bool https;
            int hostStart;
            if (StartsWith(lower, "https://")) { https = true; hostStart = 8; }
            else if (StartsWith(lower, "http://")) { https = false; hostStart = 7; }
            else return "must start with https:// (got no or another scheme)";

            for (int i = 0; i < url.Length; i++)
            {
                char c = url[i];
                if (c <= ' ' || c > '~') return "contains a space or a character that is not printable ASCII (position " + (i + 1).ToString() + ")";
                if (c == '?' || c == '#') return "a base URL has no query (?) or fragment (#)";
            }

            int hostEnd = url.IndexOf('/', hostStart);
            if (hostEnd < 0) hostEnd = url.Length;
            string authority = lower.Substring(hostStart, hostEnd - hostStart);
            if (authority.IndexOf('@') >= 0) return "no user name or password in the URL; the terminal signs its requests with terminal.key";

            string host = authority;
            string port = null;
            if (StartsWith(authority, "["))
            {
                int close = authority.IndexOf(']');
                if (close < 0) return "an IPv6 host needs a closing ]";
                host = authority.Substring(0, close + 1);
                if (close + 1 < authority.Length)
                {
                    if (authority[close + 1] != ':') return "unexpected text after the IPv6 host";
                    port = authority.Substring(close + 2);
                }
            }
            else
            {
                int colon = authority.IndexOf(':');
                if (colon >= 0)
                {
                    host = authority.Substring(0, colon);
                    port = authority.Substring(colon + 1);
                }
                if (host.Length == 0) return "no host name";
                for (int i = 0; i < host.Length; i++)
                {
                    char c = host[i];
                    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
                        return "the host name may contain only letters, digits, '-' and '.'";
                }
            }
            if (port != null && !IsPort(port)) return "the port must be a number 1-65535";
            if (!https && !IsLoopbackHost(host))
                return "http:// is allowed only for a loopback host (127.0.0.1, localhost, [::1]); use https://";
            return null;
        }

        /// <summary>The URL without trailing slashes, so paths can be appended as "/orders".</summary>
        public static string WithoutTrailingSlash(string url)
        {
            int end = url.Length;
            while (end > 0 && url[end - 1] == '/') end--;
            return url.Substring(0, end);
        }

        /// <summary>localhost, [::1] or any 127.x.x.x address (lower-case host as written in the URL).</summary>
        public static bool IsLoopbackHost(string host)
        {
            if (host == "localhost" || host == "[::1]") return true;
            if (!StartsWith(host, "127.")) return false;
            // Exactly four dot-separated numbers 0-255.
            int parts = 0;
            int start = 0;
            while (start <= host.Length)
            {
                int dot = host.IndexOf('.', start);
                if (dot < 0) dot = host.Length;
                if (!IsNumberUpTo(host, start, dot, 255)) return false;
                parts++;
                start = dot + 1;
            }
            return parts == 4;
        }

        private static bool IsPort(string text)
        {
            if (!IsNumberUpTo(text, 0, text.Length, 65535)) return false;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] != '0') return true;
            }
            return false; // port 0
        }

        private static bool IsNumberUpTo(string text, int start, int end, int max)
        {
            if (end <= start || end - start > 5) return false;
            int value = 0;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            return value <= max;
        }

        private static bool StartsWith(string text, string prefix)
        {
            if (text.Length < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++)
            {
                if (text[i] != prefix[i]) return false;
            }
            return true; // compared in place: no substring, one call level less under the probe's config item
        }
    }
}
