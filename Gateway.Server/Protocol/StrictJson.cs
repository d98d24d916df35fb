using System.Text;
using System.Text.Json;

namespace Gateway.Server.Protocol;

/// <summary>
/// Reads a request body the way docs/gateway-protocol.md section 1 says bodies are: valid UTF-8, one JSON
/// object, no duplicate member names at any depth, and no string that is not valid UTF-16 (a lone surrogate
/// written as an escape such as "\ud800"). Anything else is a 400 with the reason, never an exception.
/// </summary>
public static class StrictJson
{
    private static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body's root object, or null and the reason it is refused.</summary>
    public static JsonElement? ParseObject(byte[] body, out string? problem)
    {
        problem = null;
        try
        {
            Utf8Strict.GetCharCount(body);
        }
        catch (DecoderFallbackException)
        {
            problem = "body is not valid UTF-8";
            return null;
        }
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(body);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            problem = "body is not JSON";
            return null;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "body is not a JSON object";
            return null;
        }
        problem = Check(root, 0);
        return problem == null ? root : null;
    }

    private static string? Check(JsonElement element, int depth)
    {
        if (depth > 8) return "body is nested too deeply";
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (JsonProperty member in element.EnumerateObject())
                {
                    if (!IsValidText(() => member.Name, out string? name)) return "a member name is not valid Unicode (lone surrogate)";
                    if (!names.Add(name!)) return "duplicate member '" + name + "'";
                    string? inner = Check(member.Value, depth + 1);
                    if (inner != null) return inner;
                }
                return null;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    string? inner = Check(item, depth + 1);
                    if (inner != null) return inner;
                }
                return null;
            case JsonValueKind.String:
                return IsValidText(() => element.GetString()!, out _) ? null : "a string is not valid Unicode (lone surrogate)";
            default:
                return null;
        }
    }

    /// <summary>Reads a string (System.Text.Json throws for escaped lone surrogates) and checks its surrogate pairs.</summary>
    private static bool IsValidText(Func<string> read, out string? text)
    {
        try
        {
            text = read();
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }
}
