using System.Text;

namespace Gateway.Acquirers.Alipay;

/// <summary>
/// The text Alipay signs: every parameter except sign and sign_type, and except those without a value, sorted
/// by name (byte order), joined as name=value with '&amp;'. Values are the raw ones, never URL-encoded.
/// </summary>
public static class AlipaySignatureContent
{
    public static string Build(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var kept = new List<KeyValuePair<string, string>>();
        foreach (var p in parameters)
        {
            if (p.Key == AlipayProtocol.ParamSign || p.Key == AlipayProtocol.ParamSignType || string.IsNullOrEmpty(p.Value))
                continue;
            kept.Add(p);
        }
        kept.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        for (int i = 0; i < kept.Count; i++)
        {
            if (i > 0) text.Append('&');
            text.Append(kept[i].Key).Append('=').Append(kept[i].Value);
        }
        return text.ToString();
    }
}
