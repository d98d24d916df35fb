using Gateway.Acquirers.Alipay;
using Xunit;

namespace Terminal.Tests.Alipay;

/// <summary>The merchant's keys never show in text: settings, the client, the signer, the connector's log lines, error messages.</summary>
public class AlipaySecretsTests
{
    private static IEnumerable<string> SecretFragments(AlipayOptions o)
    {
        // Any 24-character run from the body of a key would show that the key leaked.
        foreach (string pem in new[] { o.PrivateKeyPem, o.AlipayPublicKeyPem })
        {
            string body = string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));
            for (int i = 0; i + 24 <= body.Length; i += 24) yield return body.Substring(i, 24);
        }
        yield return o.Md5Key;
    }

    [Fact]
    public async Task Options_client_and_signer_text_name_no_key_and_say_so()
    {
        await using var h = await AlipayHarness.StartAsync();
        string[] texts = { h.Options.ToString(), h.Client.ToString(), h.Options.CreateSigner().ToString() };

        foreach (string text in texts)
            foreach (string secret in SecretFragments(h.Options))
                Assert.DoesNotContain(secret, text);
        Assert.Contains("PrivateKeyPem = (set, redacted)", h.Options.ToString());
        Assert.Contains("Md5Key = (set, redacted)", h.Options.ToString());
        Assert.Contains(AlipayHarness.PartnerId, h.Options.ToString());
        Assert.Contains("Md5Key = (not set)", new AlipayOptions().ToString());
    }

    [Fact]
    public async Task A_whole_sale_with_a_refund_logs_outcomes_but_no_key_and_no_signature()
    {
        await using var h = await AlipayHarness.StartAsync();
        h.Emulator.Faults.Enqueue(global::Alipay.Emulator.AlipayFault.UnsignedRefusal, AlipayProtocol.ServiceQuery);
        await h.Emulator.PayAsync(await h.CreateAsync("order-1", 12500));
        await h.Client.QueryAsync("order-1", 12500, "NOK");
        await h.Client.QueryAsync("order-1", 12500, "NOK");
        await h.Client.RefundAsync("order-1", "refund-1", 100, "NOK", "test");
        await h.PostNotificationAsync(new[] { new KeyValuePair<string, string>("sign", "Zm9yZ2VkIHNpZ25hdHVyZQ=="), new("sign_type", "RSA2") });

        IReadOnlyCollection<string> log = h.LogLines;
        Assert.Contains(log, l => l.Contains("alipay.acquire.precreate order-1 -> Created", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("notification order-1 -> verified TRADE_SUCCESS", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("refused: bad_signature", StringComparison.Ordinal));
        foreach (string line in log)
        {
            foreach (string secret in SecretFragments(h.Options)) Assert.DoesNotContain(secret, line);
            Assert.DoesNotContain("Zm9yZ2VkIHNpZ25hdHVyZQ==", line);
            Assert.DoesNotContain("sign=", line);
        }
    }

    [Theory]
    [InlineData("PartnerId", "Alipay PartnerId must be 16 digits beginning with 2088")]
    [InlineData("GatewayUrl", "Alipay GatewayUrl must be an absolute https URL (plain http only on loopback)")]
    [InlineData("NotifyUrl", "Alipay NotifyUrl must be an absolute URL")]
    [InlineData("Keys", "Alipay sign type RSA2 needs PrivateKeyPem and AlipayPublicKeyPem")]
    [InlineData("Currency", "Alipay SettlementCurrency must be one of NOK, SEK, DKK, EUR")]
    public async Task Bad_settings_are_refused_naming_the_setting(string broken, string message)
    {
        await using var h = await AlipayHarness.StartAsync();
        AlipayOptions o = AlipayConnectorTests.CopyOf(h.Options);
        switch (broken)
        {
            case "PartnerId": o.PartnerId = "1234"; break;
            case "GatewayUrl": o.GatewayUrl = "http://intlmapi.alipay.com/gateway.do"; break;
            case "NotifyUrl": o.NotifyUrl = "not a url"; break;
            case "Keys": o.AlipayPublicKeyPem = ""; break;
            case "Currency": o.SettlementCurrency = "ISK"; break;
        }

        var e = Assert.Throws<ArgumentException>(() => h.NewClient(o));

        Assert.Equal(message, e.Message);
    }
}
