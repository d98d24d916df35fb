using System.Xml;
using System.Xml.Linq;

namespace Gateway.Acquirers.Alipay;

/// <summary>
/// gateway.do's synchronous XML answer:
/// <c>&lt;alipay&gt;&lt;is_success&gt;T&lt;/is_success&gt;&lt;request&gt;...&lt;/request&gt;&lt;response&gt;&lt;alipay&gt;fields&lt;/alipay&gt;&lt;/response&gt;&lt;sign&gt;..&lt;/sign&gt;&lt;sign_type&gt;..&lt;/sign_type&gt;&lt;/alipay&gt;</c>
/// or <c>&lt;alipay&gt;&lt;is_success&gt;F&lt;/is_success&gt;&lt;error&gt;CODE&lt;/error&gt;&lt;/alipay&gt;</c>.
/// The signature covers the leaf fields inside response/alipay.
/// </summary>
public sealed class AlipayXmlReply
{
    public const int MaxBytes = 64 * 1024;

    private AlipayXmlReply(bool isSuccess, string error, IReadOnlyDictionary<string, string> fields, string sign, string signType)
    {
        IsSuccess = isSuccess;
        Error = error;
        Fields = fields;
        Sign = sign;
        SignType = signType;
    }

    public bool IsSuccess { get; }
    public string Error { get; }
    public IReadOnlyDictionary<string, string> Fields { get; }
    public string Sign { get; }
    public string SignType { get; }

    public string Field(string name) => Fields.TryGetValue(name, out string? value) ? value : "";

    /// <summary>Parses an answer; null for anything that is not one well-formed reply (no DTDs, no duplicate fields).</summary>
    public static AlipayXmlReply? TryParse(string xml)
    {
        XDocument doc;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = MaxBytes,
            };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            doc = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
        XElement? root = doc.Root;
        if (root is null || root.Name.LocalName != "alipay" || !OnlyOnce(root, "is_success")) return null;
        string isSuccess = (string?)root.Element("is_success") ?? "";
        if (isSuccess == "F")
            return new AlipayXmlReply(false, (string?)root.Element("error") ?? "", new Dictionary<string, string>(), "", "");
        if (isSuccess != "T") return null;

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        XElement? response = root.Element("response");
        if (response != null)
        {
            if (!OnlyOnce(root, "response")) return null;
            List<XElement> inner = response.Elements().ToList();
            if (inner.Count != 1) return null;
            foreach (XElement field in inner[0].Elements())
            {
                if (field.HasElements) continue; // structured extras are not signed, so never read
                if (!fields.TryAdd(field.Name.LocalName, field.Value)) return null;
            }
        }
        if (!OnlyOnce(root, "sign") || !OnlyOnce(root, "sign_type")) return null;
        return new AlipayXmlReply(true, "", fields, (string?)root.Element("sign") ?? "", (string?)root.Element("sign_type") ?? "");
    }

    private static bool OnlyOnce(XElement root, string name) => root.Elements(name).Count() <= 1;
}
