using System.Security.Cryptography;
using System.Text;
using Gateway.Acquirers.Alipay;
using Xunit;

namespace Terminal.Tests.Alipay;

/// <summary>
/// Alipay's signing rule on the request sample of its precreate guide (docs/alipay.md): the signing content is
/// checked against a string written out by hand, then signed and verified end to end with RSA keys made here,
/// and checked again with .NET's RSA directly (not through the signer).
/// </summary>
public class AlipaySignatureTests
{
    // The parameters of the alipay.acquire.precreate request sample in Alipay's guide (sign and sign_type added
    // to show they are left out; "passback_parameters" empty to show empty values are left out).
    private static readonly KeyValuePair<string, string>[] DocumentedPrecreate =
    {
        new("service", "alipay.acquire.precreate"),
        new("partner", "2088021966388155"),
        new("_input_charset", "UTF-8"),
        new("out_trade_no", "4363476566647440"),
        new("subject", "Payment by QR-Code"),
        new("product_code", "OVERSEAS_MBARCODE_PAY"),
        new("total_fee", "0.01"),
        new("trans_currency", "USD"),
        new("currency", "USD"),
        new("notify_url", "http://api.test.alipay.net/atinterface/receive_notify.htm"),
        new("extend_params", "{\"secondary_merchant_name\":\"Lotte\",\"secondary_merchant_id\":\"123\",\"secondary_merchant_industry\":\"5812\",\"store_id\":\"A101\",\"store_name\":\"McDonald in 966 3rd Ave, New York\"}"),
        new("seller_email", "testoverseas1980@alipay.com"),
        new("passback_parameters", ""),
        new("sign_type", "RSA2"),
        new("sign", "2127020ad640f41eec725c639f1de294"),
    };

    private const string DocumentedContent =
        "_input_charset=UTF-8" +
        "&currency=USD" +
        "&extend_params={\"secondary_merchant_name\":\"Lotte\",\"secondary_merchant_id\":\"123\",\"secondary_merchant_industry\":\"5812\",\"store_id\":\"A101\",\"store_name\":\"McDonald in 966 3rd Ave, New York\"}" +
        "&notify_url=http://api.test.alipay.net/atinterface/receive_notify.htm" +
        "&out_trade_no=4363476566647440" +
        "&partner=2088021966388155" +
        "&product_code=OVERSEAS_MBARCODE_PAY" +
        "&seller_email=testoverseas1980@alipay.com" +
        "&service=alipay.acquire.precreate" +
        "&subject=Payment by QR-Code" +
        "&total_fee=0.01" +
        "&trans_currency=USD";

    [Fact]
    public void The_signing_content_sorts_by_name_leaves_out_sign_sign_type_and_empty_values_and_never_url_encodes()
    {
        Assert.Equal(DocumentedContent, AlipaySignatureContent.Build(DocumentedPrecreate));
    }

    [Fact]
    public void Names_sort_by_byte_order_so_underscore_comes_before_lower_case_letters()
    {
        var p = new[] { new KeyValuePair<string, string>("b", "2"), new("_a", "1"), new("B", "0"), new("a_b", "3"), new("ab", "4") };
        Assert.Equal("B=0&_a=1&a_b=3&ab=4&b=2", AlipaySignatureContent.Build(p));
    }

    [Fact]
    public void An_Rsa2_signature_of_the_documented_request_verifies_end_to_end_and_with_plain_dotnet_rsa()
    {
        using RSA merchant = RSA.Create(2048);
        using RSA alipay = RSA.Create(2048);
        using var merchantSide = AlipaySigner.Rsa2(merchant.ExportPkcs8PrivateKeyPem(), alipay.ExportSubjectPublicKeyInfoPem());
        using var alipaySide = AlipaySigner.Rsa2(alipay.ExportRSAPrivateKeyPem(), merchant.ExportRSAPublicKeyPem());

        string sign = merchantSide.Sign(DocumentedPrecreate);

        Assert.True(alipaySide.Verify(DocumentedPrecreate, sign));
        byte[] raw = Convert.FromBase64String(sign);
        Assert.Equal(256, raw.Length);
        Assert.True(merchant.VerifyData(Encoding.UTF8.GetBytes(DocumentedContent), raw, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        // Changing any signed value, or adding a parameter, breaks it; sign_type and sign themselves are not signed.
        var tampered = DocumentedPrecreate.Select(p => p.Key == "total_fee" ? new KeyValuePair<string, string>(p.Key, "100.01") : p).ToArray();
        Assert.False(alipaySide.Verify(tampered, sign));
        Assert.False(alipaySide.Verify(DocumentedPrecreate.Append(new("it_b_pay", "5m")), sign));
        Assert.True(alipaySide.Verify(DocumentedPrecreate.Where(p => p.Key != "sign_type"), sign));
    }

    [Fact]
    public void Signatures_by_another_key_empty_or_not_base64_never_verify()
    {
        using RSA merchant = RSA.Create(2048);
        using RSA intruder = RSA.Create(2048);
        using RSA alipay = RSA.Create(2048);
        using var intruderSide = AlipaySigner.Rsa2(intruder.ExportPkcs8PrivateKeyPem(), alipay.ExportSubjectPublicKeyInfoPem());
        using var alipaySide = AlipaySigner.Rsa2(alipay.ExportPkcs8PrivateKeyPem(), merchant.ExportSubjectPublicKeyInfoPem());

        Assert.False(alipaySide.Verify(DocumentedPrecreate, intruderSide.Sign(DocumentedPrecreate)));
        Assert.False(alipaySide.Verify(DocumentedPrecreate, ""));
        Assert.False(alipaySide.Verify(DocumentedPrecreate, null));
        Assert.False(alipaySide.Verify(DocumentedPrecreate, "not base64 at all!"));
    }

    [Fact]
    public void Md5_signs_the_content_followed_by_the_key_in_lower_case_hex()
    {
        const string key = "svzitn0123456789pslfal77xlxm0qhc";
        using var signer = AlipaySigner.Md5(key);

        string sign = signer.Sign(DocumentedPrecreate);

        string expected = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(DocumentedContent + key)));
        Assert.Equal(expected, sign);
        Assert.True(signer.Verify(DocumentedPrecreate, sign.ToUpperInvariant()));
        using var other = AlipaySigner.Md5("another-key-another-key-another");
        Assert.False(other.Verify(DocumentedPrecreate, sign));
    }

    [Fact]
    public void Non_ascii_values_are_signed_as_utf8()
    {
        var p = new[] { new KeyValuePair<string, string>("subject", "Kaffe og bolle, Tromsø 咖啡") };
        using var signer = AlipaySigner.Md5("k");
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("subject=Kaffe og bolle, Tromsø 咖啡k"))), signer.Sign(p));
    }

    [Fact]
    public void A_key_that_is_not_pem_is_refused_without_quoting_it()
    {
        var e = Assert.Throws<ArgumentException>(() => AlipaySigner.Rsa2("-----BEGIN PRIVATE KEY-----\nSECRETSECRET\n-----END PRIVATE KEY-----", "junk"));
        Assert.DoesNotContain("SECRETSECRET", e.Message);
    }
}
