using CsCheck;
using Terminal.Qr;

namespace Terminal.Tests.Qr;

/// <summary>A generated payload: its text, the level and the version it is meant for.</summary>
public sealed record QrPayload(string Text, int Ecc, int Version, int Mask)
{
    public override string ToString() => $"v{Version}-{QrEcc.Name(Ecc)} mask {Mask} ({Text.Length} chars) \"{(Text.Length > 80 ? Text[..80] + "..." : Text)}\"";
}

/// <summary>Generators of payloads of every mode: digits, the alphanumeric set, printable ASCII and non-ASCII UTF-8.</summary>
public static class QrPayloads
{
    public const string Alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private const string NonAscii = "abcxyzæøåÆØÅ€中文支付宝 /:.?=&";

    /// <summary>Versions weighted towards the small ones a terminal uses, but reaching 40.</summary>
    public static readonly Gen<int> Version = Gen.Frequency((6, Gen.Int[1, 10]), (3, Gen.Int[11, 26]), (1, Gen.Int[27, 40]));

    public static readonly Gen<int> Ecc = Gen.Int[QrEcc.L, QrEcc.H];

    /// <summary>Characters of one kind: 0 numeric, 1 alphanumeric, 2 printable ASCII, 3 non-ASCII UTF-8.</summary>
    public static Gen<char> CharOf(int kind) => kind switch
    {
        0 => Gen.Char['0', '9'],
        1 => Gen.Int[0, Alphanumeric.Length - 1].Select(i => Alphanumeric[i]),
        2 => Gen.Char[' ', '~'],
        _ => Gen.Int[0, NonAscii.Length - 1].Select(i => NonAscii[i]),
    };

    /// <summary>How many characters of a kind always fit a version at a level (UTF-8: up to 3 bytes each).</summary>
    public static int CapacityOf(int kind, int version, int ecc) => kind switch
    {
        0 => QrSpec.Capacity(QrMode.Numeric, version, ecc),
        1 => QrSpec.Capacity(QrMode.Alphanumeric, version, ecc),
        2 => QrSpec.Capacity(QrMode.Byte, version, ecc),
        _ => QrSpec.Capacity(QrMode.Byte, version, ecc) / 3,
    };

    /// <summary>Text of 1..capacity characters of one kind for a forced version, with a forced mask.</summary>
    public static readonly Gen<QrPayload> ForForcedVersion =
        from kind in Gen.Int[0, 3]
        from ecc in Ecc
        from version in Version
        from text in Gen.String[CharOf(kind), 1, CapacityOf(kind, version, ecc)]
        from mask in Gen.Int[0, 7]
        select new QrPayload(text, ecc, version, mask);

    /// <summary>
    /// Text whose smallest version at the level is exactly `Version`: longer than what the previous version
    /// holds, no longer than what this one holds. Mask -1 (chosen by penalty).
    /// </summary>
    public static readonly Gen<QrPayload> ForSmallestVersion =
        from kind in Gen.Int[0, 2]
        from ecc in Ecc
        from version in Version
        let low = version == 1 ? 1 : CapacityOf(kind, version - 1, ecc) + 1
        from text in Gen.String[CharOf(kind), low, CapacityOf(kind, version, ecc)]
        select new QrPayload(text, ecc, version, -1);
}
